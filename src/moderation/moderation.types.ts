import type { Moderated, ModerationBody } from '../records/moderation-body';

export type BlurOutput = 'none' | 'inline' | 'always' | 'image';

export interface ModerateOptions {
  /** The moderation id to use (async jobs and idempotent requests reserve it up front); random when absent. */
  id?: string;
  /** Only these policies decide (all active ones when absent). */
  policies?: string[];
  blur: BlurOutput;
  externalId?: string;
  client: string;
  requestId: string;
}

/** The answer's shape lives with src/records (the module that stores it); re-exported here for moderation's callers. */
export type { BankMatchBody, FrameScoresBody, Moderated, ModerationBody, PolicyResultBody } from '../records/moderation-body';

export interface ModerationOutcome {
  body: ModerationBody;
  /** Present when the caller asked for the blurred rendition as bytes. */
  image?: { data: Buffer; contentType: string };
}

/**
 * Commits a finished moderation, before it is answered: the caller's one commit
 * (`ModerationCommit.commit(m, { job } | { replay })` in src/jobs), which knows what else completes with it.
 */
export type CommitModeration = (m: Moderated) => Promise<void>;
