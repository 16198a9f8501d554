import { AuditService } from '../audit/audit.service';
import { AppConfig } from '../config/configuration';
import { Clock } from '../storage/clock';
import { Storage } from '../storage/storage';
import { BlobStore } from './blob-store';
import { RecordsRepository } from './records.repository';
import { RetentionService } from './retention.service';

/**
 * Service tier: RetentionService with its repository, blob store, audit log and transaction mocked,
 * so the order of its steps and its paging are what is checked (the real tables are covered by the
 * integration and e2e tiers).
 */
const NOW = Date.UTC(2026, 0, 31);
const HOURS = 720;
const TRX = { trx: true }; // what the mocked storage hands to the transaction's callback

function setup(pages: { id: string; blob_key: string }[][], marked: (id: string) => boolean = () => true) {
  const steps: string[] = [];
  const repo = {
    blobsDue: jest.fn(async (_cutoff: number, _limit: number) => pages.shift() ?? []),
    markBlobDeleted: jest.fn(async (exec: unknown, id: string) => {
      steps.push(`mark ${id}${exec === TRX ? ' in trx' : ''}`);
      return marked(id);
    }),
  };
  const blobs = { delete: jest.fn(async (key: string) => void steps.push(`delete ${key}`)) };
  const audit = {
    append: jest.fn(async (exec: unknown, entry: { action: string; entityId: string }) => void steps.push(`audit ${entry.action} ${entry.entityId}${exec === TRX ? ' in trx' : ''}`)),
  };
  const storage = {
    transaction: jest.fn(async <T>(fn: (trx: unknown) => Promise<T>) => {
      steps.push('begin');
      const out = await fn(TRX);
      steps.push('commit');
      return out;
    }),
  };
  const clock = { now: () => NOW };
  const config = { storage: { retentionHours: HOURS, sweepIntervalSeconds: 3600 } } as unknown as AppConfig;
  const service = new RetentionService(
    config,
    storage as unknown as Storage,
    repo as unknown as RecordsRepository,
    blobs as unknown as BlobStore,
    audit as unknown as AuditService,
    clock as unknown as Clock,
  );
  return { service, repo, blobs, audit, steps };
}

const due = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ id: `m${from + i}`, blob_key: `k${from + i}` }));

describe('RetentionService (mocked repository, blob store and audit)', () => {
  it('asks for images closed before now minus IMAGE_RETENTION_HOURS, 200 at a time', async () => {
    const { service, repo } = setup([[]]);
    expect(await service.sweep()).toBe(0);
    expect(repo.blobsDue).toHaveBeenCalledWith(NOW - HOURS * 3600_000, 200);
  });

  it('unlinks the pointer and audits in one transaction before the file is deleted', async () => {
    const { service, steps, audit } = setup([due(2)]);
    expect(await service.sweep()).toBe(2);
    expect(steps).toEqual([
      'begin', 'mark m0 in trx', 'audit image.deleted m0 in trx', 'commit', 'delete k0',
      'begin', 'mark m1 in trx', 'audit image.deleted m1 in trx', 'commit', 'delete k1',
    ]);
    expect(audit.append).toHaveBeenCalledWith(
      TRX,
      { actor: 'system', action: 'image.deleted', entityType: 'moderation', entityId: 'm0', before: { blob_key: 'k0' }, after: { reason: 'retention', retention_hours: HOURS } },
      NOW,
    );
  });

  it('leaves the file and writes no audit entry when the row was already unlinked (another instance got there first)', async () => {
    const { service, steps, blobs, audit } = setup([due(2)], (id) => id !== 'm0');
    expect(await service.sweep()).toBe(1);
    expect(audit.append).toHaveBeenCalledTimes(1);
    expect(blobs.delete).toHaveBeenCalledTimes(1);
    expect(blobs.delete).toHaveBeenCalledWith('k1');
    expect(steps.slice(0, 3)).toEqual(['begin', 'mark m0 in trx', 'commit']);
  });

  it('pages on while a page is full and stops after the first short one', async () => {
    const { service, repo, blobs } = setup([due(200), due(200, 200), due(3, 400), due(5, 500)]);
    expect(await service.sweep()).toBe(403);
    expect(repo.blobsDue).toHaveBeenCalledTimes(3);
    expect(blobs.delete).toHaveBeenLastCalledWith('k402');
  });

  it('concurrent sweeps share the pass in progress; a later sweep runs a new pass', async () => {
    const { service, repo } = setup([due(1), due(1, 1)]);
    const [a, b] = await Promise.all([service.sweep(), service.sweep()]);
    expect([a, b]).toEqual([1, 1]);
    expect(repo.blobsDue).toHaveBeenCalledTimes(1);
    expect(await service.sweep()).toBe(1);
    expect(repo.blobsDue).toHaveBeenCalledTimes(2);
  });

  it('a failed transaction deletes no file and fails the sweep', async () => {
    const { service, blobs, audit } = setup([due(1)]);
    audit.append.mockRejectedValueOnce(new Error('audit log unavailable'));
    await expect(service.sweep()).rejects.toThrow('audit log unavailable');
    expect(blobs.delete).not.toHaveBeenCalled();
  });
});
