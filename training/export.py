"""Exports a trained checkpoint (or, with --random, an untrained model of the same architecture) to
models/emoji-clip-demo/ in the Hugging Face / Transformers.js layout, and writes the parity fixture
that training/export-parity.int-spec.ts checks the ONNX files against.

    /usr/bin/python3 training/export.py --checkpoint training/runs/<run>/model.pt
"""
import argparse
import base64
import json
import os
import shutil

import numpy as np
import torch

from data import EmojiData, pad
from model import DEFAULT_CFG, EmojiClip, count_params

HERE = os.path.dirname(os.path.abspath(__file__))
MODEL_DIR = os.path.join(HERE, "..", "models", "emoji-clip-demo")
FIXTURE = os.path.join(HERE, "fixtures", "export-parity.json")
OPSET = 14


def export_onnx(model, out_dir):
    os.makedirs(os.path.join(out_dir, "onnx"), exist_ok=True)
    ctx = model.cfg["context"]
    torch.onnx.export(model.visual, (torch.randn(2, 3, 64, 64),), os.path.join(out_dir, "onnx", "vision_model.onnx"),
                      input_names=["pixel_values"], output_names=["image_embeds"],
                      dynamic_axes={"pixel_values": {0: "batch"}, "image_embeds": {0: "batch"}},
                      opset_version=OPSET, do_constant_folding=True)
    ids = torch.full((2, ctx), 49407, dtype=torch.long)
    ids[:, 0] = 49406
    torch.onnx.export(model.text, (ids,), os.path.join(out_dir, "onnx", "text_model.onnx"),
                      input_names=["input_ids"], output_names=["text_embeds"],
                      dynamic_axes={"input_ids": {0: "batch"}, "text_embeds": {0: "batch"}},
                      opset_version=OPSET, do_constant_folding=True)


def write_config(model, vocab_size, out_dir, note):
    c = model.cfg
    config = {
        "architectures": ["CLIPModel"],
        "model_type": "clip",
        "projection_dim": c["projection_dim"],
        "logit_scale_init_value": 2.6592,
        # The learned log value; the service multiplies cosine similarities by exp(logit_scale).
        "logit_scale": round(float(model.logit_scale.detach().clamp(max=np.log(100.0))), 6),
        "text_config": {
            "model_type": "clip_text_model", "vocab_size": 49408, "compact_vocab_size": vocab_size + 1,
            "hidden_size": c["text_width"], "num_hidden_layers": c["text_layers"],
            "num_attention_heads": c["text_heads"], "intermediate_size": 4 * c["text_width"],
            "max_position_embeddings": c["context"], "bos_token_id": 49406, "eos_token_id": 49407,
            "pad_token_id": 49407, "hidden_act": "gelu", "pooling": "first <|endoftext|> token",
        },
        "vision_config": {
            "model_type": "clip_vision_model",
            "architecture": "resnet: %dx%d stride-%d stem, bottleneck blocks, 2x2 stride-2 downsampling, mean pool"
                            % (tuple(c.get("vision_stem", (3, 2)))[:1] * 2 + tuple(c.get("vision_stem", (3, 2)))[1:]),
            "image_size": 64, "num_channels": 3, "widths": c["vision_widths"], "blocks": c["vision_blocks"],
        },
        "parameters": {"vision": count_params(model.visual), "text": count_params(model.text)},
        "demo": note,
    }
    with open(os.path.join(out_dir, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
        f.write("\n")


def denormalise(t, mean, std):
    """The fixture stores uint8 RGB (HWC) rather than floats: the spec rebuilds the tensor with the
    service's own ImagePreprocessor.normalize, which keeps the fixture small and the test honest."""
    rgb = np.rint((t * std[:, None, None] + mean[:, None, None]) * 255).clip(0, 255).astype(np.uint8)
    return rgb.transpose(1, 2, 0)


@torch.no_grad()
def write_fixture(model, data, out_dir):
    pre = json.load(open(os.path.join(out_dir, "preprocessor_config.json")))
    mean, std = np.array(pre["image_mean"], np.float32), np.array(pre["image_std"], np.float32)
    want = [("1F52B", "twemoji"), ("1F37A", "noto"), ("1F595-1F3FD", "openmoji"), ("1F600", "fluent-modern")]
    images = []
    for hexcode, style in want:
        it = next((i for i in data.items if i["hexcode"] == hexcode and i["style"] == style and i["ok"]), None)
        if it:
            images.append((it, denormalise(np.array(data.images[it["index"]]), mean, std)))
    pixels = torch.stack([torch.from_numpy(((rgb.transpose(2, 0, 1) / np.float32(255) - mean[:, None, None])
                                            / std[:, None, None]).astype(np.float32)) for _, rgb in images])
    texts = ["an emoji of a water pistol", "a weapon", "alcohol", "How are you doing?"]
    lookup = {cap["text"]: cap["ids"] for k in data.concept_ids for cap in data.concepts[k]["captions"]}
    lookup["How are you doing?"] = [49406, 829, 631, 592, 1960, 286, 49407]  # golden CLIP ids, has unseen tokens
    ids = torch.tensor([pad(lookup[t], model.cfg["context"]) for t in texts])
    fixture = {
        "note": "Written by training/export.py together with the ONNX files; checked by training/export-parity.int-spec.ts.",
        "images": [{"hexcode": it["hexcode"], "style": it["style"], "width": 64, "height": 64,
                    "rgb_base64": base64.b64encode(rgb.tobytes()).decode()} for it, rgb in images],
        "image_embeds": model.visual(pixels).tolist(),
        "texts": texts,
        "input_ids": ids.tolist(),
        "text_embeds": model.text(ids).tolist(),
    }
    os.makedirs(os.path.dirname(FIXTURE), exist_ok=True)
    with open(FIXTURE, "w") as f:
        json.dump(fixture, f)


def training_note(ck):
    """The config's note on how the checkpoint was trained, counting the earlier stages it was
    initialised from (train.py --init-from) while their model.pt files are still there."""
    steps, seconds, stages = ck["step"], ck["train_seconds"], 1
    init = ck.get("args", {}).get("init_from")
    while init:
        path = init if os.path.isabs(init) else os.path.join(HERE, "..", init)
        if not os.path.exists(path):
            return ck.get("note", "") + f" The last of several training stages ({init} is not here to count the others)."
        prev = torch.load(path, map_location="cpu")
        steps, seconds, stages = steps + prev["step"], seconds + prev["train_seconds"], stages + 1
        init = prev.get("args", {}).get("init_from")
    how = f"{steps} steps" if stages == 1 else f"{steps} steps in {stages} stages"
    return (f"Demo model trained on emoji art only ({how}, {seconds / 60:.0f} min on 2 CPU cores). "
            "Knows emoji concepts, not photographs; do not use for real moderation.")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--checkpoint", help="training/runs/<run>/model.pt")
    ap.add_argument("--random", action="store_true", help="export an untrained model of the same architecture")
    ap.add_argument("--out", default=MODEL_DIR)
    ap.add_argument("--note", default=None)
    args = ap.parse_args()
    torch.manual_seed(0)
    data = EmojiData()
    if args.random:
        model = EmojiClip(data.vocab_ids(), dict(DEFAULT_CFG))
        note = args.note or "UNTRAINED random weights (placeholder with the final architecture); not for moderation."
    else:
        ck = torch.load(args.checkpoint, map_location="cpu")
        model = EmojiClip(ck["vocab_ids"], ck["cfg"])
        model.load_state_dict(ck["state_dict"])
        note = args.note or training_note(ck)
    model.eval()
    vocab = int(model.text.token_embedding.num_embeddings) - 1
    out = os.path.abspath(args.out)
    os.makedirs(out, exist_ok=True)
    src = os.path.join(MODEL_DIR, "preprocessor_config.json")
    if os.path.abspath(src) != os.path.join(out, "preprocessor_config.json"):
        for f in ["preprocessor_config.json", "tokenizer.json", "tokenizer_config.json"]:
            shutil.copy(os.path.join(MODEL_DIR, f), out)
    export_onnx(model, out)
    write_config(model, vocab, out, note)
    if os.path.abspath(out) == os.path.abspath(MODEL_DIR):
        write_fixture(model, data, out)
    total = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(out) for f in fs)
    print(f"exported to {out}: {total / 1e6:.1f} MB, params vision {count_params(model.visual)} "
          f"text {count_params(model.text)}")


if __name__ == "__main__":
    main()
