import { AsyncResource } from 'async_hooks';

interface Waiting<T> {
  promise: Promise<T | undefined>;
  resolve: (run: Promise<T | undefined>) => void;
}

function waiting<T>(): Waiting<T> {
  let resolve!: Waiting<T>['resolve'];
  const promise = new Promise<T | undefined>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * Runs an async task one at a time: a trigger while it runs is not dropped and not stacked, it
 * asks for exactly one more run afterwards. The job runner and the webhook delivery worker poll
 * their tables this way, so a burst of submissions costs one extra claim query, not one each.
 *
 * Every trigger gets the result of the run that covers it, a run that starts after the trigger: a
 * caller that changed something before triggering can rely on that run having seen the change.
 * Results never reject (a failure goes to `onError` and resolves `undefined`), so a trigger can be
 * left unawaited.
 */
export class CoalescedRunner<T = void> {
  private current: Promise<T | undefined> | null = null;
  private next: Waiting<T> | null = null;
  private readonly task: () => Promise<T>;

  constructor(
    task: () => Promise<T>,
    private readonly onError: (e: unknown) => void,
  ) {
    // Runs in the context it was created in (start-up), not in that of the request whose commit
    // happened to trigger it: its log lines must not carry that request's id.
    this.task = AsyncResource.bind(task);
  }

  /** Runs the task now, or once more after the current run; resolves with the result of that run. */
  trigger(): Promise<T | undefined> {
    if (!this.current) return this.start();
    this.next ??= waiting<T>();
    return this.next.promise;
  }

  /** The run in progress if there is one (its result may predate the caller's changes), else a new run. */
  join(): Promise<T | undefined> {
    return this.current ?? this.start();
  }

  /** From inside the task: there is probably more to do, run again when this run ends. */
  again(): void {
    if (this.current) this.next ??= waiting<T>();
  }

  /** Resolves once no run is in progress and none is waiting to start. */
  async idle(): Promise<void> {
    while (this.current) await this.current;
  }

  private start(): Promise<T | undefined> {
    let done!: (result: T | undefined) => void;
    const run = new Promise<T | undefined>((r) => (done = r));
    // Set before the task starts: a task that calls again() before its first await is still running.
    this.current = run;
    let result: Promise<T>;
    try {
      result = this.task();
    } catch (e) {
      result = Promise.reject(e);
    }
    void result
      .catch((e: unknown) => {
        try {
          this.onError(e);
        } catch {
          // A failing error handler must not leave the runner marked as running for ever.
        }
        return undefined;
      })
      .then((value) => {
        // The next run starts before this run's callers resume, so idle() never sees a gap between the two.
        this.current = null;
        const next = this.next;
        this.next = null;
        if (next) next.resolve(this.start());
        done(value);
      });
    return run;
  }
}
