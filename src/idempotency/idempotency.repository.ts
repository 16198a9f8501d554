import { Injectable } from '@nestjs/common';
import type { Executor, IdempotencyKeysTable } from '../storage/database.types';
import { Storage } from '../storage/storage';

export type IdempotencyKeyRow = IdempotencyKeysTable;

/** The stored answer of a completed request (see reply.ts serialise). */
export interface StoredAnswer {
  status: number;
  headers: string | null;
  body: Buffer | null;
}

/** SQL for `idempotency_keys`: reservations per (client, key) and the answers stored with them. */
@Injectable()
export class IdempotencyRepository {
  constructor(private readonly storage: Storage) {}

  private get db(): Executor {
    return this.storage.db;
  }

  find(client: string, key: string): Promise<IdempotencyKeyRow | undefined> {
    return this.db.selectFrom('idempotency_keys').selectAll().where('client', '=', client).where('key', '=', key).executeTakeFirst();
  }

  /** Throws when (client, key) is already reserved (primary key). */
  async reserve(row: IdempotencyKeyRow): Promise<void> {
    await this.db.insertInto('idempotency_keys').values(row).execute();
  }

  async deleteIfExpired(client: string, key: string, now: number): Promise<void> {
    await this.db.deleteFrom('idempotency_keys').where('client', '=', client).where('key', '=', key).where('expires_at', '<=', now).execute();
  }

  /** Frees a reservation that got no answer, so a retry may run. */
  async release(client: string, key: string): Promise<void> {
    await this.db.deleteFrom('idempotency_keys').where('client', '=', client).where('key', '=', key).where('status', '=', 'in_progress').execute();
  }

  /** Takes over an unanswered reservation whose lock is still `lockedUntil` (compare-and-set); true when this call won. */
  async relock(client: string, key: string, lockedUntil: number, until: number): Promise<boolean> {
    const r = await this.db
      .updateTable('idempotency_keys')
      .set({ locked_until: until })
      .where('client', '=', client)
      .where('key', '=', key)
      .where('status', '=', 'in_progress')
      .where('locked_until', '=', lockedUntil)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async complete(client: string, key: string, answer: StoredAnswer): Promise<void> {
    await this.db
      .updateTable('idempotency_keys')
      .set({ status: 'completed', response_status: answer.status, response_headers: answer.headers, response_body: answer.body })
      .where('client', '=', client)
      .where('key', '=', key)
      .execute();
  }

  /** Inside the decision's transaction: the reservation holding this moderation id is answered. */
  async completeModeration(exec: Executor, moderationId: string, answer: StoredAnswer): Promise<void> {
    await exec
      .updateTable('idempotency_keys')
      .set({ status: 'completed', response_status: answer.status, response_headers: answer.headers, response_body: answer.body })
      .where('moderation_id', '=', moderationId)
      .execute();
  }

  async deleteExpired(now: number): Promise<void> {
    await this.db.deleteFrom('idempotency_keys').where('expires_at', '<=', now).execute();
  }
}
