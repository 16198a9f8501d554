import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit, Optional } from '@nestjs/common';
import { CoalescedRunner } from '../common/coalesced-runner';
import { PeriodicTask } from '../common/periodic-task';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { Events } from '../common/events';
import { compilePolicySet, exampleRefIssues } from './policy-compiler';
import { PolicyFileSource } from './policy-file-source';
import { loadPolicySet, PolicyFile } from './policy-set';
import {
  CompiledPolicySet,
  ExampleResolver,
  POLICIES_OPTIONS,
  PoliciesOptions,
  POLICY_EMBEDDER,
  PolicyEmbedder,
  PolicyValidationError,
} from './policy.types';

export type ReloadEvent =
  | { ok: true; version: string; previousVersion: string | null; durationMs: number; set: CompiledPolicySet }
  | { ok: false; error: string; durationMs: number; keptVersion: string | null };

export type ReloadListener = (e: ReloadEvent) => void;

/** Maps the files of POLICIES_DIR to the documents that form the active set (kept versions). */
export interface PolicyDocumentResolver {
  resolve(files: PolicyFile[]): Promise<PolicyFile[]>;
}

export const POLICY_DOCUMENTS = 'POLICY_DOCUMENTS';
export const POLICY_EXAMPLES = 'POLICY_EXAMPLES';

/**
 * Holds the active compiled policy set. Readers call current() once per request and keep
 * that object: a reload builds a complete new set (embeddings included) and then replaces the
 * single reference, so a request sees the old set or the new one, never a mix.
 */
@Injectable()
export class PolicyRegistry implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('PolicyRegistry');
  private active: CompiledPolicySet | null = null;
  private activeFiles: PolicyFile[] = [];
  private stopWatch: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private sync: PeriodicTask | null = null;
  /** One reload at a time; edits during one ask for exactly one more, which sees the latest files. */
  private readonly runner = new CoalescedRunner<ReloadEvent | null>(
    () => this.reloadOnce(),
    (e) => this.log.error(`policy reload failed: ${(e as Error)?.message ?? e}`),
  );
  /** A periodic re-read that fails like the previous reload is not logged, counted or audited again. */
  private quietNext = false;
  private failing: string | null = null;
  reloadErrors = 0;
  lastReloadError: string | null = null;

  constructor(
    @Inject(POLICIES_OPTIONS) private readonly opts: PoliciesOptions,
    private readonly files: PolicyFileSource,
    @Inject(POLICY_EMBEDDER) private readonly embedder: PolicyEmbedder,
    @Optional() @Inject(POLICY_DOCUMENTS) private readonly documents?: PolicyDocumentResolver,
    @Optional() @Inject(POLICY_EXAMPLES) private readonly examples?: ExampleResolver,
  ) {}

  /** Start-up: an invalid directory throws, so the app refuses to start with bad policies. */
  async onModuleInit(): Promise<void> {
    const built = await this.build();
    const set = built.set;
    this.active = set;
    this.activeFiles = built.files;
    this.log.log(`policy set "${set.name}" ${set.version}: ${set.policies.length} policies, ${set.promptCount} prompts`);
    this.warnSummary(set);
    if (this.opts.watch) {
      this.stopWatch = this.files.watch(this.opts.dir, () => this.schedule(), (e) => this.log.warn(`policy watch: ${e.message}`));
    }
    // With kept versions another replica may activate a version: re-read them now and then (a
    // reload with unchanged documents compiles nothing).
    if (this.documents && this.opts.syncSeconds) {
      this.sync = new PeriodicTask({
        name: 'policy sync',
        everyMs: this.opts.syncSeconds * 1000,
        run: () => {
          this.quietNext = true;
          return this.reload();
        },
        log: this.log,
      });
      this.sync.start();
    }
  }

  /** One line per (re)load: the warnings themselves are for validate, not for every start-up log. */
  private warnSummary(set: CompiledPolicySet): void {
    const n = set.warnings.length;
    if (n) this.log.warn(`policy set "${set.name}" ${set.version}: ${n} warning${n > 1 ? 's' : ''}; list them with \`npm run policy -- validate <file>\` or POST /v1/policies/validate`);
  }

  async onModuleDestroy(): Promise<void> {
    this.stopWatch?.();
    this.stopWatch = null;
    if (this.timer) clearTimeout(this.timer);
    await this.sync?.stop();
  }

  current(): CompiledPolicySet {
    if (!this.active) throw new Error('policy set not loaded yet');
    return this.active;
  }

  /** The documents (name, text) the active set was compiled from. */
  currentFiles(): PolicyFile[] {
    return this.activeFiles.map((f) => ({ ...f }));
  }

  /**
   * Validates and compiles documents exactly as a reload would (same embedder, example resolver
   * and warning bound), without touching the active set: drafts, previews and evaluations.
   */
  async compile(files: PolicyFile[]): Promise<CompiledPolicySet> {
    const { set, issues, exampleRefs } = loadPolicySet(files);
    if (!set) throw new PolicyValidationError([...issues, ...(await exampleRefIssues(exampleRefs, this.examples))]);
    return compilePolicySet(set, this.embedder, { similarityWarnBound: this.opts.similarityWarnBound, examples: this.examples });
  }

  /**
   * Reloads now and says how it went: waits for reloads already running, then runs one that
   * certainly sees the latest files and versions. Throws the reason when the new set is rejected.
   */
  async reloadStrict(): Promise<CompiledPolicySet> {
    await this.runner.idle();
    const event = await this.runner.trigger();
    if (event && !event.ok) throw new Error(event.error);
    return this.current();
  }

  /** Resolves once no reload (periodic or not) runs or waits to start. */
  async idle(): Promise<void> {
    await this.sync?.idle();
    await this.runner.idle();
  }

  isLoaded(): boolean {
    return this.active !== null;
  }

  /**
   * The reload outcomes the app hears with @OnEvent(Events.policiesReloaded), for a registry used
   * outside the app (its tests); returns an unsubscribe function.
   */
  onReload(listener: ReloadListener): () => void {
    this.events.on(Events.policiesReloaded, listener);
    return () => void this.events.off(Events.policiesReloaded, listener);
  }

  /**
   * Re-reads and recompiles the directory now. Concurrent calls coalesce: one reload runs at a
   * time and at most one more follows it, so a burst of edits ends with the latest files. Resolves
   * when a reload that started after this call ended.
   */
  reload(): Promise<void> {
    return this.runner.trigger().then(() => undefined);
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.reload();
    }, this.opts.debounceMs ?? 200);
    this.timer.unref?.();
  }

  private async reloadOnce(): Promise<ReloadEvent | null> {
    const started = Date.now();
    const previous = this.active;
    const quiet = this.quietNext;
    this.quietNext = false;
    try {
      const built = await this.build(previous?.version);
      this.failing = null;
      if (!built) return null; // same documents as the active set: nothing to swap
      const next = built.set;
      this.active = next;
      this.activeFiles = built.files;
      this.log.log(`policy set reloaded: ${previous?.version ?? 'none'} -> ${next.version}`);
      this.warnSummary(next);
      const event: ReloadEvent = { ok: true, version: next.version, previousVersion: previous?.version ?? null, durationMs: Date.now() - started, set: next };
      this.emit(event);
      return event;
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      const event: ReloadEvent = { ok: false, error, durationMs: Date.now() - started, keptVersion: previous?.version ?? null };
      if (quiet && error === this.failing) return event;
      this.failing = error;
      this.reloadErrors++;
      this.lastReloadError = error;
      this.log.error(`policy reload rejected, keeping ${previous?.version ?? 'none'}:\n${error}`);
      this.emit(event);
      return event;
    }
  }

  private async build(skipVersion?: string): Promise<{ set: CompiledPolicySet; files: PolicyFile[] }>;
  private async build(skipVersion: string | undefined): Promise<{ set: CompiledPolicySet; files: PolicyFile[] } | null>;
  private async build(skipVersion?: string): Promise<{ set: CompiledPolicySet; files: PolicyFile[] } | null> {
    const onDisk = await this.files.readAll(this.opts.dir);
    const prefix = (issues: PolicyValidationError['issues']) => issues.map((i) => ({ ...i, file: `${this.opts.dir}/${i.file}` }));
    let files = onDisk;
    if (this.documents) {
      try {
        files = await this.documents.resolve(onDisk);
      } catch (e) {
        if (e instanceof PolicyValidationError) throw new PolicyValidationError(prefix(e.issues));
        throw e;
      }
    }
    const { set, issues, exampleRefs } = loadPolicySet(files);
    if (!set) throw new PolicyValidationError(prefix([...issues, ...(await exampleRefIssues(exampleRefs, this.examples))]));
    if (skipVersion !== undefined && set.version === skipVersion) return null;
    const compiled = await compilePolicySet(set, this.embedder, { similarityWarnBound: this.opts.similarityWarnBound, examples: this.examples });
    return { set: compiled, files };
  }

  /** The app's emitter (EventEmitterModule); a registry built outside Nest keeps its own. */
  @Optional() @Inject(EventEmitter2) private readonly events: EventEmitter2 = new EventEmitter2();

  /** After each reload, accepted or rejected (the start-up load sends none). */
  private emit(e: ReloadEvent): void {
    this.events.emit(Events.policiesReloaded, e);
  }
}
