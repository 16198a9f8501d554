import type { LoggerService } from '@nestjs/common';
import { CoalescedRunner } from './coalesced-runner';

export interface PeriodicTaskOptions<T> {
  /** Names the task in its log lines: "<name> failed: <reason>". */
  name: string;
  everyMs: number;
  run: () => Promise<T>;
  /** The owner's logger, so the lines keep the owner's context. */
  log: Pick<LoggerService, 'warn' | 'error'>;
  level?: 'warn' | 'error';
}

type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * One lifecycle for work done on a timer (sweepers, pollers, lease heartbeats, syncs): passes never
 * overlap (a wake during a pass asks for one more pass after it), the timer does not keep the
 * process alive, and stop() waits for the pass in progress, after which no pass starts.
 */
export class PeriodicTask<T = void> {
  private readonly runner: CoalescedRunner<Outcome<T> | undefined>;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly opts: PeriodicTaskOptions<T>) {
    this.runner = new CoalescedRunner(() => this.pass(), () => undefined);
  }

  /** Starts the timer (the first pass comes after one interval; call trigger() for one now). */
  start(): void {
    if (this.timer || this.stopped) return;
    this.timer = setInterval(() => this.trigger(), this.opts.everyMs);
    this.timer.unref();
  }

  /** Clears the timer and resolves once the pass in progress (and one asked for meanwhile) ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.runner.idle();
  }

  /** Wakes the task early, without waiting for it; ignored once stopped. */
  trigger(): void {
    if (!this.stopped) void this.runner.trigger();
  }

  /**
   * Runs a pass that starts after this call (or, with `join`, shares the pass in progress) and
   * resolves with its result; rejects with its error (which is also logged), or when stopped.
   */
  async runNow(opts: { join?: boolean } = {}): Promise<T> {
    const outcome = await (opts.join ? this.runner.join() : this.runner.trigger());
    if (!outcome) throw new Error(`${this.opts.name}: stopped`);
    if (!outcome.ok) throw outcome.error;
    return outcome.value;
  }

  /** From inside a pass: there is probably more to do, run again when this pass ends. */
  again(): void {
    this.runner.again();
  }

  /** Resolves once no pass runs or waits to start. */
  idle(): Promise<void> {
    return this.runner.idle();
  }

  private async pass(): Promise<Outcome<T> | undefined> {
    if (this.stopped) return undefined;
    try {
      return { ok: true, value: await this.opts.run() };
    } catch (error) {
      this.opts.log[this.opts.level ?? 'warn'](`${this.opts.name} failed: ${(error as Error)?.message ?? error}`);
      return { ok: false, error };
    }
  }
}
