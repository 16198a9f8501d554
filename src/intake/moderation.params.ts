import type { ModerationOptionsDto } from './dto/moderation-options.dto';
import { BlurOutput } from '../moderation/moderation.types';

export interface ModerationParams {
  policies?: string[];
  blur: BlurOutput;
  externalId?: string;
}

/** The defined options of `layers`, later layers winning (query string, then body fields, then a batch item's own). */
export function mergeOptions(...layers: (ModerationOptionsDto | undefined)[]): ModerationOptionsDto {
  const out: Record<string, unknown> = {};
  for (const layer of layers) for (const [k, v] of Object.entries(layer ?? {})) if (v !== undefined) out[k] = v;
  return out as ModerationOptionsDto;
}

/** Validated options (ModerationOptionsDto) as the moderation service takes them. */
export function moderationParams(o: ModerationOptionsDto): ModerationParams {
  return { policies: o.policies, blur: o.blur ?? 'none', externalId: o.external_id };
}
