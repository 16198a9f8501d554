import { Tokenizer } from '@huggingface/tokenizers';
import { TokenizedText } from './clip.types';

/** tokenizer_config.json writes special tokens either as a string or as an AddedToken object. */
function tokenContent(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object' && typeof (v as { content?: unknown }).content === 'string') {
    return (v as { content: string }).content;
  }
  return undefined;
}

/**
 * CLIP text tokenisation with the padding the text encoders expect: always `maxLength` ids, padded
 * with the pad token (CLIP pads with <|endoftext|>), and when too long cut so that EOS stays last,
 * because CLIP pools the text embedding at the first EOS.
 */
export class ClipTokenizer {
  private readonly tokenizer: Tokenizer;
  readonly eosId: number;
  readonly padId: number;

  constructor(
    tokenizerJson: object,
    tokenizerConfig: Record<string, unknown>,
    readonly maxLength: number,
  ) {
    this.tokenizer = new Tokenizer(tokenizerJson, tokenizerConfig);
    const eos = this.idOf(tokenContent(tokenizerConfig.eos_token));
    if (eos === undefined) throw new Error('eos_token is missing or not in the vocabulary');
    this.eosId = eos;
    this.padId = this.idOf(tokenContent(tokenizerConfig.pad_token)) ?? eos;
    if (maxLength < 2) throw new Error('model_max_length must be at least 2');
  }

  private idOf(token: string | undefined): number | undefined {
    if (token === undefined) return undefined;
    const id = this.tokenizer.token_to_id(token);
    return typeof id === 'number' ? id : undefined;
  }

  encode(text: string): TokenizedText {
    const raw = this.tokenizer.encode(text).ids;
    const truncated = raw.length > this.maxLength;
    const ids = truncated ? [...raw.slice(0, this.maxLength - 1), this.eosId] : raw.slice();
    const length = ids.length;
    while (ids.length < this.maxLength) ids.push(this.padId);
    return { ids, length, truncated };
  }

  /** Row-major [texts.length, maxLength] int64 ids, the layout ONNX text encoders take. */
  encodeBatch(texts: string[]): BigInt64Array {
    const out = new BigInt64Array(texts.length * this.maxLength);
    texts.forEach((t, row) => {
      const { ids } = this.encode(t);
      for (let i = 0; i < ids.length; i++) out[row * this.maxLength + i] = BigInt(ids[i]);
    });
    return out;
  }
}
