import { parentPort, workerData } from 'worker_threads';
import * as ort from 'onnxruntime-node';
import * as os from 'os';
import type { WorkerConfig, WorkerJob, WorkerReply } from './protocol';
import { trimToLongest } from './text-length';
import { rgbToTensor } from './pixels';

/**
 * One inference thread: owns one vision and one text session (and the solo vision session, when
 * configured) for its whole life (creating and releasing sessions leaks native memory) and runs them
 * off the HTTP thread, since run() blocks.
 */
const cfg = workerData as WorkerConfig;
const port = parentPort!;

class InitError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

function post(msg: WorkerReply, transfer: ArrayBuffer[] = []): void {
  port.postMessage(msg, transfer);
}

/** ORT session config entries (the binding flattens nested keys to `session.intra_op.allow_spinning` etc.). */
function sessionConfig(): Record<string, unknown> {
  const entries: Record<string, unknown> = {
    intra_op: { allow_spinning: cfg.allowSpinning ? '1' : '0' },
    force_spinning_stop: cfg.forceSpinningStop ? '1' : '0',
  };
  if (cfg.dynamicBlockBase > 0) entries.dynamic_block_base = String(cfg.dynamicBlockBase);
  return entries;
}

async function open(file: string, threads = cfg.intraOpThreads): Promise<ort.InferenceSession> {
  try {
    return await ort.InferenceSession.create(file, {
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      extra: { session: sessionConfig() },
    });
  } catch (e) {
    throw new InitError(file, `cannot open ONNX graph (${(e as Error).message})`);
  }
}

function need(session: ort.InferenceSession, file: string, kind: 'input' | 'output', name: string): void {
  const names = kind === 'input' ? session.inputNames : session.outputNames;
  if (!names.includes(name)) throw new InitError(file, `graph has no ${kind} "${name}" (${kind}s: ${names.join(', ')})`);
}

/** Some exports take int32 ids; read the declared type instead of assuming int64. */
function idsType(session: ort.InferenceSession, name: string): 'int64' | 'int32' {
  const meta = session.inputMetadata?.find((m) => m.name === name);
  return meta && meta.isTensor && meta.type === 'int32' ? 'int32' : 'int64';
}

/** L2-normalises each row in place: similarity downstream is a plain dot product. */
function normalizeRows(data: Float32Array, rows: number, dim: number): void {
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let i = r * dim; i < (r + 1) * dim; i++) sum += data[i] * data[i];
    const inv = sum > 0 ? 1 / Math.sqrt(sum) : 0;
    for (let i = r * dim; i < (r + 1) * dim; i++) data[i] *= inv;
  }
}

let vision: ort.InferenceSession;
/** The solo session (cfg.soloThreads), when configured: same graph, its own larger thread pool. */
let soloVision: ort.InferenceSession | undefined;
let text: ort.InferenceSession;
let useMask = false;
let textIdsType: 'int64' | 'int32' = 'int64';
/** Whether input_ids has a symbolic sequence axis, so rows can be cut to the longest text. */
let dynamicTextLength = false;

function checkOutput(out: ort.Tensor, rows: number, file: string): Float32Array {
  const dims = out.dims;
  if (dims.length !== 2 || dims[0] !== rows || dims[1] !== cfg.projectionDim) {
    throw new InitError(file, `output shape [${dims.join(',')}] does not match [${rows},${cfg.projectionDim}] (config.json projection_dim)`);
  }
  if (out.type !== 'float32') throw new InitError(file, `output type ${out.type} is not float32`);
  // Copy out of ORT's buffer so it can be transferred to the main thread.
  return new Float32Array(out.data as Float32Array);
}

async function runImages(input: Float32Array | Uint8Array, count: number, session = vision): Promise<Float32Array> {
  const [c, h, w] = cfg.imageDims;
  let data: Float32Array;
  if (input instanceof Uint8Array) {
    if (!cfg.pixelLut) throw new Error('image sent as RGB bytes but the worker has no pixel lookup table');
    data = rgbToTensor(input, count, h, w, cfg.pixelLut);
  } else data = input;
  const out = await session.run({ pixel_values: new ort.Tensor('float32', data, [count, c, h, w]) });
  return checkOutput(out.image_embeds, count, cfg.visionPath);
}

async function runTexts(fullIds: BigInt64Array, count: number): Promise<Float32Array> {
  const eos = BigInt(cfg.warmupIds[1]);
  const { ids, length } = dynamicTextLength
    ? trimToLongest(fullIds, count, cfg.maxTextLength, eos)
    : { ids: fullIds, length: cfg.maxTextLength };
  const dims = [count, length];
  const feeds: Record<string, ort.Tensor> = {};
  feeds.input_ids =
    textIdsType === 'int64' ? new ort.Tensor('int64', ids, dims) : new ort.Tensor('int32', Int32Array.from(ids, Number), dims);
  if (useMask) {
    // CLIP pads with EOS, so the mask can't be derived from the ids alone: it covers up to the first EOS.
    const mask = new BigInt64Array(ids.length);
    for (let r = 0; r < count; r++) {
      for (let i = 0; i < length; i++) {
        mask[r * length + i] = 1n;
        if (ids[r * length + i] === eos) break;
      }
    }
    feeds.attention_mask =
      textIdsType === 'int64' ? new ort.Tensor('int64', mask, dims) : new ort.Tensor('int32', Int32Array.from(mask, Number), dims);
  }
  const out = await text.run(feeds);
  return checkOutput(out.text_embeds, count, cfg.textPath);
}

async function init(): Promise<void> {
  if (cfg.nice) {
    // Linux nice values are per thread and inherited by threads created later: ORT's intra-op pool,
    // created with the sessions below, runs at this value too; the main thread keeps its own.
    try {
      os.setPriority(cfg.nice);
    } catch {
      /* not permitted here: run at the inherited priority */
    }
  }
  vision = await open(cfg.visionPath);
  if (cfg.soloThreads > 0) soloVision = await open(cfg.visionPath, cfg.soloThreads);
  text = await open(cfg.textPath);
  need(vision, cfg.visionPath, 'input', 'pixel_values');
  need(vision, cfg.visionPath, 'output', 'image_embeds');
  need(text, cfg.textPath, 'input', 'input_ids');
  need(text, cfg.textPath, 'output', 'text_embeds');
  const extra = text.inputNames.filter((n) => n !== 'input_ids' && n !== 'attention_mask');
  if (extra.length) throw new InitError(cfg.textPath, `graph needs inputs this engine can't feed: ${extra.join(', ')}`);
  useMask = text.inputNames.includes('attention_mask');
  textIdsType = idsType(text, 'input_ids');
  const idsMeta = text.inputMetadata?.find((m) => m.name === 'input_ids') as { shape?: (number | string)[] } | undefined;
  dynamicTextLength = typeof idsMeta?.shape?.[1] === 'string';
  // Warm-up runs double as the projection_dim check and catch graphs that open but can't run.
  const [c, h, w] = cfg.imageDims;
  try {
    await runImages(new Float32Array(c * h * w), 1);
    if (soloVision) await runImages(new Float32Array(c * h * w), 1, soloVision);
  } catch (e) {
    throw e instanceof InitError ? e : new InitError(cfg.visionPath, `warm-up run failed (${(e as Error).message})`);
  }
  try {
    await runTexts(BigInt64Array.from(cfg.warmupIds, BigInt), 1);
  } catch (e) {
    throw e instanceof InitError ? e : new InitError(cfg.textPath, `warm-up run failed (${(e as Error).message})`);
  }
}

async function handle(job: WorkerJob): Promise<void> {
  const startedNs = process.hrtime.bigint();
  try {
    const solo = job.kind === 'image' && job.solo === true && soloVision !== undefined;
    const data = job.kind === 'image' ? await runImages(job.data, job.count, solo ? soloVision : vision) : await runTexts(job.ids, job.count);
    normalizeRows(data, job.count, cfg.projectionDim);
    const endedNs = process.hrtime.bigint();
    const inferenceMs = Number(endedNs - startedNs) / 1e6;
    const threads = solo ? cfg.soloThreads : cfg.intraOpThreads;
    post({ type: 'result', id: job.id, data, inferenceMs, startedNs, endedNs, threads }, [data.buffer as ArrayBuffer]);
  } catch (e) {
    post({ type: 'job_error', id: job.id, message: (e as Error).message });
  }
}

init().then(
  () => {
    port.on('message', (job: WorkerJob) => void handle(job));
    post({ type: 'ready', textInputs: text.inputNames.slice() });
  },
  (e: unknown) => {
    const path = e instanceof InitError ? e.path : cfg.visionPath;
    post({ type: 'init_error', path, message: (e as Error).message });
  },
);
