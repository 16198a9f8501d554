"""Exports a randomly initialised but architecture-faithful CLIP ViT-B/32 (or ViT-B/16) in the
Hugging Face / Transformers.js layout, for latency and memory benchmarks of real-size models
without downloading weights. The embeddings are meaningless.

    /usr/bin/python3 training/export_random_vit.py [--variant b32|b16] [--int8] [--out models-bench/<name>]

Shapes follow openai/CLIP: 224 px, patch 32 (or 16), vision width 768 x 12 layers x 12 heads,
text width 512 x 12 layers x 8 heads, context 77, vocab 49408, projection 512, quick-GELU, pre-LN,
text pooled at the first <|endoftext|>.
"""
import argparse
import json
import math
import os
import shutil

import torch
import torch.nn as nn

from model import Attention, EOT_ID

HERE = os.path.dirname(os.path.abspath(__file__))
SHARED_CLIP = "/work/shared/clip"
DEMO = os.path.join(HERE, "..", "models", "emoji-clip-demo")


class QuickGELU(nn.Module):
    def forward(self, x):
        return x * torch.sigmoid(1.702 * x)


class Block(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.ln1 = nn.LayerNorm(width)
        self.attn = Attention(width, heads)
        self.ln2 = nn.LayerNorm(width)
        self.mlp = nn.Sequential(nn.Linear(width, 4 * width), QuickGELU(), nn.Linear(4 * width, width))

    def forward(self, x, mask):
        x = x + self.attn(self.ln1(x), mask)
        return x + self.mlp(self.ln2(x))


class ViT(nn.Module):
    def __init__(self, image=224, patch=32, width=768, layers=12, heads=12, out=512):
        super().__init__()
        self.patch = nn.Conv2d(3, width, patch, patch, bias=False)
        n = (image // patch) ** 2 + 1
        self.cls = nn.Parameter(torch.randn(width) * width ** -0.5)
        self.pos = nn.Parameter(torch.randn(n, width) * width ** -0.5)
        self.ln_pre = nn.LayerNorm(width)
        self.blocks = nn.ModuleList([Block(width, heads) for _ in range(layers)])
        self.ln_post = nn.LayerNorm(width)
        self.proj = nn.Linear(width, out, bias=False)
        self.register_buffer("mask", torch.zeros(n, n))  # vision attention is unmasked

    def forward(self, pixel_values):
        x = self.patch(pixel_values).flatten(2).transpose(1, 2)
        x = torch.cat([self.cls.expand(x.shape[0], 1, -1), x], dim=1) + self.pos
        x = self.ln_pre(x)
        for b in self.blocks:
            x = b(x, self.mask)
        return self.proj(self.ln_post(x[:, 0]))


class TextTransformer(nn.Module):
    def __init__(self, vocab=49408, context=77, width=512, layers=12, heads=8, out=512):
        super().__init__()
        self.tok = nn.Embedding(vocab, width)
        self.pos = nn.Parameter(torch.randn(context, width) * 0.01)
        self.blocks = nn.ModuleList([Block(width, heads) for _ in range(layers)])
        self.ln_final = nn.LayerNorm(width)
        self.proj = nn.Linear(width, out, bias=False)
        self.register_buffer("causal", torch.full((context, context), -1e4).triu(1))

    def forward(self, input_ids):
        n, l = input_ids.shape
        x = self.tok(input_ids) + self.pos[:l]
        for b in self.blocks:
            x = b(x, self.causal[:l, :l])
        x = self.ln_final(x)
        pos = torch.arange(l)
        eot = ((input_ids == EOT_ID).long() * (l - pos)).argmax(dim=-1)
        sel = (pos.unsqueeze(0) == eot.unsqueeze(1)).to(x.dtype)
        return self.proj(torch.bmm(sel.unsqueeze(1), x).squeeze(1))


def export(module, example, path, inp, out):
    torch.onnx.export(module, (example,), path, input_names=[inp], output_names=[out],
                      dynamic_axes={inp: {0: "batch"}, out: {0: "batch"}}, opset_version=14)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--variant", choices=["b32", "b16"], default="b32")
    ap.add_argument("--int8", action="store_true", help="also try torch dynamic int8 quantization (_int8 files)")
    ap.add_argument("--out")
    args = ap.parse_args()
    torch.set_num_threads(1)
    torch.manual_seed(0)
    patch = 32 if args.variant == "b32" else 16
    name = f"random-clip-vit-base-patch{patch}"
    out = os.path.abspath(args.out or os.path.join(HERE, "..", "models-bench", name))
    os.makedirs(os.path.join(out, "onnx"), exist_ok=True)

    vision, text = ViT(patch=patch).eval(), TextTransformer().eval()
    pixels = torch.randn(1, 3, 224, 224)
    ids = torch.full((1, 77), EOT_ID, dtype=torch.long)
    ids[0, :3] = torch.tensor([49406, 320, 49407])
    with torch.no_grad():
        export(vision, pixels, os.path.join(out, "onnx", "vision_model.onnx"), "pixel_values", "image_embeds")
        export(text, ids, os.path.join(out, "onnx", "text_model.onnx"), "input_ids", "text_embeds")
    if args.int8:
        for mod, ex, f, i, o in [(vision, pixels, "vision_model_int8.onnx", "pixel_values", "image_embeds"),
                                 (text, ids, "text_model_int8.onnx", "input_ids", "text_embeds")]:
            try:
                q = torch.quantization.quantize_dynamic(mod, {nn.Linear}, dtype=torch.qint8)
                with torch.no_grad():
                    export(q, ex, os.path.join(out, "onnx", f), i, o)
            except Exception as e:  # torch 1.13 cannot export every quantized op; report, keep fp32
                print(f"int8 export of {f} failed, skipped: {type(e).__name__}: {str(e).splitlines()[0][:200]}")

    for f in ["tokenizer.json", "tokenizer_config.json"]:
        shutil.copy(os.path.join(SHARED_CLIP, f), out)  # model_max_length 77, as the real export
    pre = json.load(open(os.path.join(DEMO, "preprocessor_config.json")))
    pre.update({"size": {"shortest_edge": 224}, "crop_size": {"height": 224, "width": 224}})
    json.dump(pre, open(os.path.join(out, "preprocessor_config.json"), "w"), indent=2)
    config = {
        "architectures": ["CLIPModel"], "model_type": "clip", "projection_dim": 512,
        "logit_scale_init_value": 2.6592, "logit_scale": math.log(100.0),
        "text_config": {"model_type": "clip_text_model", "vocab_size": 49408, "hidden_size": 512,
                        "intermediate_size": 2048, "num_hidden_layers": 12, "num_attention_heads": 8,
                        "max_position_embeddings": 77, "hidden_act": "quick_gelu",
                        "bos_token_id": 49406, "eos_token_id": 49407, "pad_token_id": 49407},
        "vision_config": {"model_type": "clip_vision_model", "hidden_size": 768, "intermediate_size": 3072,
                          "num_hidden_layers": 12, "num_attention_heads": 12, "image_size": 224,
                          "patch_size": patch, "hidden_act": "quick_gelu", "num_channels": 3},
        "benchmark_only": "RANDOM weights, architecture-faithful to openai/clip-vit-base-patch%d; outputs are "
                          "meaningless. Written by training/export_random_vit.py." % patch,
    }
    json.dump(config, open(os.path.join(out, "config.json"), "w"), indent=2)
    params = sum(p.numel() for p in vision.parameters()), sum(p.numel() for p in text.parameters())
    sizes = {f: round(os.path.getsize(os.path.join(out, "onnx", f)) / 1e6, 1) for f in os.listdir(os.path.join(out, "onnx"))}
    print(f"wrote {out}: params vision {params[0]:,} text {params[1]:,}; onnx MB {sizes}")


if __name__ == "__main__":
    main()
