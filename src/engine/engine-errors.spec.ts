import { AppError } from '../common/app-error';
import { appErrorOfClip, MODEL_FAULT_RETRY_AFTER_S } from './engine-errors';
import { ClipError } from '../clip/clip.types';

describe('appErrorOfClip: the one mapping of engine errors to API errors', () => {
  it.each(['overloaded', 'deadline_exceeded', 'model_unavailable'] as const)('%s keeps its code, with its Retry-After', (code) => {
    const e = appErrorOfClip(new ClipError(code, 'busy')) as AppError;
    expect(e).toBeInstanceOf(AppError);
    expect({ code: e.code, status: e.status, retryAfter: e.retryAfter }).toEqual({ code, status: 503, retryAfter: MODEL_FAULT_RETRY_AFTER_S[code] });
  });

  it('an image the engine cannot read is image_undecodable (422), without Retry-After', () => {
    const e = appErrorOfClip(new ClipError('invalid_image', 'the image could not be decoded: bad pixels')) as AppError;
    expect({ code: e.code, status: e.status, retryAfter: e.retryAfter }).toEqual({ code: 'image_undecodable', status: 422, retryAfter: undefined });
    expect(e.message).toBe('the image could not be decoded: bad pixels');
  });

  it('leaves cancelled and anything that is not a ClipError as it is', () => {
    const cancelled = new ClipError('cancelled', 'gone');
    const other = new Error('boom');
    expect(appErrorOfClip(cancelled)).toBe(cancelled);
    expect(appErrorOfClip(other)).toBe(other);
  });
});
