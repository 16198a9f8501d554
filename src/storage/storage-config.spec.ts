import { loadConfig } from '../config/configuration';

describe('storage and review configuration', () => {
  it('defaults: SQLite in ./data, all records, flag/blur/block kept, flag/blur reviewed, 10-minute leases', () => {
    const s = loadConfig({}, '/srv').storage;
    expect(s).toMatchObject({
      dataDir: '/srv/data',
      databaseUrl: null,
      recordMode: 'all',
      keepImages: ['flag', 'blur', 'block'],
      blobDir: '/srv/data/blobs',
      retentionHours: 720,
      reviewActions: ['flag', 'blur'],
      reviewPolicyActions: {},
      leaseSeconds: 600,
    });
  });

  it('parses typed values', () => {
    const s = loadConfig(
      { DATA_DIR: '/var/cg', DATABASE_URL: 'postgres://u:p@db/cg', RECORD_MODE: 'non-allow', KEEP_IMAGES: 'block', REVIEW_POLICY_ACTIONS: 'weapons=flag|blur|block,alcohol=none', BLOB_DIR: '/blobs' },
      '/',
    ).storage;
    expect(s).toMatchObject({ dataDir: '/var/cg', databaseUrl: 'postgres://u:p@db/cg', recordMode: 'non-allow', keepImages: ['block'], blobDir: '/blobs' });
    expect(s.reviewPolicyActions).toEqual({ weapons: ['flag', 'blur', 'block'], alcohol: [] });
  });

  it.each([
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must be a valid postgres/],
    [{ RECORD_MODE: 'some' }, /RECORD_MODE must be one of/],
    [{ KEEP_IMAGES: 'flag,maybe' }, /KEEP_IMAGES: unknown action/],
    [{ REVIEW_ACTIONS: 'warn' }, /REVIEW_ACTIONS: unknown action/],
    [{ REVIEW_POLICY_ACTIONS: 'weapons' }, /REVIEW_POLICY_ACTIONS entry "weapons"/],
    [{ REVIEW_LEASE_SECONDS: '0' }, /REVIEW_LEASE_SECONDS/],
    [{ IMAGE_RETENTION_HOURS: '-1' }, /IMAGE_RETENTION_HOURS/],
  ])('rejects %j naming the variable', (env, msg) => {
    expect(() => loadConfig(env as Record<string, string>, '/')).toThrow(msg);
  });
});
