import type { PullProgress } from './model-pull';

const MB = 1024 * 1024;

function mb(n: number): string {
  return (n / MB).toFixed(1);
}

/**
 * One status line per file on stderr (stdout stays clean for scripts). On a terminal the line is
 * redrawn in place at most every 100 ms; elsewhere (CI logs) only the finished line is printed.
 */
export class ProgressBar {
  private lastDraw = 0;
  private startedAt = new Map<string, { t: number; bytes: number }>();

  constructor(
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly width = 30,
  ) {}

  update(p: PullProgress): void {
    const now = Date.now();
    if (!this.startedAt.has(p.file)) this.startedAt.set(p.file, { t: now, bytes: p.received });
    const tty = Boolean(this.out.isTTY);
    if (!p.done && (!tty || now - this.lastDraw < 100)) return;
    this.lastDraw = now;
    const line = this.render(p, now);
    this.out.write(tty ? `\r${line}\x1b[K${p.done ? '\n' : ''}` : `${line}\n`);
    if (p.done) this.startedAt.delete(p.file);
  }

  render(p: PullProgress, now = Date.now()): string {
    const start = this.startedAt.get(p.file) ?? { t: now, bytes: p.received };
    const secs = Math.max(0.001, (now - start.t) / 1000);
    const rate = `${mb((p.received - start.bytes) / secs)} MB/s`;
    if (p.total === undefined || p.total === 0) return `${p.file}  ${mb(p.received)} MB  ${rate}`;
    const frac = Math.min(1, p.received / p.total);
    const filled = Math.round(frac * this.width);
    const bar = '#'.repeat(filled) + '.'.repeat(this.width - filled);
    return `${p.file}  [${bar}] ${String(Math.floor(frac * 100)).padStart(3)}%  ${mb(p.received)}/${mb(p.total)} MB  ${rate}`;
  }
}
