import { AppError } from '../common/app-error';
import { validateDto } from '../common/validate-dto';
import { ModerationJsonBodyDto, ModerationOptionsDto } from './dto/moderation-options.dto';
import { mergeOptions, moderationParams } from './moderation.params';

describe('moderation options (ModerationOptionsDto)', () => {
  const read = async (raw: Record<string, unknown>) => moderationParams(await validateDto(ModerationOptionsDto, raw));

  it('defaults', async () => {
    expect(await read({})).toEqual({ policies: undefined, blur: 'none', externalId: undefined });
  });

  it('accepts comma lists, arrays and options; async only as true/false', async () => {
    expect(await read({ policies: 'weapons, alcohol', blur: 'inline', external_id: 'post-1' })).toEqual({ policies: ['weapons', 'alcohol'], blur: 'inline', externalId: 'post-1' });
    expect((await read({ policies: ['drugs'] })).policies).toEqual(['drugs']);
    expect((await validateDto(ModerationOptionsDto, { async: 'true' })).async).toBe(true);
    expect((await validateDto(ModerationOptionsDto, { async: false })).async).toBe(false);
  });

  it.each([
    [{ policies: '' }, 'policies', 'arrayNotEmpty'],
    [{ policies: 'Bad Id!' }, 'policies', 'matches'],
    [{ policies: 5 }, 'policies', 'isArray'],
    [{ blur: 'maybe' }, 'blur', 'isIn'],
    [{ external_id: '' }, 'external_id', 'isLength'],
    [{ external_id: 'x'.repeat(300) }, 'external_id', 'isLength'],
    [{ async: 'yes' }, 'async', 'isBoolean'],
    [{ asink: true }, 'asink', 'whitelistValidation'],
  ])('rejects %j: invalid_parameter naming %s (%s)', async (raw, field, constraint) => {
    const e = await validateDto(ModerationOptionsDto, raw).then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('invalid_parameter');
    expect((e as AppError).details?.errors).toContainEqual(expect.objectContaining({ field, constraint }));
  });

  it('JSON body: image_base64 and url exclude each other; url must be absolute', async () => {
    await expect(validateDto(ModerationJsonBodyDto, { image_base64: 'AAAA', url: 'http://a/x.png' })).rejects.toMatchObject({ details: { field: 'image_base64' } });
    await expect(validateDto(ModerationJsonBodyDto, { url: 'not a url' })).rejects.toMatchObject({ details: { errors: [expect.objectContaining({ field: 'url', constraint: 'isAbsoluteUrl' })] } });
    expect((await validateDto(ModerationJsonBodyDto, { url: 'ftp://h/x.png' })).url).toBe('ftp://h/x.png');
  });

  it('JSON async is a JSON boolean (the text "true" is for query strings and forms)', async () => {
    expect((await validateDto(ModerationJsonBodyDto, { async: true })).async).toBe(true);
    await expect(validateDto(ModerationJsonBodyDto, { async: 'true' })).rejects.toMatchObject({ details: { errors: [expect.objectContaining({ field: 'async', constraint: 'isBoolean' })] } });
  });

  it('later layers win, undefined does not override', () => {
    expect(mergeOptions({ blur: 'inline', policies: ['a'] }, { blur: undefined, policies: ['b'] })).toEqual({ blur: 'inline', policies: ['b'] });
  });
});
