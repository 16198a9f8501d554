"""What one training step of the image encoder costs on this machine, for the shipped architecture and
larger ones (issue 20: whether a model with more capacity can be trained in a session on two cores).

    /usr/bin/python3 training/step_cost.py [--threads 1] [--steps 8]

Forward, backward and an AdamW update of the image encoder alone at train.py's batch (128 images of
64 px), random pixels, one torch thread as train.py uses; the median of the steps after two warm-up
steps. A full train.py step adds the text encoder, the loss and the augmentations (0.65-0.73 s in all
for the shipped architecture in protocols 11-12, against about 0.5 s for its image encoder here).
"""
import argparse
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import VisionEncoder, count_params  # noqa: E402

VARIANTS = [
    ("wide (shipped)", (96, 192, 384), (1, 2, 3)),
    ("widths x1.5", (144, 288, 576), (1, 2, 3)),
    ("widths x2", (192, 384, 768), (1, 2, 3)),
    ("widths x2, blocks x2", (192, 384, 768), (2, 4, 6)),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--steps", type=int, default=8)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    x = torch.randn(128, 3, 64, 64)
    base = None
    for name, widths, blocks in VARIANTS:
        m = VisionEncoder(widths, blocks, 256, (4, 4))
        opt = torch.optim.AdamW(m.parameters(), 1e-3)
        times = []
        for _ in range(args.steps + 2):
            t = time.perf_counter()
            loss = m(x).pow(2).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
            times.append(time.perf_counter() - t)
        med = sorted(times[2:])[len(times[2:]) // 2]
        base = base or med
        print(f"{name:22s} {count_params(m) / 1e6:6.2f} M parameters  {med:.3f} s per step  {med / base:.2f}x the shipped")


if __name__ == "__main__":
    main()
