import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migration, MigrationProvider, Migrator, PostgresDialect, sql, SqliteDialect } from 'kysely';
import * as path from 'path';
import { Pool } from 'pg';
import { createTestDatabase, databaseKinds, TestDatabase } from '../../../test/support/databases';
import { loadConfig } from '../../config/configuration';
import type { Dialect } from '../database.types';
import { Storage } from '../storage';
import { CodeMigrations } from './index';
import { policyVersionsMigration } from './0007-policy-versions';

const IMMUTABLE = { message: expect.stringMatching(/immutable/) };

/** A fixed set of migrations by name: how a database was migrated by an older build. */
class Named implements MigrationProvider {
  constructor(private readonly migrations: Record<string, Migration>) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return this.migrations;
  }
}

/**
 * The migrations of the builds before 0007: the storage list up to `upTo`, and the policy feature's own
 * migrator (history in `policy_migrations`) with its two migrations under their old names.
 */
async function migrateAsOldBuild(db: Kysely<unknown>, dialect: Dialect, upTo: string, policy: string[]): Promise<void> {
  const all = await new CodeMigrations(dialect).getMigrations();
  const storage = Object.fromEntries(Object.entries(all).filter(([name]) => name <= upTo));
  const main = await new Migrator({ db, provider: new Named(storage) }).migrateToLatest();
  if (main.error) throw main.error;
  const old: Record<string, Migration> = {
    '0001_policy_versions': policyVersionsMigration(dialect),
    '0002_diff_base_and_removals': {
      async up(d: Kysely<unknown>) {
        await d.schema.alterTable('policy_versions').addColumn('diff_base', 'integer').execute();
        await d.schema.alterTable('policy_activations').addColumn('removed', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      },
    },
  };
  const pol = await new Migrator({
    db,
    provider: new Named(Object.fromEntries(policy.map((n) => [n, old[n]]))),
    migrationTableName: 'policy_migrations',
    migrationLockTableName: 'policy_migrations_lock',
  }).migrateToLatest();
  if (pol.error) throw pol.error;
}

function rawDb(tdb: TestDatabase): Kysely<unknown> {
  if (tdb.kind === 'postgres') return new Kysely({ dialect: new PostgresDialect({ pool: new Pool({ connectionString: tdb.databaseUrl!, max: 1 }) }) });
  return new Kysely({ dialect: new SqliteDialect({ database: new BetterSqlite3(path.join(tdb.dataDir, 'clipguard.db')) }) });
}

async function tableExists(storage: Storage, table: string): Promise<boolean> {
  const r =
    storage.dialect === 'postgres'
      ? await sql<{ t: string | null }>`select to_regclass(${table})::text as t`.execute(storage.db)
      : await sql<{ t: string }>`select name as t from sqlite_master where type = 'table' and name = ${table}`.execute(storage.db);
  return !!r.rows[0]?.t;
}

const applied = async (storage: Storage) => (await sql<{ name: string }>`select name from kysely_migration order by name`.execute(storage.db)).rows.map((r) => r.name);
const ALL = ['0001_initial', '0002_integration', '0003_webhook_hold', '0004_limits', '0005_banks', '0006_bank_signals', '0007_policy_versions', '0008_policy_diff_base', '0009_event_request_id'];

describe.each(databaseKinds())('one migration history on %s', (kind) => {
  let tdb: TestDatabase;
  let storage: Storage | null = null;
  beforeEach(async () => {
    tdb = await createTestDatabase(kind);
  });
  afterEach(async () => {
    await storage?.close();
    storage = null;
    await tdb.drop();
  });
  const open = async () => (storage = await Storage.open(tdb.storage()(loadConfig({})).storage));

  it('a new database gets every table from the one migrator, and no policy_migrations', async () => {
    const s = await open();
    expect(await applied(s)).toEqual(ALL);
    expect(await tableExists(s, 'policy_versions')).toBe(true);
    expect(await tableExists(s, 'policy_migrations')).toBe(false);
    await s.db.insertInto('policy_versions').values({ id: 'v1', name: 'p', version: 1, text: 't', sha: 's', file: 'f', source: 'api', author: 'a', comment: null, created_at: 1, diff: '', diff_base: null }).execute();
    await s.db.insertInto('policy_activations').values({ name: 'p', version_id: 'v1', actor: 'a', at: 2, comment: null, removed: 0 }).execute();
    await expect(s.db.updateTable('policy_versions').set({ text: 'changed' }).execute()).rejects.toMatchObject(IMMUTABLE);
  });

  it('a database migrated by the old separate policy migrator keeps its versions and is not re-migrated', async () => {
    const old = rawDb(tdb);
    try {
      await migrateAsOldBuild(old, kind, '0006_bank_signals', ['0001_policy_versions', '0002_diff_base_and_removals']);
      await sql`insert into policy_versions (id, name, version, text, sha, file, source, author, comment, created_at, diff, diff_base) values ('v1', 'p', 1, 'old text', 's', 'f', 'api', 'a', null, 1, '', null)`.execute(old);
      await sql`insert into policy_activations (name, version_id, actor, at, comment, removed) values ('p', 'v1', 'a', 2, null, 0)`.execute(old);
    } finally {
      await old.destroy();
    }
    const s = await open();
    expect(await applied(s)).toEqual(ALL);
    expect(await tableExists(s, 'policy_migrations')).toBe(false);
    expect(await tableExists(s, 'policy_migrations_lock')).toBe(false);
    expect(await s.db.selectFrom('policy_versions').select(['id', 'text']).execute()).toEqual([{ id: 'v1', text: 'old text' }]);
    const a = await s.db.selectFrom('policy_activations').select(['seq', 'version_id', 'removed']).execute();
    expect(a.map((r) => [Number(r.seq), r.version_id, Number(r.removed)])).toEqual([[1, 'v1', 0]]);
    await s.db.insertInto('policy_activations').values({ name: 'p', version_id: 'v1', actor: 'a', at: 3, comment: null, removed: 1 }).execute();
    await expect(s.db.deleteFrom('policy_versions').execute()).rejects.toMatchObject(IMMUTABLE);
    // Opening again (a second instance, a restart) finds nothing to do.
    await s.close();
    const again = await open();
    expect(await applied(again)).toEqual(ALL);
  });

  it('an older database (storage at 0004, policy migrator at its first migration) gets the rest in order', async () => {
    const old = rawDb(tdb);
    try {
      await migrateAsOldBuild(old, kind, '0004_limits', ['0001_policy_versions']);
      await sql`insert into policy_versions (id, name, version, text, sha, file, source, author, comment, created_at, diff) values ('v1', 'p', 1, 'old text', 's', 'f', 'api', 'a', null, 1, '')`.execute(old);
    } finally {
      await old.destroy();
    }
    const s = await open();
    expect(await applied(s)).toEqual(ALL);
    expect(await tableExists(s, 'banks')).toBe(true);
    const v = await s.db.selectFrom('policy_versions').select(['id', 'diff_base']).execute();
    expect(v).toEqual([{ id: 'v1', diff_base: null }]);
    await s.db.insertInto('policy_activations').values({ name: 'p', version_id: 'v1', actor: 'a', at: 2, comment: null, removed: 1 }).execute();
    expect(await tableExists(s, 'policy_migrations')).toBe(false);
  });
});
