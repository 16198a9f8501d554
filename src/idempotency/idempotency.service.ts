import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { createHash, randomUUID } from 'crypto';
import { AppError } from '../common/app-error';
import { PeriodicTask } from '../common/periodic-task';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { Clock } from '../storage/clock';
import type { Executor } from '../storage/database.types';
import { IdempotencyRepository } from './idempotency.repository';
import { deserialise, Reply, serialise } from '../common/reply';
import { fieldError } from '../common/validate-dto';

const KEY = /^[\x21-\x7e]{1,255}$/;

export function fingerprint(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/**
 * Idempotency-Key (draft-ietf-httpapi-idempotency-key-header): per API-key name, the first request
 * with a key reserves it together with the moderation id it will create; a retry with the same key
 * and the same request gets the first answer again (replayed, `Idempotent-Replayed: true`) and
 * creates nothing; the same key with a different request is refused with 422
 * `idempotency_key_reused`; a retry while the first is still running gets 409 `idempotency_key_in_use`.
 *
 * The answer is stored in the transaction that stores the decision (src/jobs/moderation-commit.service.ts), so a
 * crash can't leave a committed decision whose retry would create a second one.
 */
@Injectable()
export class IdempotencyService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly log = new Logger('Idempotency');
  private readonly ttlMs: number;
  private readonly lockMs: number;
  private readonly sweeper: PeriodicTask;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly repo: IdempotencyRepository,
    private readonly clock: Clock,
  ) {
    this.ttlMs = config.idempotency.ttlMs;
    // A reservation whose request died (crash) may be taken over once a request could not still be running.
    this.lockMs = config.http.requestTimeoutMs + config.reliability.deadlineMs + 5000;
    this.sweeper = new PeriodicTask({ name: 'sweep', everyMs: Math.min(this.ttlMs, 3600_000), run: () => this.repo.deleteExpired(this.clock.now()), log: this.log });
  }

  static validKey(raw: string | undefined): string | undefined {
    if (raw === undefined) return undefined;
    if (!KEY.test(raw)) throw fieldError('Idempotency-Key', 'matches', 'Idempotency-Key must be 1..255 visible ASCII characters');
    return raw;
  }

  /**
   * Runs `work` once per (client, key): `work` gets the moderation id reserved for this key.
   * Errors the client caused (4xx) are stored and replayed; server faults release the key for a retry.
   */
  async run(client: string, key: string, print: string, work: (moderationId: string) => Promise<Reply>): Promise<Reply> {
    const reserved = await this.reserve(client, key, print);
    if ('replay' in reserved) return { ...reserved.replay, headers: { ...reserved.replay.headers, 'idempotent-replayed': 'true' } };
    let reply: Reply;
    try {
      reply = await work(reserved.moderationId);
    } catch (e) {
      if (e instanceof AppError && e.status < 500) {
        const body = { code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) };
        await this.store(client, key, { status: e.status, headers: {}, body }).catch(() => undefined);
      } else {
        await this.repo.release(client, key).catch(() => undefined);
      }
      throw e;
    }
    await this.store(client, key, reply);
    return reply;
  }

  /** Inside the decision's transaction: marks the reservation holding this moderation id as answered. */
  async completeIn(exec: Executor, moderationId: string, reply: Reply): Promise<void> {
    await this.repo.completeModeration(exec, moderationId, { status: reply.status, ...serialise(reply) });
  }

  private async store(client: string, key: string, reply: Reply): Promise<void> {
    await this.repo.complete(client, key, { status: reply.status, ...serialise(reply) });
  }

  private async reserve(client: string, key: string, print: string): Promise<{ moderationId: string } | { replay: Reply }> {
    for (let round = 0; round < 3; round++) {
      const now = this.clock.now();
      const row = await this.repo.find(client, key);
      if (!row || row.expires_at <= now) {
        if (row) await this.repo.deleteIfExpired(client, key, now);
        const moderationId = randomUUID();
        try {
          await this.repo.reserve({ client, key, fingerprint: print, status: 'in_progress', moderation_id: moderationId, response_status: null, response_headers: null, response_body: null, created_at: now, expires_at: now + this.ttlMs, locked_until: now + this.lockMs });
          return { moderationId };
        } catch {
          continue; // lost the race to another request with the same key: look again
        }
      }
      if (row.fingerprint !== print) {
        throw new AppError('idempotency_key_reused', 'this Idempotency-Key was already used with a different request', { idempotency_key: key, first_used_at: new Date(row.created_at).toISOString() });
      }
      if (row.status === 'completed') return { replay: deserialise(row.response_status ?? 200, row.response_headers, row.response_body) };
      if (row.locked_until > now) {
        throw new AppError('idempotency_key_in_use', 'a request with this Idempotency-Key is still being processed; retry later', { idempotency_key: key }, 1);
      }
      // The first request died without an answer and without committing a decision: take the reservation over.
      if (await this.repo.relock(client, key, row.locked_until, now + this.lockMs)) return { moderationId: row.moderation_id };
    }
    throw new AppError('idempotency_key_in_use', 'a request with this Idempotency-Key is being processed; retry later', { idempotency_key: key }, 1);
  }

  onApplicationBootstrap(): void {
    this.sweeper.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.sweeper.stop();
  }
}
