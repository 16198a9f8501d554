import { loadConfig } from './configuration';

describe('loadConfig', () => {
  it('has working defaults with an empty environment', () => {
    const c = loadConfig({}, '/srv');
    expect(c.http.port).toBe(8080);
    expect(c.clip.modelDir).toBe('/srv/models/emoji-clip-demo');
    expect(c.media.maxBytes).toBe(20 * 1024 * 1024);
    expect(c.media.maxPixels).toBe(50_000_000);
    expect(c.auth.keys).toEqual([]);
    expect(c.clip.background).toEqual({ r: 255, g: 255, b: 255 });
  });

  it('parses typed values', () => {
    const c = loadConfig({ PORT: '9000', CLIP_MAX_BATCH: '8', IMAGE_BACKGROUND: '#000000', API_KEYS: 'ci:0123456789abcdef:ingest|moderator', POLICIES_WATCH: 'false' }, '/');
    expect(c.http.port).toBe(9000);
    expect(c.clip.maxBatchSize).toBe(8);
    expect(c.clip.background).toEqual({ r: 0, g: 0, b: 0 });
    expect(c.auth.keys).toEqual([{ name: 'ci', key: '0123456789abcdef', roles: ['ingest', 'moderator'] }]);
    expect(c.policies.watch).toBe(false);
  });

  it('logs JSON unless stdout is a terminal or LOG_FORMAT=pretty; colours only on a terminal', () => {
    expect(loadConfig({}, '/', false).logging).toEqual({ level: 'info', format: 'json', colors: false });
    expect(loadConfig({}, '/', true).logging).toEqual({ level: 'info', format: 'pretty', colors: true });
    expect(loadConfig({ LOG_FORMAT: 'pretty' }, '/', false).logging).toEqual({ level: 'info', format: 'pretty', colors: false });
    expect(loadConfig({ LOG_FORMAT: 'json', LOG_LEVEL: 'debug' }, '/', true).logging).toMatchObject({ level: 'debug', format: 'json' });
    expect(loadConfig({ LOG_LEVEL: 'info' }, '/', false).logging.level).toBe('info');
    expect(loadConfig({ LOG_LEVEL: 'warn' }, '/', false).logging.level).toBe('warn');
  });

  it('reads the ONNX Runtime thread-pool knobs', () => {
    expect(loadConfig({}, '/').clip).toMatchObject({ allowSpinning: true, forceSpinningStop: true, dynamicBlockBase: 0 });
    const c = loadConfig({ CLIP_ALLOW_SPINNING: 'false', CLIP_FORCE_SPINNING_STOP: 'false', CLIP_DYNAMIC_BLOCK_BASE: '4' }, '/');
    expect(c.clip).toMatchObject({ allowSpinning: false, forceSpinningStop: false, dynamicBlockBase: 4 });
  });

  it('CLIP_INTRA_OP_THREADS: auto by default, a number when given, refused otherwise', () => {
    expect(loadConfig({}, '/').clip.intraOpThreads).toBe('auto');
    expect(loadConfig({ CLIP_INTRA_OP_THREADS: 'auto' }, '/').clip.intraOpThreads).toBe('auto');
    expect(loadConfig({ CLIP_INTRA_OP_THREADS: ' 3 ' }, '/').clip.intraOpThreads).toBe(3);
    expect(() => loadConfig({ CLIP_INTRA_OP_THREADS: '0' }, '/')).toThrow(/CLIP_INTRA_OP_THREADS/);
    expect(() => loadConfig({ CLIP_INTRA_OP_THREADS: 'many' }, '/')).toThrow(/CLIP_INTRA_OP_THREADS/);
  });

  it('CLIP_WORKERS and CLIP_SOLO_THREADS: auto or a count, refused out of range', () => {
    expect(loadConfig({}, '/').clip.soloThreads).toBe('auto');
    expect(loadConfig({}, '/').clip.workers).toBe('auto');
    expect(loadConfig({ CLIP_SOLO_THREADS: '0' }, '/').clip.soloThreads).toBe(0);
    expect(loadConfig({ CLIP_SOLO_THREADS: '2' }, '/').clip.soloThreads).toBe(2);
    expect(loadConfig({ CLIP_WORKERS: 'AUTO' }, '/').clip.workers).toBe('auto');
    expect(loadConfig({ CLIP_WORKERS: '2' }, '/').clip.workers).toBe(2);
    expect(() => loadConfig({ CLIP_SOLO_THREADS: '-1' }, '/')).toThrow(/CLIP_SOLO_THREADS/);
    expect(() => loadConfig({ CLIP_SOLO_THREADS: 'all' }, '/')).toThrow(/CLIP_SOLO_THREADS/);
    expect(() => loadConfig({ CLIP_WORKERS: '0' }, '/')).toThrow(/CLIP_WORKERS/);
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT must be an integer/],
    [{ CLIP_MAX_BATCH: '0' }, /CLIP_MAX_BATCH/],
    [{ CLIP_DYNAMIC_BLOCK_BASE: '-1' }, /CLIP_DYNAMIC_BLOCK_BASE/],
    [{ CLIP_FORCE_SPINNING_STOP: 'soon' }, /CLIP_FORCE_SPINNING_STOP must be a boolean/],
    [{ MEDIA_FORMATS: 'png,svg' }, /unknown format "svg"/],
    [{ POLICIES_WATCH: 'maybe' }, /POLICIES_WATCH must be a boolean/],
    [{ IMAGE_BACKGROUND: 'blue' }, /IMAGE_BACKGROUND/],
    [{ API_KEYS: 'ci:short' }, /16\+ characters/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ LOG_FORMAT: 'xml' }, /LOG_FORMAT must be one of json, pretty/],
    [{ HOST: 'not-a-host' }, /^HOST must be an IP address to listen on .* got "not-a-host"$/],
    [{ HOST: '10.0.0.256' }, /^HOST must be an IP address/],
    [{ HOST: 'http://0.0.0.0' }, /^HOST must be an IP address/],
    [{ FETCH_ALLOW_CIDRS: 'notacidr' }, /^FETCH_ALLOW_CIDRS entry "notacidr" must be an IP address or CIDR/],
    [{ FETCH_ALLOW_CIDRS: '127.0.0.1/32,10.0.0.0/33' }, /^FETCH_ALLOW_CIDRS entry "10.0.0.0\/33"/],
    [{ FETCH_ALLOW_CIDRS: '::1/129' }, /^FETCH_ALLOW_CIDRS entry "::1\/129"/],
    [{ FETCH_ALLOW_CIDRS: '10.0.0.0/8/8' }, /^FETCH_ALLOW_CIDRS entry "10.0.0.0\/8\/8"/],
    [{ FETCH_ALLOW_CIDRS: '10' }, /^FETCH_ALLOW_CIDRS entry "10"/],
    [{ FETCH_ALLOW_CIDRS: '10.0.0.1/' }, /^FETCH_ALLOW_CIDRS entry "10.0.0.1\/"/],
    [{ MODEL_DTYPE: 'fp64' }, /^MODEL_DTYPE: unknown dtype "fp64"/],
    [{ DATABASE_URL: 'mysql://db/x' }, /^DATABASE_URL must be a valid postgres:\/\//],
    [{ INSTANCE_ID: 'two words' }, /^INSTANCE_ID must be/],
    [{ INSTANCE_ID: 'x'.repeat(129) }, /^INSTANCE_ID must be/],
    [{ REVIEW_REVEAL_REASON_REQUIRED: 'sometimes' }, /REVIEW_REVEAL_REASON_REQUIRED must be a boolean/],
    [{ APPEAL_MAX_PER_ITEM: '0' }, /APPEAL_MAX_PER_ITEM must be an integer/],
    [{ APPEALS_PER_HOUR_PER_KEY: 'lots' }, /APPEALS_PER_HOUR_PER_KEY must be an integer/],
  ])('rejects %j naming the variable', (env, msg) => {
    expect(() => loadConfig(env as Record<string, string>, '/')).toThrow(msg);
  });

  it('never echoes a DATABASE_URL it refuses (it carries a password)', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u:s3cret@[bad/x' }, '/')).toThrow(/^DATABASE_URL must be/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://u:s3cret@[bad/x' }, '/')).not.toThrow(/s3cret/);
  });

  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['0.0.0.0', '0.0.0.0'],
    ['::', '::'],
    ['[::1]', '::1'],
    ['localhost', 'localhost'],
  ])('listens on HOST=%s', (host, want) => {
    expect(loadConfig({ HOST: host, AUTH_DISABLED_ALLOW_REMOTE: 'true' }, '/').http.host).toBe(want);
  });

  it('accepts addresses and CIDRs of both families in FETCH_ALLOW_CIDRS, and the known dtypes', () => {
    expect(loadConfig({ FETCH_ALLOW_CIDRS: '127.0.0.1, 10.9.0.0/16, ::1, fd00::/8, ::ffff:10.0.0.0/104' }, '/').fetch.allowCidrs).toEqual([
      '127.0.0.1',
      '10.9.0.0/16',
      '::1',
      'fd00::/8',
      '::ffff:10.0.0.0/104',
    ]);
    expect(loadConfig({ MODEL_DTYPE: 'q8' }, '/').clip.dtype).toBe('q8');
    expect(loadConfig({ INSTANCE_ID: 'api-1.eu' }, '/').instance.id).toBe('api-1.eu');
  });
});
