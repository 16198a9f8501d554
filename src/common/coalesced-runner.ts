/**
 * Runs an async task one at a time: a trigger while it runs is not dropped and not stacked, it
 * asks for exactly one more run afterwards. The job runner and the webhook delivery worker poll
 * their tables this way, so a burst of submissions costs one extra claim query, not one each.
 */
export class CoalescedRunner {
  private running = false;
  private pending = false;

  constructor(
    private readonly task: () => Promise<void>,
    private readonly onError: (e: unknown) => void,
  ) {}

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
