import { readFileSync } from 'fs';
import { join } from 'path';
import { ClipTokenizer } from './clip-tokenizer';

const FIXTURES = join(__dirname, '../../test/fixtures/clip-tokenizer');
const tokenizerJson = JSON.parse(readFileSync(join(FIXTURES, 'tokenizer.json'), 'utf8'));
const tokenizerConfig = JSON.parse(readFileSync(join(FIXTURES, 'tokenizer_config.json'), 'utf8'));

describe('ClipTokenizer', () => {
  const tok = new ClipTokenizer(tokenizerJson, tokenizerConfig, 77);

  it('matches the published golden ids (Transformers.js CLIP test)', () => {
    const { ids, length, truncated } = tok.encode('How are you doing?');
    expect(ids.slice(0, length)).toEqual([49406, 829, 631, 592, 1960, 286, 49407]);
    expect(length).toBe(7);
    expect(truncated).toBe(false);
  });

  it('pads to model_max_length with the pad token (<|endoftext|> for CLIP)', () => {
    const { ids } = tok.encode('How are you doing?');
    expect(ids).toHaveLength(77);
    expect(tok.padId).toBe(49407);
    expect(ids.slice(7).every((id) => id === 49407)).toBe(true);
  });

  it('lower-cases like CLIP', () => {
    expect(tok.encode('HOW ARE YOU DOING?').ids).toEqual(tok.encode('how are you doing?').ids);
  });

  it('truncates long text keeping BOS first and EOS last, and reports it', () => {
    const long = Array.from({ length: 100 }, (_, i) => `word${i}`).join(' ');
    const { ids, length, truncated } = tok.encode(long);
    expect(truncated).toBe(true);
    expect(length).toBe(77);
    expect(ids).toHaveLength(77);
    expect(ids[0]).toBe(49406);
    expect(ids[76]).toBe(49407);
    expect(ids.slice(1, 76)).not.toContain(49407);
  });

  it('text of exactly max length is not truncated', () => {
    const short = new ClipTokenizer(tokenizerJson, tokenizerConfig, 7);
    expect(short.encode('How are you doing?')).toEqual({
      ids: [49406, 829, 631, 592, 1960, 286, 49407],
      length: 7,
      truncated: false,
    });
    const cut = short.encode('How are you doing today?');
    expect(cut.truncated).toBe(true);
    expect(cut.ids).toEqual([49406, 829, 631, 592, 1960, 721, 49407]);
  });

  it('encodes a batch as row-major int64', () => {
    const short = new ClipTokenizer(tokenizerJson, { ...tokenizerConfig, pad_token: '<|startoftext|>' }, 8);
    const batch = short.encodeBatch(['How are you doing?', 'a']);
    expect(batch).toHaveLength(16);
    expect(Array.from(batch.slice(0, 8), Number)).toEqual([49406, 829, 631, 592, 1960, 286, 49407, 49406]);
    expect(Array.from(batch.slice(8), Number)).toEqual([49406, 320, 49407, 49406, 49406, 49406, 49406, 49406]);
  });
});
