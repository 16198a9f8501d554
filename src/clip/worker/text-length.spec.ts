import { trimToLongest } from './text-length';

const EOS = 9n;
const rows = (...r: number[][]) => BigInt64Array.from(r.flat(), BigInt);

describe('trimToLongest', () => {
  it('cuts every row to the longest text up to and including its first EOS', () => {
    const ids = rows([1, 5, 9, 9, 9, 9], [1, 5, 6, 7, 9, 9]);
    const { ids: out, length } = trimToLongest(ids, 2, 6, EOS);
    expect(length).toBe(5);
    expect(Array.from(out, Number)).toEqual([1, 5, 9, 9, 9, 1, 5, 6, 7, 9]);
  });

  it('leaves full-length (truncated) rows untouched', () => {
    const ids = rows([1, 5, 6, 9], [1, 9, 9, 9]);
    const r = trimToLongest(ids, 2, 4, EOS);
    expect(r.length).toBe(4);
    expect(r.ids).toBe(ids);
  });

  it('keeps at least one position', () => {
    expect(trimToLongest(rows([9, 9, 9]), 1, 3, EOS).length).toBe(1);
  });
});
