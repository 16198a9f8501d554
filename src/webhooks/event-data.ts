import type { ModerationBody } from '../records/moderation-body';

/** What `moderation.completed` carries: the decision and its evidence, without renditions or timings. */
export function moderationEventData(body: ModerationBody): Record<string, unknown> {
  const { blurred: _blurred, timings: _timings, ...rest } = body;
  return { ...rest, moderation_id: body.id };
}

/** What `bank.match` carries: the moderation and the banks it matched (enforced and shadow). */
export function bankMatchEventData(body: ModerationBody): Record<string, unknown> {
  return {
    moderation_id: body.id,
    external_id: body.external_id ?? null,
    client: body.client,
    decision: body.decision,
    banks: body.banks ?? [],
    shadow_banks: body.shadow_banks ?? [],
  };
}
