import { Injectable } from '@nestjs/common';
import { ClipService } from '../../clip/clip.service';
import { AppError } from '../../common/app-error';
import { MediaService } from '../../media/media.service';
import { LabelledSample, EmbeddedSample } from '../evaluation/samples';
import { appErrorOfClip } from '../../engine/engine-errors';

/**
 * Images to embeddings for previews and evaluations, through the same intake (limits, format
 * allowlist, frame sampling) and engine as a moderation.
 */
@Injectable()
export class PolicyImageScorer {
  constructor(
    private readonly media: MediaService,
    private readonly clip: ClipService,
  ) {}

  get logitScale(): number {
    return this.clip.model.logitScale;
  }

  get modelId(): string {
    return this.clip.model.id;
  }

  async frames(data: Buffer): Promise<Float32Array[]> {
    const image = await this.media.intake(data);
    try {
      return await Promise.all(image.sampledFrames.map(async (page) => (await this.clip.embedImage(this.media.frameInput(image, page))).embedding));
    } catch (e) {
      throw appErrorOfClip(e);
    }
  }

  /**
   * Embeds labelled samples a few at a time (the batcher groups them); an image that fails
   * intake is reported, not fatal. `progress` is called after each sample.
   */
  async embedSamples(samples: LabelledSample[], progress?: (done: number, total: number) => void): Promise<{ embedded: EmbeddedSample[]; failed: { name: string; error: string }[] }> {
    const embedded: (EmbeddedSample | null)[] = new Array(samples.length).fill(null);
    const failed: { name: string; error: string }[] = [];
    let next = 0;
    let done = 0;
    const lane = async () => {
      while (next < samples.length) {
        const i = next++;
        const s = samples[i];
        try {
          const data = typeof s.data === 'function' ? await s.data() : s.data;
          embedded[i] = { name: s.name, label: s.label, frames: await this.frames(data) };
        } catch (e) {
          if (e instanceof AppError && e.status === 503) throw e;
          failed.push({ name: s.name, error: e instanceof AppError ? `${e.code}: ${e.message}` : (e as Error).message });
        }
        progress?.(++done, samples.length);
      }
    };
    await Promise.all(Array.from({ length: Math.min(8, samples.length) }, lane));
    return { embedded: embedded.filter((x): x is EmbeddedSample => x !== null), failed };
  }
}
