import { AsyncResource } from 'async_hooks';

/**
 * Runs an async task one at a time: a trigger while it runs is not dropped and not stacked, it
 * asks for exactly one more run afterwards. The job runner and the webhook delivery worker poll
 * their tables this way, so a burst of submissions costs one extra claim query, not one each.
 */
export class CoalescedRunner {
  private running = false;
  private pending = false;
  private readonly task: () => Promise<void>;

  constructor(
    task: () => Promise<void>,
    private readonly onError: (e: unknown) => void,
  ) {
    // Runs in the context it was created in (start-up), not in that of the request whose commit
    // happened to trigger it: its log lines must not carry that request's id.
    this.task = AsyncResource.bind(task);
  }

  /** Runs the task now, or once more after the current run. */
  trigger(): void {
    if (this.running) {
      this.pending = true;
      return;
    }
    this.running = true;
    this.task()
      .catch(this.onError)
      .finally(() => {
        this.running = false;
        if (this.pending) {
          this.pending = false;
          this.trigger();
        }
      });
  }

  /** From inside the task: there is probably more to do, run again when this run ends. */
  again(): void {
    this.pending = true;
  }
}
