import { Inject, Injectable, Optional } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { AppError } from '../../common/app-error';
import { PolicyRegistry } from '../policy-registry.service';
import { PolicyIssue, PolicyValidationError } from '../policy.types';
import { DeferredPolicyAuditSink, POLICY_AUDIT } from '../versions/policy-audit';
import { POLICY_VERSION_STORE, PolicyActivation, PolicyVersion, PolicyVersionStore } from '../versions/policy-version.types';
import { activationRef, textSha, versionRef } from '../versions/versioned-source';
import { unifiedDiff } from '../versions/text-diff';
import { parse } from 'yaml';
import { EmbeddedSample, LabelledSample } from '../evaluation/samples';
import { writeCalibration } from './calibration-writer';
import { candidateFiles, documentName, issueView } from './candidate';
import { PolicyLabService } from './policy-lab.service';

export interface ChangeContext {
  actor: string;
  requestId?: string;
  comment?: string | null;
}

export interface VersionView {
  name: string;
  version: number;
  sha: string;
  active: boolean;
  source: 'api' | 'file';
  file: string;
  author: string;
  comment: string | null;
  created_at: string;
  diff: string;
  /** The version `diff` was taken against: the one active when this one was stored. */
  diff_base: number | null;
  /** When this version was activated, by whom and why, newest first. */
  activations: ActivationView[];
}

export interface ActivationView {
  actor: string;
  at: string;
  comment: string | null;
}

const activationView = (a: PolicyActivation): ActivationView => ({ actor: a.actor, at: a.at, comment: a.comment });

/** Another replica stored a version of the same document at the same moment: the client retries. */
async function conflictOnRace<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    const msg = String((e as { message?: string })?.message);
    if (/unique|duplicate key|SQLITE_BUSY|database is locked/i.test(msg)) {
      throw new AppError('conflict', 'another change to this policy set was stored at the same time; read it and retry');
    }
    throw e;
  }
}

const view = (v: PolicyVersion, activeId: string | null, activations: PolicyActivation[] = []): VersionView => ({
  name: v.name,
  version: v.version,
  sha: v.sha,
  active: v.id === activeId,
  source: v.source,
  file: v.file,
  author: v.author,
  comment: v.comment,
  created_at: v.createdAt,
  diff: v.diff,
  diff_base: v.diffBase,
  activations: activations.filter((a) => a.versionId === v.id && !a.removed).map(activationView).reverse(),
});


/**
 * Policy-set documents under version control: read, change (a new immutable version), list,
 * activate (rollback is activating an older version). Every change is validated as part of the
 * whole active set before it is stored, and recorded in the audit log in the same transaction.
 */
@Injectable()
export class PolicySetsService {
  constructor(
    private readonly registry: PolicyRegistry,
    @Inject(POLICY_AUDIT) private readonly audit: DeferredPolicyAuditSink,
    private readonly lab: PolicyLabService,
    @Optional() @Inject(POLICY_VERSION_STORE) private readonly store: PolicyVersionStore | null,
  ) {}

  /** Changes are serialised in this process: versions are numbered and diffed against the previous one. */
  private lock: Promise<unknown> = Promise.resolve();
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.lock.then(fn, fn);
    this.lock = run.catch(() => undefined);
    return run;
  }

  private requireStore(): PolicyVersionStore {
    if (!this.store) throw new AppError('not_found', 'policy versions are off (POLICY_VERSIONS=off): edit the files in the policy folder');
    return this.store;
  }

  async get(name: string, version?: number): Promise<VersionView & { text: string; policy_set: { name: string; version: string } }> {
    const store = this.requireStore();
    const versions = await store.versions(name);
    if (!versions.length) throw new AppError('not_found', `no policy set named "${name}"`);
    const active = await store.active(name);
    const v = version === undefined ? (active?.version ?? versions[versions.length - 1]) : versions.find((x) => x.version === version);
    if (!v) throw new AppError('not_found', `policy set "${name}" has no version ${version}`, { versions: versions.length });
    return { ...view(v, active?.version.id ?? null, await store.activations(name)), text: v.text, policy_set: this.served() };
  }

  /** The set being served now. */
  private served(): { name: string; version: string } {
    const s = this.registry.current();
    return { name: s.name, version: s.version };
  }

  /** Every document with kept versions: which version is active and whether the active set serves it. */
  async list() {
    const store = this.requireStore();
    const served = new Set(this.registry.currentFiles().map((f) => documentName(f.text)));
    const out = [];
    for (const name of await store.names()) {
      const versions = await store.versions(name);
      const active = await store.active(name);
      out.push({ name, versions: versions.length, active_version: active?.version.version ?? null, source: active?.version.source ?? null, file: active?.version.file ?? null, served: served.has(name) });
    }
    return { items: out, policy_set: { name: this.registry.current().name, version: this.registry.current().version } };
  }

  async versions(name: string): Promise<{ name: string; active_version: number | null; activation: ActivationView | null; versions: VersionView[] }> {
    const store = this.requireStore();
    const versions = await store.versions(name);
    if (!versions.length) throw new AppError('not_found', `no policy set named "${name}"`);
    const active = await store.active(name);
    const activations = await store.activations(name);
    return {
      name,
      active_version: active?.version.version ?? null,
      activation: active ? activationView(active.activation) : null,
      versions: versions.map((v) => view(v, active?.version.id ?? null, activations)).reverse(),
    };
  }

  /** Validates `text` as the document `name` within the active set; throws policy_invalid with positioned issues. */
  async check(name: string, text: string): Promise<{ warnings: PolicyIssue[]; file: string }> {
    const declared = documentName(text);
    if (declared !== null && declared !== name) {
      const message = `the document's name is "${declared}" but the URL names "${name}"`;
      throw new AppError('invalid_parameter', message, { field: 'name', errors: [{ field: 'name', constraint: 'matchesDocumentName', message }] });
    }
    const { files, file } = candidateFiles(this.registry.currentFiles(), name, text);
    try {
      const compiled = await this.registry.compile(files);
      return { warnings: compiled.warnings.filter((w) => w.file === file), file };
    } catch (e) {
      if (e instanceof PolicyValidationError) {
        throw new AppError('policy_invalid', `the policy set is invalid: ${e.issues.filter((i) => i.level === 'error').length} error(s)`, {
          errors: e.issues.filter((i) => i.level === 'error').map(issueView),
        });
      }
      throw e;
    }
  }

  /**
   * A new version from `text`; activated unless `activate` is false. Text identical to any stored
   * version stores nothing: that version is activated again (after a rollback, re-sending the
   * newer text brings it back instead of storing a copy).
   */
  put(name: string, text: string, ctx: ChangeContext, activate = true) {
    return this.serial(() => this.putNow(name, text, ctx, activate));
  }

  private async putNow(name: string, text: string, ctx: ChangeContext, activate: boolean) {
    const store = this.requireStore();
    const { warnings, file } = await this.check(name, text);
    const versions = await store.versions(name);
    const sha = textSha(text);
    const before = await store.active(name);
    // What the change is against: the served version (the newest stored one when none is served).
    const base = before?.version ?? versions[versions.length - 1];
    let v = [...versions].reverse().find((x) => x.sha === sha && x.text === text);
    const created = !v;
    if (!v) {
      v = await conflictOnRace(() => store.appendVersion(
        { id: randomUUID(), name, text, sha, file, source: 'api', author: ctx.actor, comment: ctx.comment ?? null, createdAt: new Date().toISOString(), diff: unifiedDiff(base?.text ?? '', text), diffBase: base?.version ?? null },
        (exec, full) => this.audit.record({ actor: ctx.actor, action: 'policy_set.version_created', entityId: name, before: base ? versionRef(base) : null, after: { ...versionRef(full), diff: full.diff, diff_base: full.diffBase }, requestId: ctx.requestId }, exec),
      ));
    }
    const activated = activate && before?.version.id !== v.id;
    if (activated) await this.activateVersion(v, before?.version ?? null, ctx);
    const active = await store.active(name);
    return { created, activated, ...view(v, active?.version.id ?? null, await store.activations(name)), warnings: warnings.map(issueView), policy_set: this.served() };
  }

  /**
   * Stops serving a document added through the API (its versions stay, immutable; a later PUT
   * serves it again). Documents from the policy folder are managed there, and the last served
   * document cannot be removed: the service would have no policies.
   */
  remove(name: string, ctx: ChangeContext) {
    return this.serial(() => this.removeNow(name, ctx));
  }

  private async removeNow(name: string, ctx: ChangeContext) {
    const store = this.requireStore();
    const versions = await store.versions(name);
    if (!versions.length) throw new AppError('not_found', `no policy set named "${name}"`);
    const active = await store.active(name);
    if (!active) throw new AppError('not_found', `policy set "${name}" is not served (already removed)`);
    const fromFile = versions.find((v) => v.source === 'file');
    if (fromFile) {
      throw new AppError('conflict', `policy set "${name}" comes from the policy folder (${fromFile.file}): remove or edit the file there, or PUT a new version`, { file: fromFile.file });
    }
    const others = this.registry.currentFiles().filter((f) => f.name !== active.version.file);
    if (!others.length) throw new AppError('conflict', `policy set "${name}" is the only document served: the service would have no policies`);
    await store.appendActivation({ name, versionId: active.version.id, actor: ctx.actor, at: new Date().toISOString(), comment: ctx.comment ?? null, removed: true }, (exec) =>
      this.audit.record({ actor: ctx.actor, action: 'policy_set.removed', entityId: name, before: versionRef(active.version), after: { comment: ctx.comment ?? null }, requestId: ctx.requestId }, exec),
    );
    await this.reloadOrExplain(`"${name}" is marked removed`);
    return { name, removed: true, version: active.version.version, active_version: null, policy_set: this.served() };
  }

  activate(name: string, version: number, ctx: ChangeContext) {
    return this.serial(() => this.activateNow(name, version, ctx));
  }

  private async activateNow(name: string, version: number, ctx: ChangeContext) {
    const store = this.requireStore();
    const versions = await store.versions(name);
    const v = versions.find((x) => x.version === version);
    if (!v) throw new AppError('not_found', `policy set "${name}" has no version ${version}`);
    const before = await store.active(name);
    if (before?.version.id !== v.id) {
      // The other documents may have changed since this version was stored: validate it again.
      await this.check(name, v.text);
      await this.activateVersion(v, before?.version ?? null, ctx);
    }
    return { activated: before?.version.id !== v.id, ...view(v, v.id, await store.activations(name)), policy_set: this.served() };
  }

  /**
   * Fits Platt scaling for the document's policies on labelled samples (an archive or moderator
   * verdicts) and stores the document with the fitted `calibration` blocks as a new version,
   * activated only when asked: check the new thresholds (they are probabilities) first.
   */
  calibrate(name: string, samples: LabelledSample[] | EmbeddedSample[], opts: { policies?: string[]; activate?: boolean; source: string }, ctx: ChangeContext) {
    return this.serial(async () => {
      const current = await this.get(name);
      const doc = parse(current.text) as { policies: { id: string; prompts?: string[] }[] };
      const own = doc.policies.filter((p) => (!opts.policies || opts.policies.includes(p.id)));
      const unknown = (opts.policies ?? []).filter((id) => !doc.policies.some((p) => p.id === id));
      if (unknown.length) {
        const message = `not policies of "${name}": ${unknown.join(', ')}`;
        throw new AppError('invalid_parameter', message, { field: 'policies', unknown, errors: [{ field: 'policies', constraint: 'isPolicyOfDocument', message }] });
      }
      const report = await this.lab.evaluate(current.text, samples);
      const fits: Record<string, { a: number; b: number }> = {};
      const results = own.map((p) => {
        const ev = report.policies.find((x) => x.policyId === p.id);
        const c = ev?.calibration;
        const base = { policy_id: p.id, positives: ev?.positives ?? 0, negatives: ev?.negatives ?? 0 };
        if (!p.prompts?.length) return { ...base, fitted: null, note: 'example-only policies are not calibrated' };
        if (!ev || !c?.fitted) return { ...base, fitted: null, note: c?.note ?? 'disabled policy' };
        fits[p.id] = c.fitted;
        return { ...base, fitted: c.fitted, ece_before: c.before.ece, ece_after: c.after!.ece, brier_before: c.before.brier, brier_after: c.after!.brier };
      });
      if (!Object.keys(fits).length) throw new AppError('bad_request', 'no policy could be calibrated on these samples', { calibration: results });
      const fitted = `${new Date().toISOString().slice(0, 10)} on ${report.samples.total} samples (${opts.source}), model ${report.modelId}`;
      const text = writeCalibration(current.text, fits, fitted);
      const comment = ctx.comment ?? `calibration of ${Object.keys(fits).join(', ')} on ${report.samples.total} samples (${opts.source})`;
      const stored = await this.putNow(name, text, { ...ctx, comment }, opts.activate ?? false);
      return { ...stored, calibration: results };
    });
  }

  private async activateVersion(v: PolicyVersion, before: PolicyVersion | null, ctx: ChangeContext): Promise<void> {
    const comment = ctx.comment ?? null;
    await this.requireStore().appendActivation({ name: v.name, versionId: v.id, actor: ctx.actor, at: new Date().toISOString(), comment }, (exec) =>
      this.audit.record({ actor: ctx.actor, action: 'policy_set.activated', entityId: v.name, before: before ? versionRef(before) : null, after: activationRef(v, comment), requestId: ctx.requestId }, exec),
    );
    await this.reloadOrExplain(`version ${v.version} of "${v.name}" is stored and marked active`);
  }

  private async reloadOrExplain(what: string): Promise<void> {
    try {
      await this.registry.reloadStrict();
    } catch (e) {
      // Validated a moment ago, so this is an embedding or I/O failure; the last good set stays live.
      throw new AppError('internal_error', `${what} but the set could not be reloaded: ${(e as Error).message}`);
    }
  }
}
