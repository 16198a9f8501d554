import type { ModerationBody } from '../records/moderation-body';

/** What `moderation.completed` carries: the decision and its evidence, without renditions or timings. */
export function moderationEventData(body: ModerationBody): Record<string, unknown> {
  const { blurred: _blurred, timings: _timings, ...rest } = body;
  return { ...rest, moderation_id: body.id };
}
