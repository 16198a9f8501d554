import { parseOptions } from './options';

describe('bench options: --dtype', () => {
  it("takes the service's dtype names and refuses others before any measurement", () => {
    expect(parseOptions([]).dtypes).toEqual(['fp32', 'q8']);
    expect(parseOptions(['--dtype', 'fp32,quantized,fp16']).dtypes).toEqual(['fp32', 'quantized', 'fp16']);
    // An unknown name used to become a "_<name>" graph suffix and fail later, on a missing file.
    expect(() => parseOptions(['--dtype', 'fp32,fp99'])).toThrow(/unknown dtype "fp99"/);
  });
});
