import { Inject, Injectable } from '@nestjs/common';
import * as http from 'http';
import * as https from 'https';
import { isIP } from 'net';
import { performance } from 'perf_hooks';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { AddressPolicy } from './address-policy';
import { HostResolver, ResolvedAddress } from './resolver';

export interface SafeRequest {
  method?: 'GET' | 'POST';
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Whole exchange, every redirect hop included. */
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
}

export interface SafeResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** The URL that answered (after redirects) and the address it was reached at. */
  url: string;
  address: string;
  durationMs: number;
}

export type SafeHttpFailure = 'invalid_url' | 'not_allowed' | 'dns' | 'timeout' | 'too_large' | 'too_many_redirects' | 'network';

export class SafeHttpError extends Error {
  constructor(
    readonly reason: SafeHttpFailure,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Outbound HTTP that cannot be pointed at the inside of the network (SSRF). Hand-written on purpose:
 * the checks must sit between DNS and connect on every hop, and no single library does all of it
 * (resolve, judge every address, pin the judged address for the socket, follow redirects manually
 * re-judging each hop, bound bytes and total time) with an injectable resolver for tests. The range
 * table itself comes from ipaddr.js (address-policy.ts).
 *
 * Pinning: the agent's `lookup` answers with the address we judged, so a second DNS answer (DNS
 * rebinding) can never be the one we connect to; TLS still verifies the certificate against the host
 * name. Refusals happen before any socket is opened.
 */
@Injectable()
export class SafeHttp {
  private readonly policy: AddressPolicy;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly resolver: HostResolver,
  ) {
    this.policy = new AddressPolicy(config.fetch.allowCidrs);
  }

  async request(req: SafeRequest): Promise<SafeResponse> {
    const t0 = performance.now();
    const deadline = Date.now() + req.timeoutMs;
    let url = this.parse(req.url);
    let method = req.method ?? 'GET';
    let body = req.body;
    for (let hop = 0; ; hop++) {
      const target = hop === 0 ? await this.judge(url, deadline) : await this.judgeHop(url, deadline);
      const res = await this.exchange(url, target, method, req.headers ?? {}, body, deadline, req.maxBytes);
      const location = res.headers.location;
      if (REDIRECTS.has(res.status) && location && req.maxRedirects >= 0) {
        if (hop >= req.maxRedirects) throw new SafeHttpError('too_many_redirects', `more than ${req.maxRedirects} redirect(s)`, { url: url.toString() });
        url = await this.nextHop(location, url, deadline);
        if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
        }
        continue;
      }
      return { ...res, url: url.toString(), address: target.address, durationMs: performance.now() - t0 };
    }
  }

  /**
   * Parses and judges a redirect target. A refusal names the hop (credentials removed), so that the
   * caller sees which redirect was refused, not only that the URL they gave was fine.
   */
  private async nextHop(location: string, from: URL, deadline: number): Promise<URL> {
    let hop: URL;
    try {
      hop = new URL(location, from);
    } catch {
      throw new SafeHttpError('invalid_url', 'the redirect target is not a valid URL', { hop: null });
    }
    const shown = withoutCredentials(hop);
    try {
      return this.parse(hop.toString());
    } catch (e) {
      if (!(e instanceof SafeHttpError)) throw e;
      throw new SafeHttpError(e.reason, `redirect to ${shown} refused: ${e.message}`, { ...e.details, hop: shown });
    }
  }

  /** judge() for a redirect target: the caller gave the first URL, but only the server knows the hops. */
  private async judgeHop(url: URL, deadline: number): Promise<ResolvedAddress> {
    try {
      return await this.judge(url, deadline);
    } catch (e) {
      if (!(e instanceof SafeHttpError) || e.reason === 'timeout') throw e;
      const shown = withoutCredentials(url);
      throw new SafeHttpError(e.reason, `redirect to ${shown} ${e.reason === 'not_allowed' ? 'refused' : 'failed'}: ${e.message}`, { ...e.details, hop: shown });
    }
  }

  /** Resolves and judges a URL without connecting (used to refuse a webhook URL up front). */
  async check(raw: string, timeoutMs = 5000): Promise<void> {
    await this.judge(this.parse(raw), Date.now() + timeoutMs);
  }

  private parse(raw: string): URL {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      throw new SafeHttpError('invalid_url', 'not an absolute URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new SafeHttpError('invalid_url', `scheme ${url.protocol} is not allowed (http and https only)`);
    if (url.username || url.password) throw new SafeHttpError('invalid_url', 'URLs with credentials are not allowed');
    return url;
  }

  /** Resolves the host and refuses it if ANY of its addresses is refused (no racing the resolver for a good one). */
  private async judge(url: URL, deadline: number): Promise<ResolvedAddress> {
    const host = url.hostname.replace(/^\[|\]$/g, '');
    let addresses: ResolvedAddress[];
    if (isIP(host)) addresses = [{ address: host, family: isIP(host) === 6 ? 6 : 4 }];
    else {
      try {
        addresses = await withDeadline(this.resolver.resolve(host), deadline);
      } catch (e) {
        if (e instanceof SafeHttpError) throw e;
        throw new SafeHttpError('dns', `could not resolve ${host}`, { host });
      }
      if (!addresses.length) throw new SafeHttpError('dns', `no address for ${host}`, { host });
    }
    for (const a of addresses) {
      const range = this.policy.refusal(a.address);
      // Never the resolved address itself: echoing it would let a caller map internal host names.
      if (range) throw new SafeHttpError('not_allowed', `${host} ${isIP(host) ? 'is' : 'resolves to'} a ${range} address, which is not allowed`, { host, range });
    }
    return addresses[0];
  }

  private exchange(
    url: URL,
    target: ResolvedAddress,
    method: string,
    headers: Record<string, string>,
    body: string | Buffer | undefined,
    deadline: number,
    maxBytes: number,
  ): Promise<Omit<SafeResponse, 'url' | 'address' | 'durationMs'>> {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return Promise.reject(new SafeHttpError('timeout', 'timed out'));
    const lib = url.protocol === 'https:' ? https : http;
    // The pinned lookup: whatever the socket asks, it gets the address we judged.
    const lookup = (_h: string, opts: { all?: boolean }, cb: (...a: unknown[]) => void) =>
      opts?.all ? cb(null, [{ address: target.address, family: target.family }]) : cb(null, target.address, target.family);
    return new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body);
      const r = lib.request(url, {
        method,
        lookup: lookup as never,
        agent: false,
        headers: { 'user-agent': 'clipguard', ...headers, ...(payload ? { 'content-length': String(payload.length) } : {}) },
      });
      let settled = false;
      // Settles once, then tears the exchange down: after the response started, destroying the request
      // no longer reports through its 'error' event, so every exit path rejects explicitly.
      const fail = (e: unknown) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        r.destroy();
        reject(e instanceof SafeHttpError ? e : new SafeHttpError('network', (e as Error)?.message ?? 'network error', { url: url.toString() }));
      };
      const timer = setTimeout(() => fail(new SafeHttpError('timeout', 'no complete answer within the time limit', { url: url.toString() })), remaining);
      r.on('error', fail);
      r.on('response', (res) => {
        const declared = Number(res.headers['content-length']);
        if (Number.isFinite(declared) && declared > maxBytes) {
          fail(new SafeHttpError('too_large', `response declares ${declared} bytes, over the ${maxBytes} byte limit`, { limit: maxBytes }));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > maxBytes) fail(new SafeHttpError('too_large', `response is over the ${maxBytes} byte limit`, { limit: maxBytes }));
          else chunks.push(c);
        });
        res.on('error', fail);
        res.on('aborted', () => fail(new SafeHttpError('network', 'connection closed mid-response', { url: url.toString() })));
        res.on('end', () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
        });
      });
      r.end(payload);
    });
  }
}

function withoutCredentials(url: URL): string {
  const u = new URL(url.toString());
  u.username = '';
  u.password = '';
  return u.toString();
}

function withDeadline<T>(p: Promise<T>, deadline: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new SafeHttpError('timeout', 'DNS resolution timed out')), Math.max(0, deadline - Date.now()));
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e) => (clearTimeout(t), reject(e)),
    );
  });
}
