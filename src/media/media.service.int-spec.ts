import { readFileSync } from 'fs';
import { join } from 'path';
import sharp from 'sharp';
import { apng as encodeApng, PNG_SIG, pngChunk } from '../../test/fixtures/hostile/encoders';
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

/**
 * Files whose header reads (intake passes them) but whose pixels do not decode: the first frame's
 * decode (what PDQ hashes and the engine may embed) refuses them as intake would, never with libvips'
 * bare error (which the API answered as 500 internal_error on the bank image route).
 */
describe('MediaService decode of the first frame of damaged files', () => {
  const media = new MediaService(loadConfig({}, '/'), new ImageCodec());
  const decodeRefusal = async (data: Buffer) => {
    const image = await media.intake(data);
    return media.pixels(image).then(() => null, (e: unknown) => e);
  };

  it('a JPEG cut in half is image_undecodable, naming the format once', async () => {
    const jpeg = await sharp(fixture('twemoji-dog-face.png')).flatten({ background: '#ffffff' }).resize(64, 64).jpeg().toBuffer();
    const e = await decodeRefusal(jpeg.subarray(0, jpeg.length >> 1));
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({ code: 'image_undecodable', status: 422 });
    expect((e as AppError).message).toMatch(/^the jpeg image could not be decoded: (?!.*could not be decoded)/);
  });

  it('a PNG whose header declares 7000x7000 over 1000 zero bytes of pixel data is image_undecodable', async () => {
    // The fixture's IHDR (bit depth, colour type) with the dimensions replaced.
    const png = fixture('twemoji-dog-face.png');
    const header = Buffer.from(png.subarray(16, 29));
    header.writeUInt32BE(7000, 0);
    header.writeUInt32BE(7000, 4);
    const lying = Buffer.concat([PNG_SIG, pngChunk('IHDR', header), pngChunk('IDAT', Buffer.alloc(1000)), pngChunk('IEND', Buffer.alloc(0))]);
    const e = await decodeRefusal(lying);
    expect(e).toBeInstanceOf(AppError);
    expect(e).toMatchObject({ code: 'image_undecodable', status: 422 });
    expect((e as AppError).message).toMatch(/^the png image could not be decoded: /);
  });

  it('the intact files decode', async () => {
    const jpeg = await sharp(fixture('twemoji-dog-face.png')).flatten({ background: '#ffffff' }).resize(64, 64).jpeg().toBuffer();
    expect(await media.pixels(await media.intake(jpeg))).toMatchObject({ width: 64, height: 64 });
    expect(await media.pixels(await media.intake(fixture('twemoji-dog-face.png')))).toMatchObject({ channels: 4 });
  });
});
