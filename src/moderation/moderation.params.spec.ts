import { AppError } from '../common/app-error';
import { parseModerationParams } from './moderation.params';

describe('parseModerationParams', () => {
  it('defaults', () => {
    expect(parseModerationParams({})).toEqual({ policies: undefined, blur: 'none', externalId: undefined });
  });
  it('accepts comma lists, arrays and options', () => {
    expect(parseModerationParams({ policies: 'weapons, alcohol', blur: 'inline', external_id: 'post-1' })).toEqual({ policies: ['weapons', 'alcohol'], blur: 'inline', externalId: 'post-1' });
    expect(parseModerationParams({ policies: ['drugs'] }).policies).toEqual(['drugs']);
  });
  it.each([{ policies: '' }, { policies: 'Bad Id!' }, { blur: 'maybe' }, { external_id: '' }, { external_id: 'x'.repeat(300) }])('rejects %j with invalid_parameter', (raw) => {
    try {
      parseModerationParams(raw);
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('invalid_parameter');
    }
  });
});
