/**
 * In-process notifications sent after a commit, through @nestjs/event-emitter (one mechanism for
 * all of them). They never carry work that must commit with a change: that is an explicit call
 * inside the transaction. A listener that fails is logged by the library and cannot fail the emitter.
 *
 * The emitter is whoever committed, right after its transaction returns; @OnEvent listeners are
 * attached at application bootstrap, so none of these may be needed before the app has started.
 * The payload types live with their emitters (src/common is below every feature).
 */
export const Events = {
  /**
   * A transaction that wrote outbox events (or released held deliveries) committed: the local webhook
   * delivery worker claims now instead of at its next poll. No payload.
   */
  outboxCommitted: 'outbox.committed',
  /** A moderation record committed (`RecordedEvent`, src/records/records.service.ts): the search index appends its embedding. */
  moderationRecorded: 'moderation.recorded',
  /**
   * A policy reload finished, accepted or rejected (`ReloadEvent`, src/policies/policy-registry.service.ts):
   * metrics and the audit log. The start-up load sends none; its listeners read `current()` at bootstrap.
   */
  policiesReloaded: 'policies.reloaded',
} as const;
