"""Batch augmentation in tensor space, applied after the service's preprocessing.

The held-out styles draw the same things differently: other line weights, outlines or none, flat
fills or gradients, other palettes, backgrounds. Each transform below imitates one such difference
and can be switched on or off by name (train.py --aug), so each is measured on its own.

Hue is never rotated: colour is what separates many emoji concepts (red heart vs blue heart, skin
tones). Saturation, brightness and per-channel gain move instead, and grayscale drops colour
entirely for a few images so that shape alone must carry the concept.
"""
import math

import torch
import torch.nn.functional as F

MEAN = torch.tensor([0.48145466, 0.4578275, 0.40821073]).view(1, 3, 1, 1)
STD = torch.tensor([0.26862954, 0.26130258, 0.27577711]).view(1, 3, 1, 1)
LUMA = torch.tensor([0.299, 0.587, 0.114]).view(1, 3, 1, 1)

# name -> probability per image. "geometry", "lowres" and "jitter" are the original three.
DEFAULT_P = {
    "geometry": 1.0,    # scale, shift, small rotation, horizontal flip
    "lowres": 0.3,      # down to 28-47 px and back
    "jitter": 1.0,      # brightness, contrast, saturation, small per-channel gain
    "gray": 0.12,       # grayscale
    "lineart": 0.08,    # edges only, dark lines on white (outline-only renderings)
    "weight": 0.25,     # thicker or thinner dark lines (3x3 min/max filter)
    "outline": 0.15,    # a dark outline drawn around the figure
    "background": 0.2,  # a coloured or gradient background instead of white
    "posterize": 0.12,  # 3-6 levels per channel (reduced palettes, flat fills)
    "lighting": 0.15,   # a linear light gradient across the image
    "blur": 0.15,       # Gaussian blur
    "noise": 0.15,      # Gaussian pixel noise
    "jpeg": 0.15,       # 8x8 DCT quantisation of luma and chroma (JPEG-like blocking and ringing)
    "cutout": 0.15,     # a random patch painted over
}
BASE = ("geometry", "lowres", "jitter")
# The shipped model's augmentation (the three transforms above with their first, narrower ranges and no
# per-channel gain): "--aug legacy" draws the very same random numbers in the same order, so
# training/train.sh reproduces that model.
LEGACY = {"geometry": (0.8, 0.2, 0.12), "jitter": (0.12, 0.2, 0.3)}
WIDE = {"geometry": (0.7, 0.25, 0.15), "jitter": (0.15, 0.25, 0.45)}


def _pick(n, p):
    return torch.rand(n) < p


def _figure_mask(rgb, thresh=0.96, iters=40):
    """Background = near-white pixels connected to the border (so a face's white eyes stay figure).
    Flood fill by repeated 3x3 max-pooling of the reachable set, restricted to near-white pixels."""
    white = (rgb.min(dim=1, keepdim=True).values > thresh).float()
    reach = torch.zeros_like(white)
    reach[..., 0, :] = 1
    reach[..., -1, :] = 1
    reach[..., :, 0] = 1
    reach[..., :, -1] = 1
    reach = reach * white
    for _ in range(iters):
        nxt = F.max_pool2d(reach, 3, 1, 1) * white
        if torch.equal(nxt, reach):
            break
        reach = nxt
    return 1 - reach  # 1 on the figure


def _geometry(rgb, no_flip, ranges):
    n = rgb.shape[0]
    min_scale, max_angle, max_shift = ranges
    scale = torch.empty(n).uniform_(min_scale, 1.15)
    angle = torch.empty(n).uniform_(-max_angle, max_angle)
    flip = torch.where((torch.rand(n) < 0.5) & ~no_flip, -1.0, 1.0)
    cos, sin = torch.cos(angle) / scale, torch.sin(angle) / scale
    theta = torch.zeros(n, 2, 3)
    theta[:, 0, 0] = cos * flip
    theta[:, 0, 1] = -sin
    theta[:, 1, 0] = sin * flip
    theta[:, 1, 1] = cos
    theta[:, :, 2] = torch.empty(n, 2).uniform_(-max_shift, max_shift)
    grid = F.affine_grid(theta, list(rgb.shape), align_corners=False)
    # Sample (rgb - 1) so that the zero padding outside the image becomes white, like the flatten background.
    return F.grid_sample(rgb - 1, grid, mode="bilinear", padding_mode="zeros", align_corners=False) + 1


def _gaussian_kernel(sigma, size=5):
    r = torch.arange(size, dtype=torch.float32) - size // 2
    k = torch.exp(-(r ** 2) / (2 * sigma ** 2))
    k = k / k.sum()
    return (k[:, None] * k[None, :]).view(1, 1, size, size).repeat(3, 1, 1, 1)


def _dct_matrix(n=8):
    m = torch.zeros(n, n)
    for k in range(n):
        for i in range(n):
            m[k, i] = math.cos(math.pi * (2 * i + 1) * k / (2 * n)) * (math.sqrt(1 / n) if k == 0 else math.sqrt(2 / n))
    return m


_DCT = _dct_matrix()
# The JPEG standard's example luminance table (ITU-T T.81 Annex K), scaled per image below.
_QY = torch.tensor([
    [16, 11, 10, 16, 24, 40, 51, 61], [12, 12, 14, 19, 26, 58, 60, 55], [14, 13, 16, 24, 40, 57, 69, 56],
    [14, 17, 22, 29, 51, 87, 80, 62], [18, 22, 37, 56, 68, 109, 103, 77], [24, 35, 55, 64, 81, 104, 113, 92],
    [49, 64, 78, 87, 103, 121, 120, 101], [72, 92, 95, 98, 112, 100, 103, 99]], dtype=torch.float32) / 255.0


def _jpeg(rgb):
    n, _, h, w = rgb.shape
    # YCbCr, blockwise DCT, quantise with a per-image quality, inverse.
    ycc = torch.stack([
        (rgb * LUMA).sum(1),
        -0.168736 * rgb[:, 0] - 0.331264 * rgb[:, 1] + 0.5 * rgb[:, 2],
        0.5 * rgb[:, 0] - 0.418688 * rgb[:, 1] - 0.081312 * rgb[:, 2]], dim=1)
    blocks = ycc.reshape(n, 3, h // 8, 8, w // 8, 8).permute(0, 1, 2, 4, 3, 5)
    coef = _DCT @ blocks @ _DCT.t()
    q = _QY * torch.empty(n, 1, 1, 1, 1, 1).uniform_(0.5, 4.0)
    q = torch.cat([q, q * 2, q * 2], dim=1)  # chroma quantised twice as coarsely
    coef = torch.round(coef / q) * q
    blocks = _DCT.t() @ coef @ _DCT
    y, cb, cr = blocks.permute(0, 1, 2, 4, 3, 5).reshape(n, 3, h, w).unbind(1)
    return torch.stack([y + 1.402 * cr, y - 0.344136 * cb - 0.714136 * cr, y + 1.772 * cb], dim=1)


def augment(x, no_flip, p=None):
    p = DEFAULT_P if p is None else p
    legacy = p.get("legacy", 0) > 0
    ranges = LEGACY if legacy else WIDE
    n = x.shape[0]
    rgb = x * STD + MEAN  # back to [0, 1] so that jitter and the white fill mean what they say

    if p.get("geometry", 0) > 0:
        rgb = _geometry(rgb, no_flip, ranges["geometry"])

    if p.get("background", 0) > 0 or p.get("outline", 0) > 0:
        fig = _figure_mask(rgb)

    if p.get("outline", 0) > 0:
        sel = _pick(n, p["outline"])
        if sel.any():
            grow = F.max_pool2d(fig[sel], 3, 1, 1)
            if torch.rand(1) < 0.5:
                grow = F.max_pool2d(grow, 3, 1, 1)
            ring = (grow - fig[sel]).clamp(0, 1)
            ink = torch.rand(int(sel.sum()), 1, 1, 1) * 0.25
            rgb[sel] = rgb[sel] * (1 - ring) + ink * ring
            fig[sel] = grow

    if p.get("weight", 0) > 0:
        sel = _pick(n, p["weight"])
        if sel.any():
            thicker = torch.rand(int(sel.sum())) < 0.6
            sub = rgb[sel]
            # min filter: dark lines grow (thicker); max filter: they shrink (thinner).
            thick = -F.max_pool2d(-sub, 3, 1, 1)
            thin = F.max_pool2d(sub, 3, 1, 1)
            rgb[sel] = torch.where(thicker.view(-1, 1, 1, 1), thick, thin)

    if p.get("background", 0) > 0:
        sel = _pick(n, p["background"])
        if sel.any():
            k = int(sel.sum())
            c0, c1 = torch.rand(k, 3, 1, 1), torch.rand(k, 3, 1, 1)
            ramp = torch.linspace(0, 1, rgb.shape[-1]).view(1, 1, 1, -1)
            vertical = torch.rand(k) < 0.5
            ramp = torch.where(vertical.view(-1, 1, 1, 1), ramp.transpose(-1, -2), ramp)
            flat = (torch.rand(k) < 0.5).view(-1, 1, 1, 1)
            bg = torch.where(flat, c0.expand(-1, -1, *rgb.shape[-2:]), c0 + (c1 - c0) * ramp)
            f = fig[sel]
            rgb[sel] = rgb[sel] * f + bg * (1 - f)

    if p.get("lineart", 0) > 0:
        sel = _pick(n, p["lineart"])
        if sel.any():
            g = (rgb[sel] * LUMA).sum(1, keepdim=True)
            kx = torch.tensor([[-1.0, 0, 1], [-2, 0, 2], [-1, 0, 1]]).view(1, 1, 3, 3)
            g = F.pad(g, (1, 1, 1, 1), mode="replicate")  # no edge along the image border
            gx = F.conv2d(g, kx)
            gy = F.conv2d(g, kx.transpose(-1, -2))
            edge = (gx ** 2 + gy ** 2).sqrt()
            lines = 1 - (edge * torch.empty(int(sel.sum()), 1, 1, 1).uniform_(2, 5)).clamp(0, 1)
            rgb[sel] = lines.expand(-1, 3, -1, -1)

    if p.get("posterize", 0) > 0:
        sel = _pick(n, p["posterize"])
        if sel.any():
            levels = torch.randint(3, 7, (int(sel.sum()), 1, 1, 1)).float() - 1
            rgb[sel] = torch.round(rgb[sel] * levels) / levels

    if p.get("lowres", 0) > 0:
        sel = _pick(n, p["lowres"])
        if sel.any():
            size = int(torch.randint(28, 48, (1,)))
            small = F.interpolate(rgb[sel], size=size, mode="bilinear", align_corners=False, antialias=True)
            rgb[sel] = F.interpolate(small, size=rgb.shape[-1], mode="bilinear", align_corners=False)

    if p.get("blur", 0) > 0:
        sel = _pick(n, p["blur"])
        if sel.any():
            k = _gaussian_kernel(float(torch.empty(1).uniform_(0.5, 1.3)))
            rgb[sel] = F.conv2d(F.pad(rgb[sel], (2, 2, 2, 2), mode="replicate"), k, groups=3)

    if p.get("jitter", 0) > 0:
        jb, jc, js = ranges["jitter"]
        b = torch.empty(n, 1, 1, 1).uniform_(-jb, jb)
        c = torch.empty(n, 1, 1, 1).uniform_(1 - jc, 1 + jc)
        s = torch.empty(n, 1, 1, 1).uniform_(1 - js, 1 + js)
        gain = None if legacy else torch.empty(n, 3, 1, 1).uniform_(0.92, 1.08)
        gray = (rgb * LUMA).sum(1, keepdim=True)
        rgb = gray + (rgb - gray) * s
        mean = rgb.mean(dim=(1, 2, 3), keepdim=True)
        rgb = (rgb - mean) * c + mean + b
        if gain is not None:
            rgb = rgb * gain

    if p.get("gray", 0) > 0:
        sel = _pick(n, p["gray"])
        if sel.any():
            rgb[sel] = (rgb[sel] * LUMA).sum(1, keepdim=True).expand(-1, 3, -1, -1)

    if p.get("lighting", 0) > 0:
        sel = _pick(n, p["lighting"])
        if sel.any():
            k = int(sel.sum())
            h = rgb.shape[-1]
            yy, xx = torch.meshgrid(torch.linspace(-1, 1, h), torch.linspace(-1, 1, h), indexing="ij")
            ang = torch.rand(k, 1, 1) * 2 * math.pi
            grad = (xx * torch.cos(ang) + yy * torch.sin(ang)).unsqueeze(1)
            rgb[sel] = rgb[sel] + grad * torch.empty(k, 1, 1, 1).uniform_(0.05, 0.2)

    if p.get("cutout", 0) > 0:
        sel = torch.nonzero(_pick(n, p["cutout"])).flatten().tolist()
        h = rgb.shape[-1]
        for i in sel:
            s = int(torch.randint(8, 20, (1,)))
            y0, x0 = (int(v) for v in torch.randint(0, h - s, (2,)))
            rgb[i, :, y0:y0 + s, x0:x0 + s] = torch.rand(3, 1, 1)

    if p.get("noise", 0) > 0:
        sel = _pick(n, p["noise"])
        if sel.any():
            rgb[sel] = rgb[sel] + torch.randn_like(rgb[sel]) * float(torch.empty(1).uniform_(0.02, 0.08))

    if p.get("jpeg", 0) > 0:
        sel = _pick(n, p["jpeg"])
        if sel.any():
            rgb[sel] = _jpeg(rgb[sel].clamp(0, 1))

    return (rgb.clamp(0, 1) - MEAN) / STD


def parse_aug(spec):
    """"all" (every transform at its default probability), "base" (the original three at the wider
    ranges), "legacy" (the shipped model's), or a comma list of names, each optionally "=p"; "all,-jpeg"
    drops one from all."""
    if spec in ("all", None):
        return dict(DEFAULT_P)
    if spec == "legacy":
        return {**{k: DEFAULT_P[k] for k in BASE}, "legacy": 1.0}
    out = {}
    for part in spec.split(","):
        part = part.strip()
        if part == "all":
            out.update(DEFAULT_P)
        elif part == "base":
            out.update({k: DEFAULT_P[k] for k in BASE})
        elif part.startswith("-"):
            out.pop(part[1:], None)
        elif "=" in part:
            k, v = part.split("=")
            if k not in DEFAULT_P:
                raise ValueError(f"unknown augmentation {k}")
            out[k] = float(v)
        else:
            if part not in DEFAULT_P:
                raise ValueError(f"unknown augmentation {part}")
            out[part] = DEFAULT_P[part]
    return out
