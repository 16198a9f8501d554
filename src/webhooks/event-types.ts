/** Event types a webhook subscription can ask for. */
export const EVENT_TYPES = [
  'moderation.completed',
  'moderation.failed',
  'review.decided',
  'appeal.opened',
  'appeal.decided',
  'webhook.disabled',
  // Hash banks: an upload matched a bank (the moderation's commit); a bank or its entries changed (src/banks/banks.service.ts).
  'bank.match',
  'bank.changed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** The Standard Webhooks payload shape: { type, timestamp, data }. */
export interface EventPayload {
  type: EventType;
  timestamp: string;
  data: Record<string, unknown>;
}
