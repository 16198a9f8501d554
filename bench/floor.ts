import * as ort from 'onnxruntime-node';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';

export interface FloorResult {
  batch: number;
  imagesPerSec: number;
  msPerBatch: number;
  /** CPU time (all threads of this process) per image: a load-independent view of the cost. */
  cpuMsPerImage: number;
}

/**
 * The physical floor: the vision graph alone, on preprocessed tensors, in this process, with every
 * core and ORT's default spinning on. Nothing the service does can beat it on the same machine.
 */
export async function measureFloor(modelDir: string, batches: number[], seconds: number, suffix = ''): Promise<FloorResult[]> {
  const file = path.join(modelDir, 'onnx', `vision_model${suffix}.onnx`);
  const session = await ort.InferenceSession.create(file, {
    intraOpNumThreads: os.availableParallelism(),
    interOpNumThreads: 1,
    executionMode: 'sequential',
  });
  const meta = session.inputMetadata.find((m) => m.name === 'pixel_values') as { shape?: (number | string)[] } | undefined;
  const shape = meta?.shape ?? [];
  const size = typeof shape[2] === 'number' ? shape[2] : Number(process.env.BENCH_IMAGE_SIZE ?? 224);
  const out: FloorResult[] = [];
  for (const batch of batches) {
    const data = new Float32Array(batch * 3 * size * size).map(() => Math.random() * 2 - 1);
    const feeds = { pixel_values: new ort.Tensor('float32', data, [batch, 3, size, size]) };
    await session.run(feeds); // warm-up: first run allocates
    let n = 0;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    while (performance.now() - t0 < seconds * 1000 || n < 3) {
      await session.run(feeds);
      n++;
    }
    const ms = (performance.now() - t0) / n;
    const cpu = process.cpuUsage(cpu0);
    out.push({ batch, imagesPerSec: (batch * 1000) / ms, msPerBatch: ms, cpuMsPerImage: (cpu.user + cpu.system) / 1000 / (n * batch) });
  }
  await session.release();
  return out;
}
