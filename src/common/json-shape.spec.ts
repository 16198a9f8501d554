import { checkJsonShape } from './json-shape';

const limits = { maxDepth: 8, maxValues: 100 };
const check = (s: string) => () => checkJsonShape(Buffer.from(s), limits);

describe('checkJsonShape', () => {
  it('accepts ordinary documents and long strings', () => {
    expect(check('{"a":[1,2,{"b":"c"}],"d":null}')).not.toThrow();
    expect(check(JSON.stringify({ image_base64: 'A'.repeat(1_000_000) }))).not.toThrow();
    expect(check(JSON.stringify({ s: '[[[[[[[[[[,,,,,,,,' + '\\"[[[[[[[[[[' }))).not.toThrow();
  });

  it('ignores brackets and commas inside strings, escaped quotes included', () => {
    expect(check(JSON.stringify({ a: 'x\\"[[[[[[[[[[[[[', b: '\\\\', c: '[[[[[[[[[[' }))).not.toThrow();
  });

  it('refuses nesting deeper than the limit', () => {
    expect(check('['.repeat(9) + ']'.repeat(9))).toThrow(/nested deeper than 8/);
    expect(check('['.repeat(8) + ']'.repeat(8))).not.toThrow();
  });

  it('refuses more values than the limit', () => {
    expect(check(`[${Array(101).fill('{}').join(',')}]`)).toThrow(/more than 100 values/);
    expect(check(`[${Array(50).fill('{}').join(',')}]`)).not.toThrow();
  });

  it('leaves malformed text to JSON.parse', () => {
    expect(check('{"unterminated')).not.toThrow();
  });
});
