"""Batch augmentation in tensor space, applied after the service's preprocessing.

Hue is never changed: colour is what separates many emoji concepts (red heart vs blue heart, skin
tones). Geometry and rendering vary instead, since the held-out style draws the same things
differently.
"""
import torch
import torch.nn.functional as F

MEAN = torch.tensor([0.48145466, 0.4578275, 0.40821073]).view(1, 3, 1, 1)
STD = torch.tensor([0.26862954, 0.26130258, 0.27577711]).view(1, 3, 1, 1)


def augment(x, no_flip):
    n = x.shape[0]
    rgb = x * STD + MEAN  # back to [0, 1] so that jitter and the white fill mean what they say

    # Random scale, shift, small rotation and horizontal flip as one affine warp.
    scale = torch.empty(n).uniform_(0.8, 1.15)
    angle = torch.empty(n).uniform_(-0.2, 0.2)
    flip = torch.where((torch.rand(n) < 0.5) & ~no_flip, -1.0, 1.0)
    cos, sin = torch.cos(angle) / scale, torch.sin(angle) / scale
    theta = torch.zeros(n, 2, 3)
    theta[:, 0, 0] = cos * flip
    theta[:, 0, 1] = -sin
    theta[:, 1, 0] = sin * flip
    theta[:, 1, 1] = cos
    theta[:, :, 2] = torch.empty(n, 2).uniform_(-0.12, 0.12)
    grid = F.affine_grid(theta, list(rgb.shape), align_corners=False)
    # Sample (rgb - 1) so that the zero padding outside the image becomes white, like the flatten background.
    rgb = F.grid_sample(rgb - 1, grid, mode="bilinear", padding_mode="zeros", align_corners=False) + 1

    # Rendering differences: a third of the images go through a lower resolution and back.
    low = torch.rand(n) < 0.3
    if low.any():
        size = int(torch.randint(28, 48, (1,)))
        small = F.interpolate(rgb[low], size=size, mode="bilinear", align_corners=False, antialias=True)
        rgb[low] = F.interpolate(small, size=rgb.shape[-1], mode="bilinear", align_corners=False)

    # Brightness, contrast and saturation jitter (no hue).
    b = torch.empty(n, 1, 1, 1).uniform_(-0.12, 0.12)
    c = torch.empty(n, 1, 1, 1).uniform_(0.8, 1.2)
    s = torch.empty(n, 1, 1, 1).uniform_(0.7, 1.3)
    gray = (rgb * torch.tensor([0.299, 0.587, 0.114]).view(1, 3, 1, 1)).sum(1, keepdim=True)
    rgb = gray + (rgb - gray) * s
    mean = rgb.mean(dim=(1, 2, 3), keepdim=True)
    rgb = (rgb - mean) * c + mean + b
    return (rgb.clamp(0, 1) - MEAN) / STD
