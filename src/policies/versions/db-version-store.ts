import { Kysely, Migration, MigrationProvider, Migrator, Selectable, sql, Transaction } from 'kysely';
import type { Database, Dialect, PolicyActivationsTable, PolicyVersionsTable } from '../../storage/database.types';
import { NewPolicyVersion, PolicyActivation, PolicyVersion, PolicyVersionStore, WithinTx } from './policy-version.types';

type PolicyDb = Kysely<Database>;

function policyVersionsMigration(dialect: Dialect): Migration {
  const pg = dialect === 'postgres';
  const ms = sql.raw(pg ? 'bigint' : 'integer');
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('policy_versions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('sha', 'text', (c) => c.notNull())
        .addColumn('file', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('comment', 'text')
        .addColumn('created_at', ms, (c) => c.notNull())
        .addColumn('diff', 'text', (c) => c.notNull())
        .addUniqueConstraint('policy_versions_name_version', ['name', 'version'])
        .execute();
      await db.schema
        .createTable('policy_activations')
        .addColumn('seq', pg ? 'bigint' : 'integer', (c) => (pg ? c.primaryKey().generatedAlwaysAsIdentity() : c.primaryKey().autoIncrement()))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('version_id', 'text', (c) => c.notNull().references('policy_versions.id'))
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('at', ms, (c) => c.notNull())
        .addColumn('comment', 'text')
        .execute();
      await db.schema.createIndex('policy_activations_name').on('policy_activations').columns(['name', 'seq']).execute();
      // Versions are immutable: the database refuses updates and deletes, as for audit_log.
      if (pg) {
        await sql`CREATE FUNCTION policy_versions_immutable() RETURNS trigger AS $$
          BEGIN RAISE EXCEPTION 'policy versions are immutable'; END $$ LANGUAGE plpgsql`.execute(db);
        await sql`CREATE TRIGGER policy_versions_immutable BEFORE UPDATE OR DELETE ON policy_versions
          FOR EACH ROW EXECUTE FUNCTION policy_versions_immutable()`.execute(db);
      } else {
        await sql`CREATE TRIGGER policy_versions_no_update BEFORE UPDATE ON policy_versions
          BEGIN SELECT RAISE(ABORT, 'policy versions are immutable'); END`.execute(db);
        await sql`CREATE TRIGGER policy_versions_no_delete BEFORE DELETE ON policy_versions
          BEGIN SELECT RAISE(ABORT, 'policy versions are immutable'); END`.execute(db);
      }
    },
  };
}

/** Which version a diff was taken against; activation rows that remove a document from the set. */
const diffBaseAndRemovals: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('policy_versions').addColumn('diff_base', 'integer').execute();
    await db.schema.alterTable('policy_activations').addColumn('removed', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  },
};

class PolicyMigrations implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return { '0001_policy_versions': policyVersionsMigration(this.dialect), '0002_diff_base_and_removals': diffBaseAndRemovals };
  }
}

type Row = PolicyVersionsTable;
const toVersion = (r: Row): PolicyVersion => ({
  id: r.id,
  name: r.name,
  version: Number(r.version),
  text: r.text,
  sha: r.sha,
  file: r.file,
  source: r.source as PolicyVersion['source'],
  author: r.author,
  comment: r.comment,
  createdAt: new Date(Number(r.created_at)).toISOString(),
  diff: r.diff,
  diffBase: r.diff_base === null || r.diff_base === undefined ? null : Number(r.diff_base),
});

type ActivationRow = Selectable<PolicyActivationsTable>;
const toActivation = (a: ActivationRow): PolicyActivation => ({
  name: a.name,
  versionId: a.version_id,
  actor: a.actor,
  at: new Date(Number(a.at)).toISOString(),
  comment: a.comment,
  ...(Number(a.removed) ? { removed: true } : {}),
});

/**
 * Policy versions in the service database (the storage layer's SQLite or PostgreSQL). The feature
 * keeps its own migration history (table `policy_migrations`) so its schema ships with it. Each
 * write and its audit entries commit in one transaction.
 */
export class DbPolicyVersionStore implements PolicyVersionStore {
  private ready: Promise<void> | null = null;

  constructor(
    private readonly kysely: Kysely<unknown>,
    private readonly dialect: Dialect,
  ) {}

  private get db(): PolicyDb {
    return this.kysely as unknown as PolicyDb;
  }

  migrate(): Promise<void> {
    this.ready ??= (async () => {
      const migrator = new Migrator({
        db: this.kysely,
        provider: new PolicyMigrations(this.dialect),
        migrationTableName: 'policy_migrations',
        migrationLockTableName: 'policy_migrations_lock',
      });
      const { error } = await migrator.migrateToLatest();
      if (error) throw new Error(`policy versions migration failed: ${(error as Error).message ?? error}`);
    })();
    return this.ready;
  }

  async appendVersion(v: NewPolicyVersion, within?: WithinTx): Promise<PolicyVersion> {
    await this.migrate();
    return this.db.transaction().execute(async (trx: Transaction<Database>) => {
      const last = await trx.selectFrom('policy_versions').select((eb) => eb.fn.max('version').as('max')).where('name', '=', v.name).executeTakeFirst();
      const version = Number(last?.max ?? 0) + 1;
      const row: Row = { id: v.id, name: v.name, version, text: v.text, sha: v.sha, file: v.file, source: v.source, author: v.author, comment: v.comment, created_at: Date.parse(v.createdAt), diff: v.diff, diff_base: v.diffBase ?? null };
      await trx.insertInto('policy_versions').values(row).execute();
      const full = toVersion(row);
      await within?.(trx, full);
      return full;
    });
  }

  async appendActivation(a: PolicyActivation, within?: WithinTx): Promise<void> {
    await this.migrate();
    await this.db.transaction().execute(async (trx: Transaction<Database>) => {
      const v = await trx.selectFrom('policy_versions').selectAll().where('id', '=', a.versionId).executeTakeFirst();
      if (!v) throw new Error(`unknown policy version id ${a.versionId}`);
      await trx.insertInto('policy_activations').values({ name: a.name, version_id: a.versionId, actor: a.actor, at: Date.parse(a.at), comment: a.comment, removed: a.removed ? 1 : 0 }).execute();
      await within?.(trx, toVersion(v));
    });
  }

  async versions(name: string): Promise<PolicyVersion[]> {
    await this.migrate();
    const rows = await this.db.selectFrom('policy_versions').selectAll().where('name', '=', name).orderBy('version').execute();
    return rows.map(toVersion);
  }

  async names(): Promise<string[]> {
    await this.migrate();
    const rows = await this.db.selectFrom('policy_versions').select('name').distinct().orderBy('name').execute();
    return rows.map((r) => r.name);
  }

  async active(name: string): Promise<{ version: PolicyVersion; activation: PolicyActivation } | null> {
    await this.migrate();
    const a = await this.db.selectFrom('policy_activations').selectAll().where('name', '=', name).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    if (!a || Number(a.removed)) return null;
    const v = await this.db.selectFrom('policy_versions').selectAll().where('id', '=', a.version_id).executeTakeFirstOrThrow();
    return { version: toVersion(v), activation: toActivation(a) };
  }

  async activations(name: string): Promise<PolicyActivation[]> {
    await this.migrate();
    const rows = await this.db.selectFrom('policy_activations').selectAll().where('name', '=', name).orderBy('seq').execute();
    return rows.map(toActivation);
  }
}
