#!/usr/bin/env node
// The module map of docs/architecture.md, drawn from the imports: reads dependency-cruiser's JSON on
// stdin and prints one Markdown row per folder of src/ with the folders it imports.
//   npm run -s docs:modules
const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', () => {
  const result = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  const folder = (p) => (/^src\/([^/]+)\//.exec(p) ?? [])[1] ?? (/^src\/[^/]+$/.test(p) ? '(root)' : null);
  const edges = new Map();
  for (const m of result.modules) {
    const from = folder(m.source);
    if (!from) continue;
    if (!edges.has(from)) edges.set(from, new Set());
    for (const d of m.dependencies) {
      const to = folder(d.resolved);
      if (to && to !== from) edges.get(from).add(to);
    }
  }
  const rows = [...edges.keys()].sort().map((f) => `| \`${f}\` | ${[...edges.get(f)].sort().map((t) => `\`${t}\``).join(', ') || '(nothing)'} |`);
  console.log(['| folder | imports from |', '|---|---|', ...rows].join('\n'));
});
