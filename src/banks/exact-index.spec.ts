import { BankIndex } from './bank-index';
import { ExactIndex } from './exact-index';

const SHA = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const MD5 = 'd41d8cd98f00b204e9800998ecf8427e';

describe('ExactIndex', () => {
  it('finds every bank holding a digest, case-insensitively, and forgets removed entries', () => {
    const index = new ExactIndex();
    index.add(1, 'a', 'sha256', SHA);
    index.add(2, 'b', 'sha256', SHA.toUpperCase());
    index.add(3, 'a', 'md5', MD5);
    index.add(4, 'c', 'sha256', SHA);
    expect(index.lookup('sha256', SHA.toUpperCase())).toEqual([{ entryId: 1, bankId: 'a' }, { entryId: 2, bankId: 'b' }, { entryId: 4, bankId: 'c' }]);
    // A digest is looked up under its own type only.
    expect(index.lookup('md5', SHA)).toEqual([]);
    expect(index.lookup('md5', MD5)).toEqual([{ entryId: 3, bankId: 'a' }]);
    expect(index.remove(2, 'sha256', SHA)).toBe(true);
    expect(index.remove(2, 'sha256', SHA)).toBe(false);
    expect(index.remove(4, 'sha256', SHA)).toBe(true);
    expect(index.lookup('sha256', SHA)).toEqual([{ entryId: 1, bankId: 'a' }]);
    expect(index.remove(9, 'sha256', SHA)).toBe(false);
    expect(index.remove(1, 'sha256', SHA)).toBe(true);
    expect(index.lookup('sha256', SHA)).toEqual([]);
    expect(index.size).toBe(1);
  });

  it('refuses digests of the wrong length or alphabet', () => {
    const index = new ExactIndex();
    expect(() => index.add(1, 'a', 'sha256', MD5)).toThrow(RangeError);
    expect(() => index.add(1, 'a', 'md5', 'g'.repeat(32))).toThrow(RangeError);
    expect(index.size).toBe(0);
  });
});

describe('BankIndex', () => {
  it('adds each entry id once and routes signal types to their index', () => {
    const index = new BankIndex();
    const pdq = { id: 5, bankId: 'a', signalType: 'pdq' as const, value: 'ab'.repeat(32) };
    const sha = { id: 6, bankId: 'a', signalType: 'sha256' as const, value: SHA };
    expect(index.add(pdq)).toBe(true);
    expect(index.add(sha)).toBe(true);
    expect(index.add(pdq)).toBe(false);
    expect(index.add(sha)).toBe(false);
    expect(index.size).toBe(2);
    expect(index.lastId).toBe(6);
    expect(index.matchPdq(Buffer.from(pdq.value, 'hex'), 31)).toEqual([{ entryId: 5, bankId: 'a', distance: 0 }]);
    expect(index.remove(pdq)).toBe(true);
    expect(index.matchPdq(Buffer.from(pdq.value, 'hex'), 31)).toEqual([]);
    expect(index.remove(sha)).toBe(true);
    expect(index.matchExact('sha256', SHA)).toEqual([]);
  });
});
