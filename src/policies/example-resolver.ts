import { ClipService } from '../clip/clip.service';
import { PolicyFileSource } from './policy-file-source';
import { ExampleResolver } from './policy.types';

/** Where stored moderations' embeddings come from (moderation records); optional. */
export interface RecordEmbeddings {
  embeddingOf(moderationId: string): Promise<Float32Array | null>;
}

export const POLICY_RECORD_EMBEDDINGS = 'POLICY_RECORD_EMBEDDINGS';
const MAX_EXAMPLE_BYTES = 10 * 1024 * 1024;

/**
 * Example images of policies: a file under the policy folder is embedded with the image encoder
 * (first frame); "moderation:<id>" reuses the embedding stored with that moderation record.
 */
export function exampleResolver(dir: string, files: PolicyFileSource, clip: Pick<ClipService, 'embedImage'>, records: RecordEmbeddings | null): ExampleResolver {
  return (refs) =>
    Promise.all(
      refs.map(async (ref): Promise<Float32Array | string> => {
        if (ref.startsWith('moderation:')) {
          if (!records) return 'stored moderations are not available (no records store)';
          const v = await records.embeddingOf(ref.slice('moderation:'.length));
          return v ?? 'no stored moderation with this id has an embedding';
        }
        const data = await files.readExample(dir, ref, MAX_EXAMPLE_BYTES);
        if (typeof data === 'string') return data;
        try {
          return (await clip.embedImage({ data, page: 0 })).embedding;
        } catch (e) {
          return `cannot be embedded: ${(e as Error).message}`;
        }
      }),
    );
}
