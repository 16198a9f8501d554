import * as fs from 'fs';
import * as os from 'os';
import sharp from 'sharp';
import { AppConfig } from '../config/configuration';
import { DecodePriority } from './decode-priority';

const config = (decodeNice: number) => ({ media: { decodeNice } }) as AppConfig;

function libvipsThreads(): number[] {
  return fs
    .readdirSync('/proc/self/task')
    .map(Number)
    .filter((tid) => {
      try {
        return fs.readFileSync(`/proc/self/task/${tid}/comm`, 'utf8').startsWith('libvips');
      } catch {
        return false;
      }
    });
}

describe('DecodePriority', () => {
  // Linux (the CI machines and the deployment target); elsewhere the class is a no-op (last test).
  it('renices libvips worker threads and leaves every other thread alone', async () => {
    // Decoding and resizing starts libvips' workers in this process.
    const px = Buffer.alloc(600 * 400 * 3, 90);
    await sharp(px, { raw: { width: 600, height: 400, channels: 3 } }).resize(200, 100).jpeg().toBuffer();
    const vips = libvipsThreads();
    expect(vips.length).toBeGreaterThan(0);
    const others = fs.readdirSync('/proc/self/task').map(Number).filter((t) => !vips.includes(t));
    const before = new Map(others.map((t) => [t, os.getPriority(t)]));

    const p = new DecodePriority(config(7));
    expect(p.scan()).toBeGreaterThan(0);
    for (const tid of vips) expect(os.getPriority(tid)).toBe(7);
    for (const [tid, nice] of before) {
      if (fs.existsSync(`/proc/self/task/${tid}`)) expect(os.getPriority(tid)).toBe(nice);
    }
    // Already at the value: nothing to do on the next scan.
    expect(p.scan()).toBe(0);
  });

  it('does nothing when switched off or without /proc', () => {
    const off = new DecodePriority(config(0));
    off.onModuleInit();
    expect((off as unknown as { timer?: NodeJS.Timeout }).timer).toBeUndefined();
    off.onModuleDestroy();
    const elsewhere = new DecodePriority(config(5));
    elsewhere.taskDir = '/nonexistent/task';
    elsewhere.onModuleInit();
    expect(elsewhere.scan()).toBe(0);
    elsewhere.onModuleDestroy();
  });
});
