import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { ClipService } from '../clip/clip.service';
import { AppError } from '../common/app-error';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import { MediaService } from '../media/media.service';
import { MetricsService } from '../metrics/metrics.service';
import { iso } from '../records/query';
import { RecordsRepository } from '../records/records.repository';
import type { RecordedEvent } from '../records/records.service';
import { bytesToEmbedding } from '../storage/embedding-bytes';
import { Storage } from '../storage/storage';
import { EmbeddingIndex, Hit, RowMeta } from './embedding-index';
import { fieldError } from '../common/validate-dto';
import { appErrorOfClip } from '../engine/engine-errors';
import { Events } from '../common/events';

export interface SearchFilter {
  decision?: string[];
  policy?: string;
  from?: number;
  to?: number;
}

/** How far back a PostgreSQL catch-up looks for rows other instances committed (clock skew and slow commits). */
const CATCH_UP_WINDOW_MS = 60_000;
const LOAD_PAGE = 5_000;
/** The int8 index proposes this many candidates per shown result; their float vectors decide the order. */
const RESCORE_FACTOR = 4;
const RESCORE_MIN = 64;

/**
 * Image search over stored moderation records: text -> CLIP text embedding, an existing record's
 * image embedding, or an uploaded image's embedding (near duplicates of an image never moderated). The in-memory int8 index of the current model's embeddings proposes candidates
 * (RESCORE_FACTOR x the limit); their stored float32 vectors give the exact cosine and the order.
 */
@Injectable()
export class SearchService implements OnApplicationBootstrap {
  private readonly log = new Logger('Search');
  private index?: EmbeddingIndex;
  /** The index new records go into: set when loading starts, so none committed meanwhile is missed. */
  private filling?: EmbeddingIndex;
  /**
   * The newest created_at among the rows this instance has read from the database (the load, then each
   * catch-up): the next catch-up reads from here less CATCH_UP_WINDOW_MS. This instance's own commits do
   * not move it: another instance's record may be older than them and still unread (it was: a record of
   * the other instance was skipped for good once this one committed a minute later without a search).
   */
  private readFrom = 0;

  constructor(
    private readonly clip: ClipService,
    private readonly repo: RecordsRepository,
    private readonly storage: Storage,
    private readonly metrics: MetricsService,
    private readonly media: MediaService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const t0 = performance.now();
    const { id: modelId, projectionDim: dim } = this.clip.model;
    const index = new EmbeddingIndex(dim, 4096);
    this.metrics.registerProbe('searchIndex', () => ({ rows: index.size, bytes: index.bytes }));
    // Listen before loading: a record committed while the pages load is added once (add ignores known ids).
    this.filling = index;
    let after: { created_at: number; id: string } | null = null;
    for (;;) {
      const page = await this.repo.embeddingsPage(modelId, dim, after, LOAD_PAGE);
      await this.addRows(index, page);
      for (const r of page) this.readFrom = Math.max(this.readFrom, Number(r.created_at));
      if (page.length < LOAD_PAGE) break;
      after = page[page.length - 1];
    }
    this.index = index;
    this.log.log(`search index: ${index.size} embeddings of ${modelId} (dim ${dim}) loaded in ${Math.round(performance.now() - t0)} ms`);
  }

  /**
   * After a moderation's commit (src/jobs/moderation-commit.service.ts). One committed before loading
   * started is read with the pages instead.
   */
  @OnEvent(Events.moderationRecorded)
  onRecorded(e: RecordedEvent): void {
    const index = this.filling;
    if (!index || e.modelId !== this.clip.model.id || e.embedding.length !== index.dim) return;
    index.add(e.id, e.embedding, { createdAt: e.createdAt, decision: e.decision, policies: e.policies });
  }

  private async addRows(index: EmbeddingIndex, rows: { id: string; created_at: number; decision: string; embedding: Buffer }[]) {
    const fresh = rows.filter((r) => !index.has(r.id));
    if (!fresh.length) return;
    const policies = await this.repo.policiesOf(fresh.map((r) => r.id));
    for (const r of fresh) {
      index.add(r.id, r.embedding, { createdAt: Number(r.created_at), decision: r.decision, policies: (policies.get(r.id) ?? []).map((p) => p.policy_id) });
    }
  }

  /**
   * Several instances may write one PostgreSQL: before each query, pick up what the others committed.
   * Ids first (small), embeddings only for the ones this instance has not seen.
   */
  private async catchUp(index: EmbeddingIndex): Promise<void> {
    if (this.storage.dialect !== 'postgres') return;
    const recent = await this.repo.idsSince(this.clip.model.id, index.dim, this.readFrom - CATCH_UP_WINDOW_MS);
    const unseen = recent.map((r) => r.id).filter((id) => !index.has(id));
    for (let i = 0; i < unseen.length; i += 500) await this.addRows(index, await this.repo.embeddingsOf(unseen.slice(i, i + 500)));
    for (const r of recent) this.readFrom = Math.max(this.readFrom, Number(r.created_at));
  }

  async byText(text: string, f: SearchFilter, limit: number) {
    const [query] = await this.clip.embedTexts([text]);
    return this.run(query, f, limit);
  }

  /** Near duplicates of an uploaded image (its first frame), decoded with the same limits as a moderation. */
  async byImage(data: Buffer, f: SearchFilter, limit: number) {
    const image = await this.media.intake(data);
    try {
      const e = await this.clip.embedImage(this.media.frameInput(image, 0), { deadlineMs: this.config.reliability.deadlineMs });
      return await this.run(e.embedding, f, limit);
    } catch (err) {
      throw appErrorOfClip(err);
    }
  }

  async similarTo(id: string, f: SearchFilter, limit: number) {
    const index = this.ready();
    await this.catchUp(index);
    const [row] = index.has(id) ? await this.repo.embeddingsOf([id]) : [];
    if (!row?.embedding) {
      const r = await this.repo.get(id);
      if (!r) throw new AppError('not_found', `moderation ${id} is not recorded`, { moderation_id: id });
      throw fieldError('similar_to', 'hasEmbedding', `moderation ${id} has no embedding of the current model (${this.clip.model.id})`, { moderation_id: id, model_id: r.model_id });
    }
    return this.run(bytesToEmbedding(row.embedding), f, limit, id);
  }

  private ready(): EmbeddingIndex {
    if (!this.index) throw new AppError('not_ready', 'the search index is still loading', undefined, 5);
    return this.index;
  }

  /** Exact cosine of each candidate from its stored float32 vector; the best `limit`, best first. */
  private async rescore(query: Float32Array, candidates: Hit[], limit: number): Promise<Hit[]> {
    const exact: Hit[] = [];
    for (let i = 0; i < candidates.length; i += 500) {
      for (const r of await this.repo.embeddingsOf(candidates.slice(i, i + 500).map((h) => h.id))) {
        if (!r.embedding) continue;
        const v = bytesToEmbedding(r.embedding);
        let s = 0;
        for (let j = 0; j < v.length; j++) s += v[j] * query[j];
        exact.push({ id: r.id, score: s });
      }
    }
    return exact.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, limit);
  }

  private async run(query: Float32Array, f: SearchFilter, limit: number, exclude?: string) {
    const index = this.ready();
    await this.catchUp(index);
    const t0 = performance.now();
    const filter = f.decision || f.policy || f.from !== undefined || f.to !== undefined
      ? (m: RowMeta) =>
          (!f.decision || f.decision.includes(m.decision)) &&
          (!f.policy || m.policies.includes(f.policy)) &&
          (f.from === undefined || m.createdAt >= f.from) &&
          (f.to === undefined || m.createdAt < f.to)
      : undefined;
    const candidates = index.search(query, Math.max(limit * RESCORE_FACTOR, limit + RESCORE_MIN), filter, exclude);
    const hits = await this.rescore(query, candidates, limit);
    const searchMs = performance.now() - t0;
    const summaries = await this.repo.summaries(hits.map((h) => h.id));
    return {
      model: { id: this.clip.model.id },
      searched: index.size,
      search_ms: Math.round(searchMs * 100) / 100,
      // A hit whose record retention removed after the index proposed it is left out.
      items: hits.flatMap((h) => {
        const s = summaries.get(h.id);
        if (!s) return [];
        return [
          {
            moderation_id: h.id,
            similarity: Math.round(h.score * 1e6) / 1e6,
            decision: s.decision,
            created_at: iso(s.created_at)!,
            client: s.client,
            external_id: s.external_id ?? null,
            sha256: s.sha256,
            policy_set_version: s.policy_set_version,
          },
        ];
      }),
    };
  }
}
