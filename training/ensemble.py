"""Two demo-model exports as one model in the same Hugging Face / Transformers.js layout: each tower's
graph runs both members on the same input, L2-normalises each member's embedding, scales it by
1/sqrt(2) and concatenates the two. The result is unit length, and the cosine the service computes
between an image and a prompt is the mean of the two members' cosines, so policies and thresholds
work unchanged (they are re-tuned on the combined score like any other model's).

    /usr/bin/python3 training/ensemble.py --a models/emoji-clip-demo --b training/runs/p8-s1/model \
        --out training/runs/p8/model

The members must share their preprocessing and tokenizer (the files are compared); the output gets
model A's tokenizer and preprocessor files and a config.json whose projection_dim is the sum of the
members'. `npx ts-node --transpile-only training/ensemble-check.ts --a A --b B --ensemble OUT` then
checks in onnxruntime-node that every image-prompt cosine of the ensemble is the mean of the members'.
"""
import argparse
import json
import math
import os
import shutil

import numpy as np
import onnx
from onnx import TensorProto, compose, helper, numpy_helper

SHARED_FILES = ["preprocessor_config.json", "tokenizer.json", "tokenizer_config.json"]
TOWERS = [("vision_model.onnx", "pixel_values", "image_embeds"), ("text_model.onnx", "input_ids", "text_embeds")]


def combine(paths, input_name, output_name):
    """One graph feeding `input_name` to every member and concatenating their normalised outputs."""
    members = [onnx.load(p) for p in paths]
    opsets = {tuple((o.domain, o.version) for o in m.opset_import) for m in members}
    if len(opsets) != 1:
        raise SystemExit(f"members use different opsets: {opsets}")
    opset = members[0].opset_import[0].version
    shared_input = next(i for i in members[0].graph.input if i.name == input_name)
    nodes, inits, dims = [], [], []
    weight = numpy_helper.from_array(np.array([1.0 / math.sqrt(len(members))], dtype=np.float32), "ensemble/weight")
    inits.append(weight)
    parts = []
    for k, m in enumerate(members):
        prefix = f"m{k}/"
        m = compose.add_prefix(m, prefix)
        g = m.graph
        out = next(o for o in g.output if o.name == prefix + output_name)
        dims.append(out.type.tensor_type.shape.dim[1].dim_value)
        nodes.append(helper.make_node("Identity", [input_name], [prefix + input_name], name=f"{prefix}feed"))
        nodes.extend(g.node)
        inits.extend(g.initializer)
        # x / ||x|| (ReduceL2 keeps the axis for the broadcast), then the member's weight.
        if opset >= 18:
            axes = numpy_helper.from_array(np.array([1], dtype=np.int64), f"{prefix}axes")
            inits.append(axes)
            nodes.append(helper.make_node("ReduceL2", [out.name, axes.name], [f"{prefix}norm"], keepdims=1))
        else:
            nodes.append(helper.make_node("ReduceL2", [out.name], [f"{prefix}norm"], axes=[1], keepdims=1))
        nodes.append(helper.make_node("Div", [out.name, f"{prefix}norm"], [f"{prefix}unit"]))
        nodes.append(helper.make_node("Mul", [f"{prefix}unit", weight.name], [f"{prefix}part"]))
        parts.append(f"{prefix}part")
    nodes.append(helper.make_node("Concat", parts, [output_name], axis=1))
    batch = shared_input.type.tensor_type.shape.dim[0].dim_param or "batch"
    output = helper.make_tensor_value_info(output_name, TensorProto.FLOAT, [batch, sum(dims)])
    graph = helper.make_graph(nodes, f"ensemble_{output_name}", [shared_input], [output], inits)
    model = helper.make_model(graph, opset_imports=members[0].opset_import, producer_name="clipguard training/ensemble.py")
    model.ir_version = members[0].ir_version
    onnx.checker.check_model(model)
    return model, dims


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--a", required=True, help="first member (its tokenizer and preprocessor files are kept)")
    ap.add_argument("--b", required=True, help="second member")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    members = [args.a, args.b]
    for f in SHARED_FILES:
        texts = [open(os.path.join(m, f), "rb").read() for m in members]
        if texts[0] != texts[1]:
            raise SystemExit(f"{f} differs between the members: they must share preprocessing and tokenizer")
    os.makedirs(os.path.join(args.out, "onnx"), exist_ok=True)
    for f in SHARED_FILES:
        shutil.copy(os.path.join(args.a, f), os.path.join(args.out, f))
    configs = [json.load(open(os.path.join(m, "config.json"))) for m in members]
    projection = None
    for graph_file, input_name, output_name in TOWERS:
        paths = [os.path.join(m, "onnx", graph_file) for m in members]
        model, dims = combine(paths, input_name, output_name)
        target = os.path.join(args.out, "onnx", graph_file)
        onnx.save(model, target)
        projection = sum(dims) if projection is None else projection
        if sum(dims) != projection:
            raise SystemExit(f"towers disagree on the combined projection: {projection} vs {sum(dims)}")
        print(f"{graph_file}: members {dims} -> {sum(dims)}")
    config = dict(configs[0])
    config["projection_dim"] = projection
    config["ensemble"] = {
        "members": [os.path.relpath(m, args.out) for m in members],
        "combination": "each member's embedding L2-normalised and scaled by 1/sqrt(2), concatenated: cosine = mean of the members' cosines",
        "parameters": [c.get("parameters") for c in configs],
    }
    with open(os.path.join(args.out, "config.json"), "w") as fh:
        json.dump(config, fh, indent=2)
    size = sum(os.path.getsize(os.path.join(args.out, "onnx", g)) for g, _, _ in TOWERS)
    print(f"wrote {args.out} ({size / 1e6:.1f} MB of ONNX)")


if __name__ == "__main__":
    main()
