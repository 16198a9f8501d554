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


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        # Zero-init the last BN so every block starts as identity: trains faster from scratch.
        nn.init.zeros_(self.bn2.weight)
        self.short = None
        if stride != 1 or cin != cout:
            self.short = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = F.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return F.relu(y + (x if self.short is None else self.short(x)))


class VisionEncoder(nn.Module):
    """64px input; a stride-2 stem brings it to 32x32 straight away because emoji art has little
    fine texture and the CPU budget is tight."""

    def __init__(self, widths, blocks, embed_dim):
        super().__init__()
        self.stem = nn.Sequential(
            nn.Conv2d(3, widths[0], 3, 2, 1, bias=False), nn.BatchNorm2d(widths[0]), nn.ReLU(inplace=True))
        layers, cin = [], widths[0]
        for i, (w, n) in enumerate(zip(widths, blocks)):
            for j in range(n):
                layers.append(BasicBlock(cin, w, 2 if (j == 0 and i > 0) else 1))
                cin = w
        self.layers = nn.Sequential(*layers)
        self.proj = nn.Linear(cin, embed_dim, bias=False)

    def forward(self, pixel_values):
        x = self.layers(self.stem(pixel_values))
        return self.proj(x.mean(dim=(2, 3)))


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
        self.visual = VisionEncoder(tuple(cfg["vision_widths"]), tuple(cfg["vision_blocks"]), cfg["projection_dim"])
        self.text = TextEncoder(vocab_ids, cfg["context"], cfg["text_width"], cfg["text_layers"],
                                cfg["text_heads"], cfg["projection_dim"])
        self.logit_scale = nn.Parameter(torch.tensor(math.log(1 / 0.07)))


# Sized for the CPU budget (about 20 GFLOPS on two shared cores), not for accuracy.
DEFAULT_CFG = {
    "projection_dim": 256,
    "vision_widths": [32, 64, 128, 256],
    "vision_blocks": [1, 1, 1, 1],
    "context": 32,
    "text_width": 128,
    "text_layers": 3,
    "text_heads": 4,
}


def count_params(m):
    return sum(p.numel() for p in m.parameters())
