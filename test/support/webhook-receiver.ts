import * as http from 'http';
import type { AddressInfo } from 'net';
import { Webhook } from 'standardwebhooks';
import { waitFor } from './wait';

export interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
  /** The JSON payload when the signature verified with one of `secrets`, else null. */
  verified: { type: string; timestamp: string; data: Record<string, unknown> } | null;
}

const answer = (res: http.ServerResponse, status: number) => res.writeHead(status, { 'content-type': 'text/plain' }).end(`answered ${status}`);

/**
 * A real HTTP server on 127.0.0.1 that receives webhooks the way a subscriber would: it verifies every
 * request with the standardwebhooks library against the secrets it was given, and answers with the
 * status `respond` chooses ('hang' answers only on release()). It can be stopped and started again on the same port.
 */
export class WebhookReceiver {
  readonly received: Received[] = [];
  secrets: string[] = [];
  respond: (r: Received, n: number) => number | 'hang' = () => 204;
  private server?: http.Server;
  private readonly hung: http.ServerResponse[] = [];
  port = 0;

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const r: Received = { headers: req.headers, body, at: Date.now(), verified: this.verify(body, req.headers) };
        this.received.push(r);
        const status = this.respond(r, this.received.length);
        if (status === 'hang') {
          this.hung.push(res);
          return;
        }
        answer(res, status);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** Answers every hung request now with `status`. */
  release(status: number): void {
    for (const res of this.hung.splice(0)) answer(res, status);
  }

  /** Down: closes the listener and every open connection (the port then refuses). */
  async stop(): Promise<void> {
    const s = this.server;
    if (!s) return;
    this.server = undefined;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/hook`;
  }

  verify(body: string, headers: http.IncomingHttpHeaders): Received['verified'] {
    const h = { 'webhook-id': String(headers['webhook-id']), 'webhook-timestamp': String(headers['webhook-timestamp']), 'webhook-signature': String(headers['webhook-signature']) };
    for (const s of this.secrets) {
      try {
        return new Webhook(s).verify(body, h) as Received['verified'];
      } catch {
        /* try the next secret */
      }
    }
    return null;
  }

  ofType(type: string): Received[] {
    return this.received.filter((r) => r.verified?.type === type);
  }

  waitFor(what: string, pred: (all: Received[]) => boolean, timeoutMs = 10_000): Promise<boolean> {
    return waitFor(what, () => pred(this.received), timeoutMs);
  }
}
