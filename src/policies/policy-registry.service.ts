import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { compilePolicySet } from './policy-compiler';
import { PolicyFileSource } from './policy-file-source';
import { loadPolicySet } from './policy-set';
import {
  CompiledPolicySet,
  formatIssue,
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

/**
 * Holds the active compiled policy set. Readers call current() once per request and keep
 * that object: a reload builds a complete new set (embeddings included) and then replaces the
 * single reference, so a request sees the old set or the new one, never a mix.
 */
@Injectable()
export class PolicyRegistry implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('PolicyRegistry');
  private active: CompiledPolicySet | null = null;
  private readonly listeners: ReloadListener[] = [];
  private stopWatch: (() => void) | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  reloadErrors = 0;
  lastReloadError: string | null = null;

  constructor(
    @Inject(POLICIES_OPTIONS) private readonly opts: PoliciesOptions,
    private readonly files: PolicyFileSource,
    @Inject(POLICY_EMBEDDER) private readonly embedder: PolicyEmbedder,
  ) {}

  /** Start-up: an invalid directory throws, so the app refuses to start with bad policies. */
  async onModuleInit(): Promise<void> {
    const set = await this.build();
    this.active = set;
    this.log.log(`policy set "${set.name}" ${set.version}: ${set.policies.length} policies, ${set.promptCount} prompts`);
    for (const w of set.warnings) this.log.warn(formatIssue(w));
    if (this.opts.watch) {
      this.stopWatch = this.files.watch(this.opts.dir, () => this.schedule(), (e) => this.log.warn(`policy watch: ${e.message}`));
    }
  }

  onModuleDestroy(): void {
    this.stopWatch?.();
    this.stopWatch = null;
    if (this.timer) clearTimeout(this.timer);
  }

  current(): CompiledPolicySet {
    if (!this.active) throw new Error('policy set not loaded yet');
    return this.active;
  }

  isLoaded(): boolean {
    return this.active !== null;
  }

  /** Metrics and logs subscribe here; returns an unsubscribe function. */
  onReload(listener: ReloadListener): () => void {
    this.listeners.push(listener);
    return () => {
      const i = this.listeners.indexOf(listener);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /**
   * Re-reads and recompiles the directory now. Concurrent calls coalesce: one reload runs at a
   * time and at most one more follows it, so a burst of edits ends with the latest files.
   */
  reload(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.reloadOnce().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        void this.reload();
      }
    });
    return this.running;
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.reload();
    }, this.opts.debounceMs ?? 200);
    this.timer.unref?.();
  }

  private async reloadOnce(): Promise<void> {
    const started = Date.now();
    const previous = this.active;
    try {
      const next = await this.build(previous?.version);
      if (!next) return; // same files as the active set: nothing to swap
      this.active = next;
      this.log.log(`policy set reloaded: ${previous?.version ?? 'none'} -> ${next.version}`);
      for (const w of next.warnings) this.log.warn(formatIssue(w));
      this.emit({ ok: true, version: next.version, previousVersion: previous?.version ?? null, durationMs: Date.now() - started, set: next });
    } catch (e) {
      const error = e instanceof Error ? e.message : String(e);
      this.reloadErrors++;
      this.lastReloadError = error;
      this.log.error(`policy reload rejected, keeping ${previous?.version ?? 'none'}:\n${error}`);
      this.emit({ ok: false, error, durationMs: Date.now() - started, keptVersion: previous?.version ?? null });
    }
  }

  private build(): Promise<CompiledPolicySet>;
  private build(skipVersion: string | undefined): Promise<CompiledPolicySet | null>;
  private async build(skipVersion?: string): Promise<CompiledPolicySet | null> {
    const { set, issues } = loadPolicySet(await this.files.readAll(this.opts.dir));
    if (!set) throw new PolicyValidationError(issues.map((i) => ({ ...i, file: `${this.opts.dir}/${i.file}` })));
    if (skipVersion !== undefined && set.version === skipVersion) return null;
    return compilePolicySet(set, this.embedder, { similarityWarnBound: this.opts.similarityWarnBound });
  }

  private emit(e: ReloadEvent): void {
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch (err) {
        this.log.warn(`reload listener failed: ${(err as Error).message}`);
      }
    }
  }
}
