/**
 * A line diff in unified format (what `diff -u` prints, without file headers), for the "diff
 * against the previous version" of a policy change. Policy files are small, so a plain LCS table
 * is fine; beyond ~4000 x 4000 lines it falls back to "replace everything".
 */
export function unifiedDiff(before: string, after: string, context = 3): string {
  if (before === after) return '';
  const a = before.split('\n');
  const b = after.split('\n');
  const ops: { op: ' ' | '-' | '+'; line: string }[] = [];
  if (a.length * b.length > 16_000_000) {
    a.forEach((line) => ops.push({ op: '-', line }));
    b.forEach((line) => ops.push({ op: '+', line }));
  } else {
    const m = a.length, n = b.length;
    const lcs = Array.from({ length: m + 1 }, () => new Uint32Array(n + 1));
    for (let i = m - 1; i >= 0; i--) for (let j = n - 1; j >= 0; j--) lcs[i][j] = a[i] === b[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    let i = 0, j = 0;
    while (i < m || j < n) {
      if (i < m && j < n && a[i] === b[j]) (ops.push({ op: ' ', line: a[i] }), i++, j++);
      else if (i < m && (j === n || lcs[i + 1][j] >= lcs[i][j + 1])) (ops.push({ op: '-', line: a[i] }), i++);
      else (ops.push({ op: '+', line: b[j] }), j++);
    }
  }
  // Group changes into hunks with `context` unchanged lines around them.
  const out: string[] = [];
  let k = 0;
  while (k < ops.length) {
    if (ops[k].op === ' ') {
      k++;
      continue;
    }
    let start = Math.max(0, k - context);
    let end = k;
    while (end < ops.length) {
      if (ops[end].op !== ' ') {
        end++;
        continue;
      }
      let run = 0;
      while (end + run < ops.length && ops[end + run].op === ' ') run++;
      if (end + run >= ops.length || run > 2 * context) {
        end = Math.min(ops.length, end + context);
        break;
      }
      end += run;
    }
    let aLine = 1, bLine = 1;
    for (let q = 0; q < start; q++) {
      if (ops[q].op !== '+') aLine++;
      if (ops[q].op !== '-') bLine++;
    }
    const hunk = ops.slice(start, end);
    const aCount = hunk.filter((o) => o.op !== '+').length;
    const bCount = hunk.filter((o) => o.op !== '-').length;
    out.push(`@@ -${aCount ? aLine : aLine - 1},${aCount} +${bCount ? bLine : bLine - 1},${bCount} @@`);
    for (const o of hunk) out.push(`${o.op}${o.line}`);
    k = end;
    start = end;
  }
  return out.join('\n') + '\n';
}
