import * as http from 'http';
import type { AddressInfo } from 'net';

/**
 * A real HTTP origin on 127.0.0.1 for URL intake: serves images, redirects (also to addresses the
 * service must refuse), slow and oversized answers. Counts requests per path, and the most that were
 * ever in flight at once per path.
 */
export class ImageServer {
  readonly hits: string[] = [];
  readonly maxConcurrent = new Map<string, number>();
  private readonly current = new Map<string, number>();
  /** Paths whose first N requests hang (never answered) until release(). */
  hang = new Map<string, number>();
  delayMs = 0;
  private server?: http.Server;
  private readonly hung: { res: http.ServerResponse; answer: () => void }[] = [];
  port = 0;

  constructor(private readonly routes: Record<string, (res: http.ServerResponse, url: URL) => void>) {}

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      this.hits.push(url.pathname);
      const n = (this.current.get(url.pathname) ?? 0) + 1;
      this.current.set(url.pathname, n);
      this.maxConcurrent.set(url.pathname, Math.max(n, this.maxConcurrent.get(url.pathname) ?? 0));
      const done = () => this.current.set(url.pathname, (this.current.get(url.pathname) ?? 1) - 1);
      res.on('close', done);
      const route = this.routes[url.pathname] ?? Object.entries(this.routes).find(([p]) => p.endsWith('*') && url.pathname.startsWith(p.slice(0, -1)))?.[1];
      const go = () => (route ? route(res, url) : res.writeHead(404).end('not found'));
      const h = this.hang.get(url.pathname) ?? 0;
      if (h > 0) {
        this.hang.set(url.pathname, h - 1);
        this.hung.push({ res, answer: go });
        return;
      }
      if (this.delayMs) setTimeout(go, this.delayMs);
      else go();
    });
    await new Promise<void>((r) => this.server!.listen(this.port, '127.0.0.1', r));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  url(path: string, host = '127.0.0.1'): string {
    return `http://${host}:${this.port}${path}`;
  }

  count(path: string): number {
    return this.hits.filter((h) => h === path).length;
  }

  /** Answers every hung request (with its route) now. */
  release(): void {
    for (const h of this.hung.splice(0)) h.answer();
  }

  async stop(): Promise<void> {
    for (const h of this.hung.splice(0)) h.res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }
}
