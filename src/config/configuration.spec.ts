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

  it('reads the ONNX Runtime thread-pool knobs', () => {
    expect(loadConfig({}, '/').clip).toMatchObject({ allowSpinning: true, forceSpinningStop: true, dynamicBlockBase: 0 });
    const c = loadConfig({ CLIP_ALLOW_SPINNING: 'false', CLIP_FORCE_SPINNING_STOP: 'false', CLIP_DYNAMIC_BLOCK_BASE: '4' }, '/');
    expect(c.clip).toMatchObject({ allowSpinning: false, forceSpinningStop: false, dynamicBlockBase: 4 });
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
    [{ REVIEW_REVEAL_REASON_REQUIRED: 'sometimes' }, /REVIEW_REVEAL_REASON_REQUIRED must be a boolean/],
    [{ APPEAL_MAX_PER_ITEM: '0' }, /APPEAL_MAX_PER_ITEM must be an integer/],
    [{ APPEALS_PER_HOUR_PER_KEY: 'lots' }, /APPEALS_PER_HOUR_PER_KEY must be an integer/],
  ])('rejects %j naming the variable', (env, msg) => {
    expect(() => loadConfig(env as Record<string, string>, '/')).toThrow(msg);
  });
});
