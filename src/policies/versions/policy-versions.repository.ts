import { Selectable, Transaction } from 'kysely';
import type { Database, Db, PolicyActivationsTable, PolicyVersionsTable } from '../../storage/database.types';
import { NewPolicyVersion, PolicyActivation, PolicyVersion, PolicyVersionStore, WithinTx } from './policy-version.types';

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
 * Policy versions in the service database (the storage layer's SQLite or PostgreSQL; the tables are
 * made by migrations 0007 and 0008 in src/storage/migrations). Each write and its audit entries
 * commit in one transaction.
 */
export class DbPolicyVersionStore implements PolicyVersionStore {
  constructor(private readonly db: Db) {}

  async appendVersion(v: NewPolicyVersion, within?: WithinTx): Promise<PolicyVersion> {
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
    await this.db.transaction().execute(async (trx: Transaction<Database>) => {
      const v = await trx.selectFrom('policy_versions').selectAll().where('id', '=', a.versionId).executeTakeFirst();
      if (!v) throw new Error(`unknown policy version id ${a.versionId}`);
      await trx.insertInto('policy_activations').values({ name: a.name, version_id: a.versionId, actor: a.actor, at: Date.parse(a.at), comment: a.comment, removed: a.removed ? 1 : 0 }).execute();
      await within?.(trx, toVersion(v));
    });
  }

  async versions(name: string): Promise<PolicyVersion[]> {
    const rows = await this.db.selectFrom('policy_versions').selectAll().where('name', '=', name).orderBy('version').execute();
    return rows.map(toVersion);
  }

  async names(): Promise<string[]> {
    const rows = await this.db.selectFrom('policy_versions').select('name').distinct().orderBy('name').execute();
    return rows.map((r) => r.name);
  }

  async active(name: string): Promise<{ version: PolicyVersion; activation: PolicyActivation } | null> {
    const a = await this.db.selectFrom('policy_activations').selectAll().where('name', '=', name).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    if (!a || Number(a.removed)) return null;
    const v = await this.db.selectFrom('policy_versions').selectAll().where('id', '=', a.version_id).executeTakeFirstOrThrow();
    return { version: toVersion(v), activation: toActivation(a) };
  }

  async activations(name: string): Promise<PolicyActivation[]> {
    const rows = await this.db.selectFrom('policy_activations').selectAll().where('name', '=', name).orderBy('seq').execute();
    return rows.map(toActivation);
  }
}
