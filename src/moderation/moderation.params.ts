import { AppError } from '../common/app-error';
import { BlurOutput } from './moderation.types';

const BLUR: BlurOutput[] = ['none', 'inline', 'always', 'image'];
const ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

/** Options shared by all input forms (query string, multipart fields or JSON), validated strictly. */
export function parseModerationParams(raw: Record<string, unknown>): { policies?: string[]; blur: BlurOutput; externalId?: string } {
  let policies: string[] | undefined;
  if (raw.policies !== undefined) {
    const list = Array.isArray(raw.policies) ? raw.policies : String(raw.policies).split(',');
    policies = list.map((p) => String(p).trim()).filter(Boolean);
    const bad = policies.filter((p) => !ID.test(p));
    if (bad.length || policies.length === 0) throw new AppError('invalid_parameter', 'policies must be a non-empty list of policy ids', { invalid: bad });
  }
  const blur = (raw.blur ?? 'none') as BlurOutput;
  if (!BLUR.includes(blur)) throw new AppError('invalid_parameter', `blur must be one of ${BLUR.join(', ')}`);
  let externalId: string | undefined;
  if (raw.external_id !== undefined) {
    externalId = String(raw.external_id);
    if (externalId.length === 0 || externalId.length > 256) throw new AppError('invalid_parameter', 'external_id must be 1..256 characters');
  }
  return { policies, blur, externalId };
}
