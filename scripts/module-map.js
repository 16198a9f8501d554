#!/usr/bin/env node
// The module map of docs/architecture.md, drawn from the imports: reads dependency-cruiser's JSON on
// stdin and prints one Markdown row per folder of src/ with the folders it imports.
//   npm run -s docs:modules                 print the table
//   ... | node scripts/module-map.js --check docs/architecture.md
//       fail when two folders import each other through any path (a folder cycle: no layer order
//       exists) or when the table in the document differs from the imports (run by `npm run lint:deps`)
const fs = require('fs');

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
  const table = ['| folder | imports from |', '|---|---|', ...rows].join('\n');
  const i = process.argv.indexOf('--check');
  if (i < 0) return console.log(table);

  const problems = folderCycles(edges).map((c) => `folder cycle: ${c.join(' -> ')} -> ${c[0]}`);
  const doc = process.argv[i + 1];
  const text = fs.readFileSync(doc, 'utf8');
  const start = text.indexOf('| folder | imports from |');
  const end = text.indexOf('\n\n', start);
  if (start < 0 || text.slice(start, end < 0 ? undefined : end).trim() !== table) problems.push(`${doc}: the module map differs from the imports; regenerate it with npm run -s docs:modules`);
  for (const p of problems) console.error(p);
  if (problems.length) process.exit(1);
  console.log(`module map: ${edges.size} folders, no folder cycle, ${doc} up to date`);
});

/** Strongly connected components with more than one folder (Tarjan). */
function folderCycles(edges) {
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const out = [];
  let n = 0;
  const visit = (v) => {
    index.set(v, n);
    low.set(v, n++);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v), low.get(w)));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v), index.get(w)));
    }
    if (low.get(v) === index.get(v)) {
      const comp = [];
      let w;
      do {
        w = stack.pop();
        onStack.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1) out.push(comp.reverse());
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return out;
}
