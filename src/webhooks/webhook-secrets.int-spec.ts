import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../test/support/databases';
import { AppConfig, loadConfig } from '../config/configuration';
import { Storage } from '../storage/storage';
import { newSecret } from './signing';
import { WebhookSecrets } from './webhook-secrets';
import { SubscriptionRow, SubscriptionsRepository } from './subscriptions.repository';

const keyIdOf = (sealed: string) => sealed.split('.')[1];

describe.each(databaseKinds())('webhook secrets at rest on %s', (kind) => {
  let tdb: TestDatabase;
  let storage: Storage;
  let repo: SubscriptionsRepository;
  let config: AppConfig;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    config = tdb.storage()(loadConfig({}));
    storage = await Storage.open(config.storage);
    repo = new SubscriptionsRepository(storage);
  });
  // Each test starts without rows: a row sealed with another test's key would (rightly) stop the start.
  afterEach(async () => {
    await storage.db.deleteFrom('webhook_subscriptions').execute();
  });
  afterAll(async () => {
    await storage?.close();
    await tdb?.drop();
  });

  const secrets = (key: Buffer | null, previousKeys: Buffer[] = []) => new WebhookSecrets({ ...config, secrets: { key, previousKeys } }, storage, repo);
  const row = async (id: string) => (await repo.get(id))!;
  async function insert(secret: string, previous: string | null = null): Promise<string> {
    const id = `wh-${randomBytes(4).toString('hex')}`;
    const s: SubscriptionRow = { id, url: 'http://example.com/h', description: null, event_types: '["moderation.completed"]', enabled: 1, secret, previous_secret: previous, previous_secret_expires_at: previous ? Date.now() + 60_000 : null, failing_since: null, disabled_at: null, disabled_reason: null, created_by: 't', created_at: 1, updated_at: 1 };
    await repo.insert(storage.db, s);
    return id;
  }

  it('start-up encrypts plain-text rows; the raw row then holds no trace of either secret', async () => {
    const [plain, previous] = [newSecret(), newSecret()];
    const id = await insert(plain, previous);
    const box = secrets(randomBytes(32));
    await box.onModuleInit();
    const r = await row(id);
    for (const s of [plain, previous]) expect(JSON.stringify(r)).not.toContain(s.slice('whsec_'.length, 30));
    expect(box.open(r, r.secret)).toBe(plain);
    expect(box.live(r, Date.now())).toEqual([plain, previous]);
  });

  it('key rotation: with the old key in SECRETS_KEY_PREVIOUS, start-up re-encrypts every row with the new key; an unknown key stops the start naming SECRETS_KEY', async () => {
    const [k1, k2] = [randomBytes(32), randomBytes(32)];
    const plain = newSecret();
    const first = secrets(k1);
    const id = await insert(first.seal('placeholder', 'x'));
    await repo.update(storage.db, id, { secret: first.seal(id, plain) });
    const sealedByK1 = (await row(id)).secret;
    // The new key alone cannot open what the old one sealed: the start fails, naming what to set.
    await expect(secrets(k2).onModuleInit()).rejects.toThrow(/cannot be decrypted.*SECRETS_KEY.*SECRETS_KEY_PREVIOUS/);
    expect((await row(id)).secret).toBe(sealedByK1);
    const rotating = secrets(k2, [k1]);
    await rotating.onModuleInit();
    const resealed = (await row(id)).secret;
    expect(keyIdOf(resealed)).not.toBe(keyIdOf(sealedByK1));
    // From now on the new key alone is enough, and the old one no longer opens the row.
    const after = secrets(k2);
    await after.onModuleInit();
    expect(after.open(await row(id), resealed)).toBe(plain);
    expect(() => secrets(k1).open({ id } as SubscriptionRow, resealed)).toThrow(/cannot be decrypted/);
  });

  it('without SECRETS_KEY the key file in DATA_DIR is created once (0600) and reused by the next start', async () => {
    const keyFile = path.join(config.storage.dataDir, 'secrets.key');
    fs.rmSync(keyFile, { force: true });
    const a = secrets(null);
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    const id = await insert(newSecret());
    await a.onModuleInit();
    const b = secrets(null);
    const r = await row(id);
    expect(b.open(r, r.secret)).toBe(a.open(r, r.secret));
  });
});
