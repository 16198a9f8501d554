import { readFileSync } from 'fs';
import { join } from 'path';
import { apng as encodeApng } from '../../test/fixtures/hostile/encoders';
import { AppError } from '../common/app-error';
import { loadConfig } from '../config/configuration';
import { ImageCodec } from './image-codec';
import { MediaService } from './media.service';

const fixture = (name: string) => readFileSync(join(__dirname, '..', '..', 'test', 'fixtures', 'images', name));

/** Intake errors name the actual problem of the file (the real service over the real codec). */
describe('MediaService intake of damaged PNGs', () => {
  const media = new MediaService(loadConfig({}, '/'), new ImageCodec());
  const refusal = (data: Buffer) => media.intake(data).then(() => null, (e: unknown) => e as AppError);

  it('a truncated static PNG is called a truncated image, not an animation', async () => {
    // twemoji-pistol.png cut inside its IDAT chunk (test/fixtures/images/README.md).
    const e = await refusal(fixture('twemoji-pistol-truncated.png'));
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({ code: 'image_undecodable', message: 'the png image is truncated: chunk IDAT runs past the end of the file', details: { reason: 'truncated' } });
  });

  it('the fixture is the intact file cut short, and the intact file passes', async () => {
    const whole = fixture('twemoji-pistol.png');
    const cut = fixture('twemoji-pistol-truncated.png');
    expect(cut.length).toBeLessThan(whole.length);
    expect(whole.subarray(0, cut.length).equals(cut)).toBe(true);
    expect((await media.intake(whole)).format).toBe('png');
  });

  it('a truncated APNG is a truncated image too; a real animation fault is still named as one', async () => {
    const px = { data: Buffer.alloc(4 * 4 * 4, 200), width: 4, height: 4 };
    const anim = encodeApng([px, px, px]);
    expect((await refusal(anim.subarray(0, anim.length - 30)))?.message).toMatch(/^the png image is truncated: chunk \w+ runs past the end of the file$/);
    const miscounted = Buffer.from(anim);
    miscounted.writeUInt32BE(5, miscounted.indexOf(Buffer.from('acTL')) + 4);
    expect((await refusal(miscounted))?.message).toMatch(/^the png animation could not be decoded: acTL declares 5 frames/);
  });
});
