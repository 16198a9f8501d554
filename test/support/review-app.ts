import { INestApplication } from '@nestjs/common';
import * as path from 'path';
import type { StorageConfig } from '../../src/config/configuration';
import { bootApp, FIXTURES } from '../helpers/app';
import type { TestDatabase } from './databases';

/** API keys of the review tests: one per role, two moderators. */
export const KEYS = {
  ingest: { name: 'uploader', key: 'ingest-key-0123456789', roles: ['ingest'] },
  ingest2: { name: 'other-platform', key: 'ingest-key-2-0123456789', roles: ['ingest'] },
  modA: { name: 'mod-a', key: 'moderator-a-0123456789', roles: ['moderator'] },
  modB: { name: 'mod-b', key: 'moderator-b-0123456789', roles: ['moderator'] },
  policyAdmin: { name: 'policy-admin', key: 'policy-admin-0123456789', roles: ['policy-admin'] },
  admin: { name: 'root', key: 'admin-key-0123456789ab', roles: ['admin'] },
};
export type KeyName = keyof typeof KEYS;
export const bearer = (k: KeyName) => ({ Authorization: `Bearer ${KEYS[k].key}` });

/** Policies whose decision is chosen by `?policies=` (test/fixtures/review-policies). */
export const REVIEW_POLICIES = path.join(FIXTURES, 'review-policies');

export function bootReviewApp(db: TestDatabase, extra: Partial<StorageConfig> = {}): Promise<INestApplication> {
  return bootApp((c) => ({
    ...db.storage(extra)(c),
    auth: { keys: Object.values(KEYS) },
    policies: { ...c.policies, dir: REVIEW_POLICIES },
  }));
}
