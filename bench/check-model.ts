/**
 * `ts-node bench/check-model.ts MODEL_DIR`: runs a benchmark model folder's ONNX graphs in
 * onnxruntime-node against the reference outputs training/export_random_clip.py computed in torch
 * (onnx/reference.json). fp32 graphs must match (cosine >= 0.9999 per row); _quantized graphs must
 * stay close (cosine >= 0.99 per row), which is the bar for calling the int8 variant usable.
 * Called by the exporter; onnxruntime's Python package is not installable on this machine.
 */
import * as fs from 'fs';
import * as ort from 'onnxruntime-node';
import * as path from 'path';

type Ref = Record<string, { dtype: string; dims: number[]; base64: string }>;

function tensor(ref: Ref, name: string): ort.Tensor {
  const r = ref[name];
  const buf = Buffer.from(r.base64, 'base64');
  const copy = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  if (r.dtype === 'float32') return new ort.Tensor('float32', new Float32Array(copy), r.dims);
  if (r.dtype === 'int64') return new ort.Tensor('int64', new BigInt64Array(copy), r.dims);
  throw new Error(`unsupported reference dtype ${r.dtype}`);
}

/** Smallest per-row cosine similarity between two [rows, dim] matrices. */
export function minRowCosine(a: Float32Array, b: Float32Array, dim: number): number {
  let worst = 1;
  for (let r = 0; r < a.length / dim; r++) {
    let ab = 0;
    let aa = 0;
    let bb = 0;
    for (let i = r * dim; i < (r + 1) * dim; i++) {
      ab += a[i] * b[i];
      aa += a[i] * a[i];
      bb += b[i] * b[i];
    }
    worst = Math.min(worst, ab / Math.sqrt(aa * bb));
  }
  return worst;
}

async function main() {
  const dir = path.resolve(process.argv[2] ?? '');
  const ref = JSON.parse(fs.readFileSync(path.join(dir, 'onnx', 'reference.json'), 'utf8')) as Ref;
  const dim = ref.image_embeds.dims[1];
  let failed = false;
  for (const suffix of ['', '_quantized']) {
    const bar = suffix ? 0.99 : 0.9999;
    const check = async (file: string, feeds: Record<string, ort.Tensor>, pairs: [string, string][]) => {
      const full = path.join(dir, 'onnx', `${file}${suffix}.onnx`);
      if (!fs.existsSync(full)) return;
      const s = await ort.InferenceSession.create(full, { intraOpNumThreads: 2 });
      const out = await s.run(feeds);
      for (const [outName, refName] of pairs) {
        const cos = minRowCosine(out[outName].data as Float32Array, tensor(ref, refName).data as Float32Array, dim);
        const ok = cos >= bar;
        failed ||= !ok;
        console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${file}${suffix}.onnx ${outName}: min cosine vs torch ${cos.toFixed(5)} (bar ${bar})`);
      }
      await s.release();
    };
    const ids = tensor(ref, 'input_ids');
    await check('vision_model', { pixel_values: tensor(ref, 'pixel_values') }, [['image_embeds', 'image_embeds']]);
    await check('text_model', { input_ids: ids }, [['text_embeds', 'text_embeds']]);
    const mask = new ort.Tensor('int64', new BigInt64Array(ids.size).fill(1n), ids.dims);
    await check('model', { input_ids: ids, attention_mask: mask, pixel_values: tensor(ref, 'pixel_values') }, [
      ['image_embeds', 'image_embeds'],
      ['text_embeds', 'text_embeds'],
    ]);
  }
  if (failed) process.exit(1);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
