"""The emoji-clip-demo architecture: a small ResNet-style image encoder and a small causal text
transformer (CLIP-style, pooled at the first end-of-text token), both projected to a shared space.

Everything is written with plain ops so that Debian's torch 1.13 exports it to ONNX (its
nn.MultiheadAttention fast path does not export in eval mode).
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

CLIP_VOCAB = 49408
EOT_ID = 49407  # <|endoftext|>, also CLIP's pad token


class Bottleneck(nn.Module):
    """1x1 reduce, 3x3, 1x1 expand: a third of the multiply-adds of a basic block of the same width."""

    def __init__(self, width):
        super().__init__()
        mid = width // 2
        self.body = nn.Sequential(
            nn.Conv2d(width, mid, 1, bias=False), nn.BatchNorm2d(mid), nn.ReLU(inplace=True),
            nn.Conv2d(mid, mid, 3, 1, 1, bias=False), nn.BatchNorm2d(mid), nn.ReLU(inplace=True),
            nn.Conv2d(mid, width, 1, bias=False), nn.BatchNorm2d(width))
        # Zero-init the last BN so every block starts as identity: trains faster from scratch.
        nn.init.zeros_(self.body[-1].weight)

    def forward(self, x):
        return F.relu(x + self.body(x))


def down(cin, cout):
    """2x2 stride-2 convolution (space-to-depth style): halves resolution at a third of a 3x3's cost."""
    return nn.Sequential(nn.Conv2d(cin, cout, 2, 2, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class VisionEncoder(nn.Module):
    """64px input. The CPU budget (two cores shared with other work, often a fraction of one core)
    allows only ~10-25M multiply-adds per image, so resolution drops fast to 16x16 where the residual
    stages start. Emoji art is flat colour and outline, which survives 16x16 feature maps well."""

    def __init__(self, widths, blocks, embed_dim, stem=(3, 2)):
        super().__init__()
        k, st = stem
        layers = [nn.Conv2d(3, widths[0], k, st, 1 if k == 3 else 0, bias=False), nn.BatchNorm2d(widths[0]),
                  nn.ReLU(inplace=True)]
        # len(blocks) == len(widths): the first entry is blocks at the stem's resolution.
        if len(blocks) == len(widths):
            layers += [Bottleneck(widths[0]) for _ in range(blocks[0])]
            blocks = blocks[1:]
        cin = widths[0]
        for w, n in zip(widths[1:], blocks):
            layers.append(down(cin, w))
            layers += [Bottleneck(w) for _ in range(n)]
            cin = w
        self.layers = nn.Sequential(*layers)
        self.proj = nn.Linear(cin, embed_dim, bias=False)

    def forward(self, pixel_values):
        return self.proj(self.layers(pixel_values).mean(dim=(2, 3)))


class Attention(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.heads = heads
        self.qkv = nn.Linear(width, 3 * width)
        self.out = nn.Linear(width, width)

    def forward(self, x, mask):
        n, l, w = x.shape
        hd = w // self.heads
        q, k, v = self.qkv(x).reshape(n, l, 3, self.heads, hd).permute(2, 0, 3, 1, 4)
        att = torch.matmul(q, k.transpose(-2, -1)) * (1.0 / math.sqrt(hd)) + mask
        y = torch.matmul(att.softmax(dim=-1), v)
        return self.out(y.transpose(1, 2).reshape(n, l, w))


class TextBlock(nn.Module):
    def __init__(self, width, heads):
        super().__init__()
        self.ln1 = nn.LayerNorm(width)
        self.attn = Attention(width, heads)
        self.ln2 = nn.LayerNorm(width)
        self.mlp = nn.Sequential(nn.Linear(width, 4 * width), nn.GELU(), nn.Linear(4 * width, width))

    def forward(self, x, mask):
        x = x + self.attn(self.ln1(x), mask)
        return x + self.mlp(self.ln2(x))


class TextEncoder(nn.Module):
    """Takes raw CLIP token ids. A 49408-row embedding would not fit the size budget, so a buffer
    maps each CLIP id to a compact row (ids never seen in training share the last, UNK, row)."""

    def __init__(self, vocab_ids, context, width, layers, heads, embed_dim):
        super().__init__()
        remap = torch.full((CLIP_VOCAB,), len(vocab_ids), dtype=torch.long)
        remap[torch.tensor(sorted(vocab_ids), dtype=torch.long)] = torch.arange(len(vocab_ids))
        self.register_buffer("remap", remap)
        self.token_embedding = nn.Embedding(len(vocab_ids) + 1, width)
        self.pos_embedding = nn.Parameter(torch.randn(context, width) * 0.01)
        nn.init.normal_(self.token_embedding.weight, std=0.02)
        self.blocks = nn.ModuleList([TextBlock(width, heads) for _ in range(layers)])
        self.ln_final = nn.LayerNorm(width)
        self.proj = nn.Linear(width, embed_dim, bias=False)
        causal = torch.full((context, context), -1e4).triu(1)
        self.register_buffer("causal", causal)

    def forward(self, input_ids):
        n, l = input_ids.shape
        x = self.token_embedding(self.remap[input_ids]) + self.pos_embedding[:l]
        mask = self.causal[:l, :l]
        for b in self.blocks:
            x = b(x, mask)
        x = self.ln_final(x)
        # First <|endoftext|>: weight positions so that the earliest EOT is the unique maximum
        # (argmax tie-breaking is not something to rely on across torch/ONNX runtimes).
        pos = torch.arange(l, device=input_ids.device)
        eot = ((input_ids == EOT_ID).long() * (l - pos)).argmax(dim=-1)
        sel = (pos.unsqueeze(0) == eot.unsqueeze(1)).to(x.dtype)
        return self.proj(torch.bmm(sel.unsqueeze(1), x).squeeze(1))


class EmojiClip(nn.Module):
    def __init__(self, vocab_ids, cfg):
        super().__init__()
        self.cfg = cfg
        self.visual = VisionEncoder(tuple(cfg["vision_widths"]), tuple(cfg["vision_blocks"]), cfg["projection_dim"],
                                    tuple(cfg.get("vision_stem", (3, 2))))
        self.text = TextEncoder(vocab_ids, cfg["context"], cfg["text_width"], cfg["text_layers"],
                                cfg["text_heads"], cfg["projection_dim"])
        self.logit_scale = nn.Parameter(torch.tensor(math.log(1 / 0.07)))


CONFIGS = {
    # The shipped model. Sized for the CPU budget (about 20 GFLOPS on two shared cores), not for accuracy:
    # a 4x4 stride-4 "patchify" stem takes 64 px straight to 16x16 without discarding pixels (an average
    # pool would); then 16 -> 8 -> 4 with bottleneck blocks: ~12.5M multiply-adds per image.
    "small": {
        "projection_dim": 256,
        "vision_stem": [4, 4],
        "vision_widths": [48, 96, 192],
        "vision_blocks": [1, 2, 2],
        "context": 32,
        "text_width": 128,
        "text_layers": 2,
        "text_heads": 4,
    },
}
# Issue 20's candidate for unseen styles: twice the widths and one more 4x4 block (~57M multiply-adds,
# 2.2M image-encoder parameters, 16.3 MB exported). See the model card for what it measured.
CONFIGS["wide"] = dict(CONFIGS["small"], vision_widths=[96, 192, 384], vision_blocks=[1, 2, 3])
# Protocol 15 (issue 20): 1.5x the widths, 4.84M image-encoder parameters; 24 MB exported in fp32.
CONFIGS["wider"] = dict(CONFIGS["small"], vision_widths=[144, 288, 576], vision_blocks=[1, 2, 3])
DEFAULT_CFG = CONFIGS["small"]


def count_params(m):
    return sum(p.numel() for p in m.parameters())
