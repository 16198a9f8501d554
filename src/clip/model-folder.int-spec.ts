import { chmodSync, renameSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import { clipOptions, makeTinyModelDir } from '../../test/support/clip-tiny-model';
import { ClipService } from './clip.service';
import { ModelLoadError } from './clip.types';
import { canonicalDtype, dtypeSuffix, loadModelFolder, modelFiles } from './model-folder';

describe('dtype suffixes (Transformers.js file naming)', () => {
  it.each([
    ['fp32', ''],
    ['fp16', '_fp16'],
    ['q8', '_quantized'],
    ['quantized', '_quantized'],
    ['int8', '_int8'],
    ['uint8', '_uint8'],
    ['q4', '_q4'],
    ['q4f16', '_q4f16'],
    ['bnb4', '_bnb4'],
  ])('%s -> "%s"', (dtype, suffix) => {
    expect(dtypeSuffix(dtype)).toBe(suffix);
    expect(modelFiles(dtype)).toContain(`onnx/vision_model${suffix}.onnx`);
    expect(modelFiles(dtype)).toContain(`onnx/text_model${suffix}.onnx`);
  });

  it('rejects unknown dtypes and spells q8 one way', () => {
    expect(() => dtypeSuffix('fp64')).toThrow(/unknown dtype "fp64"/);
    expect(canonicalDtype('quantized')).toBe('q8');
  });
});

describe('loadModelFolder', () => {
  let model: ReturnType<typeof makeTinyModelDir>;
  beforeEach(() => (model = makeTinyModelDir('clip-vit-tiny')));
  afterEach(() => model.cleanup());

  const expectLoadError = async (p: Promise<unknown>, file: string, reason: RegExp) => {
    const err = await p.then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(ModelLoadError);
    expect((err as ModelLoadError).path).toBe(join(model.dir, file));
    expect((err as Error).message).toContain(join(model.dir, file));
    expect((err as Error).message).toMatch(reason);
  };

  it('reads the contract: id, dim, max text length, logit scale default 100', async () => {
    const f = await loadModelFolder(model.dir, 'fp32');
    expect(f).toMatchObject({ id: 'clip-vit-tiny', dtype: 'fp32', projectionDim: 8, maxTextLength: 16, logitScale: 100 });
    expect(f.preprocessor.cropWidth).toBe(32);
    expect(f.visionPath).toBe(join(model.dir, 'onnx/vision_model.onnx'));
  });

  it('uses exp(config.logit_scale) when the export stores the learned log value, unless overridden', async () => {
    writeFileSync(join(model.dir, 'config.json'), JSON.stringify({ projection_dim: 8, logit_scale: Math.log(50) }));
    expect((await loadModelFolder(model.dir, 'fp32')).logitScale).toBeCloseTo(50, 5);
    expect((await loadModelFolder(model.dir, 'fp32', 30)).logitScale).toBe(30);
  });

  it('picks the dtype variant and names it in the id', async () => {
    renameSync(join(model.dir, 'onnx/vision_model.onnx'), join(model.dir, 'onnx/vision_model_quantized.onnx'));
    renameSync(join(model.dir, 'onnx/text_model.onnx'), join(model.dir, 'onnx/text_model_quantized.onnx'));
    const f = await loadModelFolder(model.dir, 'quantized');
    expect(f.id).toBe('clip-vit-tiny:q8');
    expect(f.textPath).toBe(join(model.dir, 'onnx/text_model_quantized.onnx'));
    await expectLoadError(loadModelFolder(model.dir, 'fp32'), 'onnx/vision_model.onnx', /missing/);
  });

  it.each(['config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/text_model.onnx'])(
    'names a missing %s',
    async (file) => {
      rmSync(join(model.dir, file));
      await expectLoadError(loadModelFolder(model.dir, 'fp32'), file, /missing/);
    },
  );

  it.each(['config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json'])('names a malformed %s', async (file) => {
    writeFileSync(join(model.dir, file), '{"truncated": ');
    await expectLoadError(loadModelFolder(model.dir, 'fp32'), file, /malformed JSON/);
  });

  it('names config.json when projection_dim is absent and preprocessor_config.json when a field is wrong', async () => {
    writeFileSync(join(model.dir, 'config.json'), '{"model_type": "clip"}');
    await expectLoadError(loadModelFolder(model.dir, 'fp32'), 'config.json', /projection_dim/);
    writeFileSync(join(model.dir, 'config.json'), '{"projection_dim": 8}');
    writeFileSync(join(model.dir, 'preprocessor_config.json'), '{"size": "big"}');
    await expectLoadError(loadModelFolder(model.dir, 'fp32'), 'preprocessor_config.json', /size/);
  });

  it('a missing folder is named', async () => {
    const err = await loadModelFolder(join(model.dir, 'nope'), 'fp32').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ModelLoadError);
    expect((err as ModelLoadError).path).toBe(join(model.dir, 'nope'));
  });

  describe('start-up through ClipService (the workers open the graphs)', () => {
    it('fails when the graph output width differs from config.json projection_dim, naming the graph', async () => {
      writeFileSync(join(model.dir, 'config.json'), '{"projection_dim": 16}');
      const svc = new ClipService(clipOptions(model.dir));
      await expectLoadError(svc.onModuleInit(), 'onnx/vision_model.onnx', /projection_dim/);
      expect(svc.isReady()).toBe(false);
    });

    it('fails on a corrupt ONNX file, naming it', async () => {
      writeFileSync(join(model.dir, 'onnx/text_model.onnx'), 'not a protobuf');
      chmodSync(join(model.dir, 'onnx/text_model.onnx'), 0o644);
      const svc = new ClipService(clipOptions(model.dir));
      await expectLoadError(svc.onModuleInit(), 'onnx/text_model.onnx', /cannot open ONNX graph/);
    });
  });
});
