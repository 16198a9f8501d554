import { AppError } from '../common/app-error';
import { ClipError } from '../clip/clip.types';

/**
 * Seconds a client should wait before retrying after each model fault: a full queue drains in about a
 * batch, a missed deadline is load of the moment, a crashed or hung worker takes a respawn.
 */
export const MODEL_FAULT_RETRY_AFTER_S = { overloaded: 1, deadline_exceeded: 1, model_unavailable: 5 } as const;

/**
 * The one mapping of the engine's errors to the API's: an image the engine could not read is
 * `image_undecodable`; the model faults keep their code with a Retry-After. `cancelled` (nobody waits
 * for the answer) is not an HTTP outcome and is returned as is, like anything that is not a ClipError.
 */
export function appErrorOfClip(e: unknown): unknown {
  if (!(e instanceof ClipError)) return e;
  switch (e.code) {
    case 'invalid_image':
      return new AppError('image_undecodable', e.message); // the engine's sentence, said once
    case 'overloaded':
    case 'deadline_exceeded':
    case 'model_unavailable':
      return new AppError(e.code, e.message, undefined, MODEL_FAULT_RETRY_AFTER_S[e.code]);
    default:
      return e;
  }
}
