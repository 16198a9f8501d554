import { BodyPool } from './body-pool';

describe('BodyPool', () => {
  const KB = 1024;

  it('hands out a view of exactly the requested length over a power-of-two block', () => {
    const pool = new BodyPool();
    const b = pool.acquire(100 * KB + 3);
    expect(b.length).toBe(100 * KB + 3);
    expect(b.byteOffset).toBe(0);
    expect(b.buffer.byteLength).toBe(128 * KB);
  });

  it('reuses a released block for the next upload of its size class', () => {
    const pool = new BodyPool();
    const first = pool.acquire(300 * KB);
    pool.release(first);
    expect(pool.idle).toBe(512 * KB);
    const second = pool.acquire(400 * KB);
    expect(second.buffer).toBe(first.buffer);
    expect(second.length).toBe(400 * KB);
    expect(pool.idle).toBe(0);
    expect(pool.stats).toEqual({ reused: 1, allocated: 1, dropped: 0 });
    // Another size class gets its own block.
    expect(pool.acquire(600 * KB).buffer).not.toBe(first.buffer);
  });

  it('never hands one block to two holders', () => {
    const pool = new BodyPool();
    const a = pool.acquire(200 * KB);
    pool.release(a);
    pool.release(a); // a second release of the same block is ignored
    const b = pool.acquire(200 * KB);
    const c = pool.acquire(200 * KB);
    expect(b.buffer).toBe(a.buffer);
    expect(c.buffer).not.toBe(b.buffer);
  });

  it('ignores buffers it did not lease', () => {
    const pool = new BodyPool();
    pool.release(Buffer.alloc(256 * KB));
    pool.release(Buffer.from('small'));
    expect(pool.idle).toBe(0);
    expect(pool.acquire(256 * KB).buffer.byteLength).toBe(256 * KB);
    expect(pool.stats.reused).toBe(0);
  });

  it('leaves small uploads to Node, and pools nothing when its budget is 0', () => {
    const pool = new BodyPool();
    const small = pool.acquire(10 * KB);
    pool.release(small);
    expect(pool.idle).toBe(0);
    const off = new BodyPool(0);
    const big = off.acquire(1024 * KB);
    off.release(big);
    expect(off.idle).toBe(0);
    expect(off.acquire(1024 * KB).buffer).not.toBe(big.buffer);
  });

  it('keeps at most maxIdleBytes idle; the rest is dropped for the garbage collector', () => {
    const pool = new BodyPool(1024 * KB);
    const blocks = [pool.acquire(512 * KB), pool.acquire(512 * KB), pool.acquire(512 * KB)];
    for (const b of blocks) pool.release(b);
    expect(pool.idle).toBe(1024 * KB);
    expect(pool.stats.dropped).toBe(1);
  });
});
