import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { PeriodicTask } from '../common/periodic-task';
import { APP_CONFIG, AppConfig } from '../config/configuration';
import type { BankMatch } from '../decisions/bank-matches';
import { Clock } from '../storage/clock';
import { Storage } from '../storage/storage';
import { BankIndex } from './bank-index';
import { Bank, BanksRepository } from './banks.repository';
import { DIHEDRAL_NAMES } from './pdq-dihedral';
import type { PdqDihedralHashes, PdqHash } from './pdq';

/** What intake hands the matcher: the hashes of one upload (computed once, from pixels already decoded). */
export interface UploadSignals {
  /** Empty: not looked up (matching by embedding alone). */
  sha256: string;
  /** Empty: not computed (no bank holds MD5 entries, HASH_UPLOADS=banks). */
  md5: string;
  /** PDQ of the first frame; null when the image could not be hashed. */
  pdq: PdqHash | null;
  /** The 8 rotations and mirrors (only when some bank asks for them: `needsDihedral`). */
  dihedral?: PdqDihedralHashes;
  /** The CLIP image embedding (L2-normalised), when the model ran. */
  embedding?: Float32Array;
}

/** Deletions are read back this far before the last sync: instances' clocks and commits are not in step. */
const DELETION_OVERLAP_MS = 120_000;

/**
 * Every live entry of every bank in memory (BankIndex plus the stored embeddings), and the banks'
 * settings. It follows the database: after each local change at once, and every POLICY_SYNC_SECONDS
 * for the changes other instances make (additions by id, deletions by time, the banks' settings read
 * again); when its count of entries or the sum of their ids differs from the database's (a
 * transaction that committed an older id late, a deletion stamped by a clock far behind) it rebuilds.
 */
@Injectable()
export class BankMatcher implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('Banks');
  private index = new BankIndex();
  private embeddings = new Map<number, { bankId: string; vector: Float32Array }>();
  private lastEmbeddingId = 0;
  private banks = new Map<string, Bank>();
  private deletedSince = 0;
  private readonly syncer: PeriodicTask;
  private readonly syncSeconds: number;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly storage: Storage,
    private readonly repo: BanksRepository,
    private readonly clock: Clock,
  ) {
    this.syncSeconds = config.policies.syncSeconds;
    this.syncer = new PeriodicTask({ name: 'bank sync', everyMs: this.syncSeconds * 1000, run: () => this.syncOnce(), log: this.log, level: 'error' });
  }

  async onModuleInit(): Promise<void> {
    await this.rebuild();
    if (this.syncSeconds > 0) this.syncer.start();
  }

  onModuleDestroy(): Promise<void> {
    return this.syncer.stop();
  }

  /**
   * Follows the database now (after a local change); resolves once a sync that started after this
   * call ended, also when it failed (the failure is logged; the next sync catches up).
   */
  sync(): Promise<void> {
    return this.syncer.runNow().catch(() => undefined);
  }

  /** Drops entries from this instance's index at once (the database change is made by the caller). */
  forget(entries: readonly { id: number; bankId: string; signalType: 'pdq' | 'sha256' | 'md5'; value: string }[]): void {
    for (const e of entries) {
      this.index.remove(e);
      this.embeddings.delete(e.id);
    }
  }

  /** Entries held (PDQ, exact) and banks known: for health and tests. */
  stats() {
    return { entries: this.index.size, pdq: this.index.pdq.size, exact: this.index.exact.size, embeddings: this.embeddings.size, banks: this.banks.size };
  }

  /** Whether any enabled bank matches rotations and mirrors (intake then computes the dihedral hashes). */
  get needsDihedral(): boolean {
    for (const b of this.banks.values()) if (b.enabled && b.dihedral) return true;
    return false;
  }

  /**
   * Which of an upload's signals matching can use: PDQ and MD5 only while some bank holds entries of
   * that type (HASH_UPLOADS=banks computes them only then; SHA-256 is always taken, it names the upload).
   */
  get wants(): { pdq: boolean; md5: boolean } {
    return { pdq: this.index.pdq.size > 0, md5: this.index.exact.holds('md5') };
  }

  /** Whether any enabled bank holds entries at all: intake skips matching otherwise. */
  get active(): boolean {
    return this.index.size > 0 || this.embeddings.size > 0;
  }

  bank(id: string): Bank | undefined {
    return this.banks.get(id);
  }

  /**
   * The upload's matches against every enabled bank, each judged by its bank's own settings (distance,
   * minimum quality, dihedral, embedding threshold). Labels are read from the database for the few
   * entries that matched.
   */
  async match(s: UploadSignals): Promise<BankMatch[]> {
    if (!this.active) return [];
    const found: Omit<BankMatch, 'labels'>[] = [];
    const add = (bankId: string, m: Omit<BankMatch, 'labels' | 'bankId' | 'bankName' | 'action' | 'mode'>) => {
      const b = this.banks.get(bankId);
      if (!b || !b.enabled) return;
      found.push({ bankId, bankName: b.name, action: b.action, mode: b.mode, ...m });
    };
    if (s.sha256) for (const h of this.index.matchExact('sha256', s.sha256)) add(h.bankId, { entryId: h.entryId, signal: 'sha256' });
    if (s.md5) for (const h of this.index.matchExact('md5', s.md5)) add(h.bankId, { entryId: h.entryId, signal: 'md5' });
    if (s.pdq && this.index.pdq.size) {
      const maxDistance = this.maxDistance(s.pdq.quality);
      if (maxDistance >= 0) {
        const quality = s.pdq.quality;
        const pdqHit = (bankId: string, entryId: number, distance: number, signal: 'pdq' | 'pdq-dihedral', transform?: string) => {
          const b = this.banks.get(bankId);
          if (!b || quality < b.minQuality || distance > b.distanceThreshold) return;
          if (signal === 'pdq-dihedral' && !b.dihedral) return;
          add(bankId, { entryId, signal, distance, threshold: b.distanceThreshold, quality, ...(transform ? { transform } : {}) });
        };
        for (const h of this.index.matchPdq(s.pdq.hash, maxDistance)) pdqHit(h.bankId, h.entryId, h.distance, 'pdq');
        if (s.dihedral) {
          for (const name of DIHEDRAL_NAMES) {
            if (name === 'original') continue;
            for (const h of this.index.matchPdq(s.dihedral[name].hash, maxDistance)) pdqHit(h.bankId, h.entryId, h.distance, 'pdq-dihedral', name);
          }
        }
      }
    }
    if (s.embedding && this.embeddings.size) {
      for (const [entryId, e] of this.embeddings) {
        const b = this.banks.get(e.bankId);
        if (!b || b.embeddingThreshold === null || e.vector.length !== s.embedding.length) continue;
        let dot = 0;
        for (let i = 0; i < e.vector.length; i++) dot += e.vector[i] * s.embedding[i];
        if (dot >= b.embeddingThreshold) add(e.bankId, { entryId, signal: 'embedding', similarity: Math.round(dot * 1e6) / 1e6, threshold: b.embeddingThreshold });
      }
    }
    if (!found.length) return [];
    const labels = await this.repo.labelsOf(this.storage.db, [...new Set(found.map((f) => f.entryId))]);
    return found.map((f) => ({ ...f, labels: labels.get(f.entryId) ?? [] }));
  }

  /** Matches by CLIP image embedding alone (after the model ran). */
  matchEmbedding(embedding: Float32Array): Promise<BankMatch[]> {
    if (!this.embeddings.size) return Promise.resolve([]);
    return this.match({ sha256: '', md5: '', pdq: null, embedding });
  }

  /** Whether some enforced, enabled `block` bank is among these matches. */
  static blocks(matches: readonly BankMatch[]): boolean {
    return matches.some((m) => m.action === 'block' && m.mode === 'enforce');
  }

  /** The widest distance any enabled bank accepts for a hash of this quality; -1 when none does. */
  private maxDistance(quality: number): number {
    let d = -1;
    for (const b of this.banks.values()) if (b.enabled && quality >= b.minQuality && b.distanceThreshold > d) d = b.distanceThreshold;
    return d;
  }

  private async rebuild(): Promise<void> {
    const started = this.clock.now();
    const index = new BankIndex();
    await index.load((after) => this.repo.liveEntriesAfter(this.storage.db, after));
    const embeddings = new Map<number, { bankId: string; vector: Float32Array }>();
    let lastEmbeddingId = 0;
    for (const e of await this.repo.embeddingsAfter(this.storage.db, 0)) {
      embeddings.set(e.id, { bankId: e.bankId, vector: e.embedding });
      lastEmbeddingId = Math.max(lastEmbeddingId, e.id);
    }
    this.banks = new Map((await this.repo.listBanks(this.storage.db)).map((b) => [b.id, b]));
    this.index = index;
    this.embeddings = embeddings;
    this.lastEmbeddingId = lastEmbeddingId;
    this.deletedSince = started - DELETION_OVERLAP_MS;
  }

  private async syncOnce(): Promise<void> {
    const db = this.storage.db;
    const started = this.clock.now();
    // The banks' settings are a few rows: read them every time (a version by newest update time would
    // miss an update stamped earlier by an instance whose clock is behind).
    this.banks = new Map((await this.repo.listBanks(db)).map((b) => [b.id, b]));
    await this.index.load((after) => this.repo.liveEntriesAfter(db, after));
    for (const e of await this.repo.embeddingsAfter(db, this.lastEmbeddingId)) {
      this.embeddings.set(e.id, { bankId: e.bankId, vector: e.embedding });
      this.lastEmbeddingId = Math.max(this.lastEmbeddingId, e.id);
    }
    for (const d of await this.repo.entriesDeletedSince(db, this.deletedSince)) {
      this.index.remove(d);
      this.embeddings.delete(d.id);
    }
    this.deletedSince = started - DELETION_OVERLAP_MS;
    const live = await this.repo.liveCount(db);
    if (live.count !== this.index.size || live.idSum !== this.index.idSum) await this.rebuild();
  }
}
