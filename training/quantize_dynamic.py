"""Dynamic int8 quantization of an ONNX graph's weights, without onnxruntime's Python package (PyPI is
out of reach here; Debian ships only python3-onnx). The rewrite is the one onnxruntime's
quantize_dynamic performs, so ORT's CPU optimiser fuses it into its int8 kernels
(DynamicQuantizeMatMul / MatMulIntegerToFloat):

    MatMul(X, W)            ->  DynamicQuantizeLinear(X) -> Xq, Xs, Xzp            (uint8, per tensor)
                                MatMulInteger(Xq, Wq, Xzp, Wzp) -> Cast(float) -> Mul(Xs * Ws)
    Gemm(X, W, b)           ->  the same, then Add(b)
    Gather(table, ids)      ->  Gather(table int8) -> DequantizeLinear          (token embeddings)

Weights are int8, symmetric (zero point 0), one scale per output column. Activation-by-activation
MatMuls (attention scores) and convolutions stay float32.

    /usr/bin/python3 training/quantize_dynamic.py IN.onnx OUT.onnx [--shared-activations]
    /usr/bin/python3 training/quantize_dynamic.py --check models-bench/clip-vit-base-patch32-random
"""
import argparse
import os
import subprocess
import sys
import time

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def _quantize_columns(w):
    """int8 symmetric per output column: W [K,N] -> (Wq int8 [K,N], scale float32 [N])."""
    amax = np.abs(w).max(axis=0)
    scale = np.where(amax > 0, amax / 127.0, 1.0).astype(np.float32)
    q = np.clip(np.rint(w / scale), -127, 127).astype(np.int8)
    return q, scale


def quantize_model(model, shared_activations=False, min_elements=16384, embeddings=True):
    g = model.graph
    inits = {i.name: i for i in g.initializer}
    consumers = {}
    for n in g.node:
        for i in n.input:
            consumers[i] = consumers.get(i, 0) + 1
    new_nodes, new_inits, dropped = [], [], set()
    dql_cache = {}
    counter = [0]
    stats = {"matmul": 0, "gemm": 0, "gather": 0, "kept_fp32_bytes": 0}

    def uniq(base):
        counter[0] += 1
        return f"{base}__q{counter[0]}"

    def dynamic_quantize(x):
        if shared_activations and x in dql_cache:
            return dql_cache[x]
        q, s, z = uniq(x + "_u8"), uniq(x + "_scale"), uniq(x + "_zp")
        new_nodes.append(helper.make_node("DynamicQuantizeLinear", [x], [q, s, z], name=uniq("DQL")))
        dql_cache[x] = (q, s, z)
        return q, s, z

    def weight(name, w):
        wq, ws = _quantize_columns(w)
        qn, sn, zn = uniq(name + "_int8"), uniq(name + "_scale"), uniq(name + "_zp")
        new_inits.extend([numpy_helper.from_array(wq, qn), numpy_helper.from_array(ws, sn),
                          numpy_helper.from_array(np.zeros(ws.shape, np.int8), zn)])
        return qn, sn, zn

    def int_matmul(x, wname, w, out):
        xq, xs, xz = dynamic_quantize(x)
        qn, sn, zn = weight(wname, w)
        acc, accf, scales = uniq(out + "_i32"), uniq(out + "_f32"), uniq(out + "_scales")
        new_nodes.extend([
            helper.make_node("MatMulInteger", [xq, qn, xz, zn], [acc], name=uniq("MatMulInteger")),
            helper.make_node("Cast", [acc], [accf], to=TensorProto.FLOAT, name=uniq("Cast")),
            helper.make_node("Mul", [xs, sn], [scales], name=uniq("MulScales")),
            helper.make_node("Mul", [accf, scales], [out], name=uniq("Mul")),
        ])

    for n in g.node:
        w_name = n.input[1] if len(n.input) > 1 else None
        w_init = inits.get(w_name) if w_name else None
        if n.op_type == "MatMul" and w_init is not None and len(w_init.dims) == 2 and np.prod(w_init.dims) >= min_elements:
            int_matmul(n.input[0], w_name, numpy_helper.to_array(w_init), n.output[0])
            dropped.add(w_name)
            stats["matmul"] += 1
            continue
        if n.op_type == "Gemm" and w_init is not None and np.prod(w_init.dims) >= min_elements:
            a = {x.name: helper.get_attribute_value(x) for x in n.attribute}
            if a.get("transA", 0) == 0 and a.get("alpha", 1.0) == 1.0 and a.get("beta", 1.0) == 1.0:
                w = numpy_helper.to_array(w_init)
                if a.get("transB", 0):
                    w = w.T
                out = n.output[0] if len(n.input) < 3 else uniq(n.output[0] + "_nobias")
                int_matmul(n.input[0], w_name, np.ascontiguousarray(w), out)
                if len(n.input) >= 3:
                    new_nodes.append(helper.make_node("Add", [out, n.input[2]], [n.output[0]], name=uniq("Add")))
                dropped.add(w_name)
                stats["gemm"] += 1
                continue
        if embeddings and n.op_type == "Gather" and n.input[0] in inits and np.prod(inits[n.input[0]].dims) >= min_elements:
            a = {x.name: helper.get_attribute_value(x) for x in n.attribute}
            table = numpy_helper.to_array(inits[n.input[0]])
            if a.get("axis", 0) == 0 and table.ndim == 2:
                amax = float(np.abs(table).max()) or 1.0
                scale = np.float32(amax / 127.0)
                qn, sn, zn = uniq(n.input[0] + "_int8"), uniq(n.input[0] + "_scale"), uniq(n.input[0] + "_zp")
                new_inits.extend([numpy_helper.from_array(np.clip(np.rint(table / scale), -127, 127).astype(np.int8), qn),
                                  numpy_helper.from_array(np.array(scale, np.float32), sn),
                                  numpy_helper.from_array(np.array(0, np.int8), zn)])
                gathered = uniq(n.output[0] + "_int8")
                new_nodes.append(helper.make_node("Gather", [qn, n.input[1]], [gathered], axis=0, name=uniq("Gather")))
                new_nodes.append(helper.make_node("DequantizeLinear", [gathered, sn, zn], [n.output[0]], name=uniq("DQ")))
                dropped.add(n.input[0])
                stats["gather"] += 1
                continue
        new_nodes.append(n)

    # Keep an initializer another (unquantized) node still reads.
    still_used = {i for n in new_nodes for i in n.input}
    kept = [i for i in g.initializer if i.name not in dropped or i.name in still_used]
    del g.node[:]
    g.node.extend(new_nodes)
    del g.initializer[:]
    g.initializer.extend(kept + new_inits)
    stats["kept_fp32_bytes"] = sum(int(np.prod(i.dims)) * 4 for i in kept if i.data_type == TensorProto.FLOAT)
    return model, stats


def quantize_file(src, dst, shared_activations=False):
    t0 = time.time()
    model = onnx.load(src)
    model, stats = quantize_model(model, shared_activations=shared_activations)
    onnx.save(model, dst)
    print(f"  {os.path.relpath(dst, ROOT)}: {os.path.getsize(dst) / 1e6:.0f} MB "
          f"({stats['matmul']} MatMul, {stats['gemm']} Gemm, {stats['gather']} Gather quantized) in {time.time() - t0:.0f} s")


def check_folder(model_dir):
    """Runs the exported graphs in onnxruntime-node against torch's reference outputs (fp32 parity, and
    cosine >= 0.99 for the _quantized graphs): onnxruntime's Python package is not installable here."""
    cmd = [os.path.join(ROOT, "node_modules", ".bin", "ts-node"), "--transpile-only",
           os.path.join(ROOT, "bench", "check-model.ts"), model_dir]
    r = subprocess.run(cmd, cwd=ROOT)
    if r.returncode != 0:
        sys.exit(f"model check failed for {model_dir}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("src", nargs="?")
    ap.add_argument("dst", nargs="?")
    ap.add_argument("--shared-activations", action="store_true",
                    help="one DynamicQuantizeLinear per activation tensor (q/k/v share it) instead of one per MatMul")
    ap.add_argument("--check", metavar="MODEL_DIR", help="check a model folder's graphs against its reference outputs")
    args = ap.parse_args()
    if args.check:
        check_folder(args.check)
        return
    if not args.src or not args.dst:
        ap.error("IN.onnx and OUT.onnx are required")
    quantize_file(args.src, args.dst, args.shared_activations)


if __name__ == "__main__":
    main()
