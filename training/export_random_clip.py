"""Architecture-faithful, randomly initialised CLIP ViT-B/32 and ViT-B/16 in the Hugging Face /
Transformers.js layout, for benchmarking only: the weights are random, so scores mean nothing, but
every matrix has the released model's shape, so its cost (FLOPs, bytes, memory) is the real one.

    /usr/bin/python3 training/export_random_clip.py                 # ViT-B/32, fp32 + _quantized
    /usr/bin/python3 training/export_random_clip.py --arch b16      # ViT-B/16
    /usr/bin/python3 training/export_random_clip.py --no-quantize   # fp32 only

writes models-bench/clip-vit-base-patch32-random/ (git-ignored):
    onnx/vision_model.onnx  pixel_values [N,3,224,224] -> image_embeds [N,512]   (not normalised)
    onnx/text_model.onnx    input_ids [N,L] int64       -> text_embeds [N,512]    (first EOS = argmax of ids)
    onnx/model.onnx         input_ids, attention_mask, pixel_values -> logits_per_image,
                            logits_per_text, text_embeds, image_embeds (HF CLIPModel; what
                            Transformers.js's zero-shot-image-classification pipeline loads)
    onnx/*_quantized.onnx   int8 dynamic quantization of the MatMul weights (quantize_dynamic.py)
    config.json, preprocessor_config.json, tokenizer files (copied from /work/shared/clip)

The modules mirror transformers' modeling_clip.py (same parameter names and shapes, quick_gelu,
pre-LN, CLS pooling with post_layernorm, causal text attention) but attention is written with plain
ops: Debian's torch 1.13 cannot export nn.MultiheadAttention's fast path in eval mode.
"""
import argparse
import json
import math
import os
import shutil
import time

import numpy as np
import torch
import torch.nn as nn

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
TOKENIZER_SRC = "/work/shared/clip"
TOKENIZER_FILES = ["tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.json", "merges.txt"]
OPSET = 14
EOS_ID = 49407

ARCHS = {
    "b32": {"name": "clip-vit-base-patch32-random", "patch": 32},
    "b16": {"name": "clip-vit-base-patch16-random", "patch": 16},
}
# openai/clip-vit-base-patch{32,16}: identical apart from the patch size.
TEXT = {"vocab_size": 49408, "hidden_size": 512, "intermediate_size": 2048, "num_hidden_layers": 12,
        "num_attention_heads": 8, "max_position_embeddings": 77}
VISION = {"hidden_size": 768, "intermediate_size": 3072, "num_hidden_layers": 12, "num_attention_heads": 12,
          "image_size": 224}
PROJECTION_DIM = 512
LOGIT_SCALE = math.log(100.0)  # what the released checkpoints converged to (exp = 100)


def quick_gelu(x):
    return x * torch.sigmoid(1.702 * x)


class Attention(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.heads, self.scale = heads, (width // heads) ** -0.5
        self.q_proj, self.k_proj = nn.Linear(width, width), nn.Linear(width, width)
        self.v_proj, self.out_proj = nn.Linear(width, width), nn.Linear(width, width)

    def forward(self, x, mask=None):
        n, l, w = x.shape
        hd = w // self.heads

        def split(t):
            return t.reshape(n, l, self.heads, hd).transpose(1, 2)

        q, k, v = split(self.q_proj(x) * self.scale), split(self.k_proj(x)), split(self.v_proj(x))
        att = torch.matmul(q, k.transpose(-2, -1))
        if mask is not None:
            att = att + mask
        y = torch.matmul(att.softmax(dim=-1), v)
        return self.out_proj(y.transpose(1, 2).reshape(n, l, w))


class MLP(nn.Module):
    def __init__(self, width, inner):
        super().__init__()
        self.fc1, self.fc2 = nn.Linear(width, inner), nn.Linear(inner, width)

    def forward(self, x):
        return self.fc2(quick_gelu(self.fc1(x)))


class EncoderLayer(nn.Module):
    def __init__(self, width, inner, heads):
        super().__init__()
        self.layer_norm1, self.self_attn = nn.LayerNorm(width), Attention(width, heads)
        self.layer_norm2, self.mlp = nn.LayerNorm(width), MLP(width, inner)

    def forward(self, x, mask=None):
        x = x + self.self_attn(self.layer_norm1(x), mask)
        return x + self.mlp(self.layer_norm2(x))


class Encoder(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.layers = nn.ModuleList([EncoderLayer(c["hidden_size"], c["intermediate_size"], c["num_attention_heads"])
                                     for _ in range(c["num_hidden_layers"])])

    def forward(self, x, mask=None):
        for layer in self.layers:
            x = layer(x, mask)
        return x


class VisionTransformer(nn.Module):
    def __init__(self, c, patch):
        super().__init__()
        w = c["hidden_size"]
        self.num_positions = (c["image_size"] // patch) ** 2 + 1
        self.class_embedding = nn.Parameter(torch.randn(w) * w ** -0.5)
        self.patch_embedding = nn.Conv2d(3, w, patch, patch, bias=False)
        self.position_embedding = nn.Embedding(self.num_positions, w)
        self.pre_layrnorm = nn.LayerNorm(w)  # sic: the transformers attribute name
        self.encoder = Encoder(c)
        self.post_layernorm = nn.LayerNorm(w)

    def forward(self, pixel_values):
        x = self.patch_embedding(pixel_values).flatten(2).transpose(1, 2)
        cls = self.class_embedding.reshape(1, 1, -1).expand(x.shape[0], 1, x.shape[2])
        x = torch.cat([cls, x], dim=1) + self.position_embedding.weight.unsqueeze(0)
        x = self.encoder(self.pre_layrnorm(x))
        return self.post_layernorm(x[:, 0, :])


class TextTransformer(nn.Module):
    def __init__(self, c):
        super().__init__()
        w, ctx = c["hidden_size"], c["max_position_embeddings"]
        self.token_embedding = nn.Embedding(c["vocab_size"], w)
        self.position_embedding = nn.Embedding(ctx, w)
        self.encoder = Encoder(c)
        self.final_layer_norm = nn.LayerNorm(w)
        self.register_buffer("causal", torch.full((ctx, ctx), -1e4).triu(1), persistent=False)

    def forward(self, input_ids, attention_mask=None):
        n, l = input_ids.shape
        x = self.token_embedding(input_ids) + self.position_embedding.weight[:l].unsqueeze(0)
        mask = self.causal[:l, :l].unsqueeze(0).unsqueeze(0)
        if attention_mask is not None:
            mask = mask + (1.0 - attention_mask.to(x.dtype)).reshape(n, 1, 1, l) * -1e4
        x = self.final_layer_norm(self.encoder(x, mask))
        # Pool at the first <|endoftext|>: its id is the largest in the vocabulary, and ArgMax returns
        # the first maximum (OpenAI's `text.argmax(dim=-1)`).
        eos = input_ids.argmax(dim=-1).reshape(n, 1, 1).expand(n, 1, x.shape[2])
        return x.gather(1, eos).squeeze(1)


class VisionWithProjection(nn.Module):
    def __init__(self, patch):
        super().__init__()
        self.vision_model = VisionTransformer(VISION, patch)
        self.visual_projection = nn.Linear(VISION["hidden_size"], PROJECTION_DIM, bias=False)

    def forward(self, pixel_values):
        return self.visual_projection(self.vision_model(pixel_values))


class TextWithProjection(nn.Module):
    def __init__(self):
        super().__init__()
        self.text_model = TextTransformer(TEXT)
        self.text_projection = nn.Linear(TEXT["hidden_size"], PROJECTION_DIM, bias=False)

    def forward(self, input_ids, attention_mask=None):
        return self.text_projection(self.text_model(input_ids, attention_mask))


class ClipModel(nn.Module):
    """HF CLIPModel's forward: normalised embeddings and both logit matrices."""

    def __init__(self, vision, text):
        super().__init__()
        self.vision, self.text = vision, text
        self.logit_scale = nn.Parameter(torch.tensor(LOGIT_SCALE))

    def forward(self, input_ids, attention_mask, pixel_values):
        image_embeds = self.vision(pixel_values)
        text_embeds = self.text(input_ids, attention_mask)
        image_embeds = image_embeds / image_embeds.norm(p=2, dim=-1, keepdim=True)
        text_embeds = text_embeds / text_embeds.norm(p=2, dim=-1, keepdim=True)
        logits_per_text = torch.matmul(text_embeds, image_embeds.t()) * self.logit_scale.exp()
        return logits_per_text.t(), logits_per_text, text_embeds, image_embeds


def init_like_clip(module):
    """transformers' CLIPPreTrainedModel._init_weights with initializer_factor 1."""
    for m in module.modules():
        if isinstance(m, nn.Linear):
            nn.init.normal_(m.weight, std=m.in_features ** -0.5)
            if m.bias is not None:
                nn.init.zeros_(m.bias)
        elif isinstance(m, nn.Embedding):
            nn.init.normal_(m.weight, std=0.02)
        elif isinstance(m, nn.LayerNorm):
            nn.init.ones_(m.weight)
            nn.init.zeros_(m.bias)
        elif isinstance(m, nn.Conv2d):
            nn.init.normal_(m.weight, std=m.weight[0].numel() ** -0.5)


def sample_ids(n, length, seed=0):
    """BOS, a few random word pieces, EOS, then EOS padding (CLIP pads with EOS)."""
    g = torch.Generator().manual_seed(seed)
    ids = torch.full((n, length), EOS_ID, dtype=torch.long)
    ids[:, 0] = 49406
    for r in range(n):
        k = 2 + r % 8
        ids[r, 1:1 + k] = torch.randint(300, 49000, (k,), generator=g)
    return ids


def export(module, args, path, input_names, output_names, dynamic_axes):
    t0 = time.time()
    torch.onnx.export(module, args, path, input_names=input_names, output_names=output_names,
                      dynamic_axes=dynamic_axes, opset_version=OPSET, do_constant_folding=True)
    print(f"  {os.path.relpath(path, ROOT)}: {os.path.getsize(path) / 1e6:.0f} MB in {time.time() - t0:.0f} s")


def write_configs(out, patch):
    config = {
        "_name_or_path": f"random CLIP ViT-B/{patch} (clipguard benchmark model)",
        "architectures": ["CLIPModel"],
        "model_type": "clip",
        "initializer_factor": 1.0,
        "logit_scale_init_value": 2.6592,
        # The learned log value (as a checkpoint stores it): the service uses exp(logit_scale) = 100.
        "logit_scale": LOGIT_SCALE,
        "projection_dim": PROJECTION_DIM,
        "text_config": {"model_type": "clip_text_model", "hidden_act": "quick_gelu", "layer_norm_eps": 1e-5,
                        "bos_token_id": 49406, "eos_token_id": 2, "pad_token_id": 1, "projection_dim": PROJECTION_DIM,
                        "attention_dropout": 0.0, "dropout": 0.0, "initializer_range": 0.02, **TEXT},
        "vision_config": {"model_type": "clip_vision_model", "hidden_act": "quick_gelu", "layer_norm_eps": 1e-5,
                          "num_channels": 3, "patch_size": patch, "projection_dim": PROJECTION_DIM,
                          "attention_dropout": 0.0, "dropout": 0.0, "initializer_range": 0.02, **VISION},
        "transformers_version": "4.30.0",
        "benchmark_only": "RANDOM weights with the real architecture: its cost is real, its scores are noise.",
    }
    pre = {
        "crop_size": {"height": 224, "width": 224}, "do_center_crop": True, "do_convert_rgb": True,
        "do_normalize": True, "do_rescale": True, "do_resize": True,
        "feature_extractor_type": "CLIPFeatureExtractor", "image_processor_type": "CLIPImageProcessor",
        "image_mean": [0.48145466, 0.4578275, 0.40821073], "image_std": [0.26862954, 0.26130258, 0.27577711],
        "resample": 3, "rescale_factor": 0.00392156862745098, "size": {"shortest_edge": 224},
    }
    for name, obj in [("config.json", config), ("preprocessor_config.json", pre)]:
        with open(os.path.join(out, name), "w") as f:
            json.dump(obj, f, indent=2)
            f.write("\n")
    for f in TOKENIZER_FILES:
        shutil.copy(os.path.join(TOKENIZER_SRC, f), out)


@torch.no_grad()
def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--arch", choices=sorted(ARCHS), default="b32")
    ap.add_argument("--out", help="default models-bench/<name>")
    ap.add_argument("--no-quantize", action="store_true", help="skip the _quantized (int8) variants")
    ap.add_argument("--no-combined", action="store_true", help="skip onnx/model.onnx (Transformers.js pipeline graph)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    torch.manual_seed(args.seed)
    torch.set_num_threads(max(1, os.cpu_count() or 1))
    arch = ARCHS[args.arch]
    out = os.path.abspath(args.out or os.path.join(ROOT, "models-bench", arch["name"]))
    os.makedirs(os.path.join(out, "onnx"), exist_ok=True)

    vision, text = VisionWithProjection(arch["patch"]).eval(), TextWithProjection().eval()
    init_like_clip(vision)
    init_like_clip(text)
    count = lambda m: sum(p.numel() for p in m.parameters())  # noqa: E731
    print(f"ViT-B/{arch['patch']}: vision {count(vision) / 1e6:.1f}M params, text {count(text) / 1e6:.1f}M -> {out}")

    pixels = torch.randn(2, 3, 224, 224)
    ids = sample_ids(2, TEXT["max_position_embeddings"])
    onnx_dir = os.path.join(out, "onnx")
    export(vision, (pixels,), os.path.join(onnx_dir, "vision_model.onnx"), ["pixel_values"], ["image_embeds"],
           {"pixel_values": {0: "batch"}, "image_embeds": {0: "batch"}})
    export(text, (ids,), os.path.join(onnx_dir, "text_model.onnx"), ["input_ids"], ["text_embeds"],
           {"input_ids": {0: "batch", 1: "sequence"}, "text_embeds": {0: "batch"}})
    if not args.no_combined:
        model = ClipModel(vision, text).eval()
        short = sample_ids(3, 12, seed=1)
        export(model, (short, torch.ones_like(short), pixels), os.path.join(onnx_dir, "model.onnx"),
               ["input_ids", "attention_mask", "pixel_values"],
               ["logits_per_image", "logits_per_text", "text_embeds", "image_embeds"],
               {"input_ids": {0: "text_batch", 1: "sequence"}, "attention_mask": {0: "text_batch", 1: "sequence"},
                "pixel_values": {0: "image_batch"}, "logits_per_image": {0: "image_batch", 1: "text_batch"},
                "logits_per_text": {0: "text_batch", 1: "image_batch"}, "text_embeds": {0: "text_batch"},
                "image_embeds": {0: "image_batch"}})
    write_configs(out, arch["patch"])

    # Reference outputs: bench/check-model.ts runs the ONNX graphs in onnxruntime-node against them
    # (fp32 parity, and cosine >= 0.99 for the _quantized graphs).
    texts = sample_ids(4, TEXT["max_position_embeddings"], seed=2)
    write_reference(out, {"pixel_values": pixels, "input_ids": texts,
                          "image_embeds": vision(pixels), "text_embeds": text(texts)})
    import quantize_dynamic
    if not args.no_quantize:
        names = ["vision_model", "text_model"] + ([] if args.no_combined else ["model"])
        for name in names:
            quantize_dynamic.quantize_file(os.path.join(onnx_dir, f"{name}.onnx"),
                                           os.path.join(onnx_dir, f"{name}_quantized.onnx"))
    quantize_dynamic.check_folder(out)
    total = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(out) for f in fs)
    print(f"done: {out} ({total / 1e6:.0f} MB)")


def write_reference(out, tensors):
    import base64
    ref = {}
    for k, t in tensors.items():
        a = t.numpy()
        ref[k] = {"dtype": str(a.dtype), "dims": list(a.shape), "base64": base64.b64encode(a.tobytes()).decode()}
    with open(os.path.join(out, "onnx", "reference.json"), "w") as f:
        json.dump(ref, f)


if __name__ == "__main__":
    main()
