"""The model card's leave-one-style-out table from the folds' tune-policies reports:
    /usr/bin/python3 training/loso_table.py training/runs/loso-*/tune.json
Each fold: harmful caught and benign flagged on the held-out style (95% Wilson intervals), look-alikes
flagged, the weakest category; then the mean over folds and the worst fold."""
import json
import math
import os
import sys


def wilson(n, d, z=1.96):
    if not d:
        return float("nan"), float("nan")
    p = n / d
    den = 1 + z * z / d
    mid = (p + z * z / (2 * d)) / den
    half = z * math.sqrt(p * (1 - p) / d + z * z / (4 * d * d)) / den
    return 100 * max(0.0, mid - half), 100 * min(1.0, mid + half)


def rate(n, d):
    lo, hi = wilson(n, d)
    return f"{n}/{d} ({100 * n / d:.1f}%, {lo:.1f}-{hi:.1f})"


def main(paths):
    rows = []
    print("| held-out style | harmful caught (95% CI) | benign flagged (95% CI) | look-alikes flagged | weakest category |")
    print("|---|---|---|---|---|")
    for p in paths:
        r = json.load(open(p))
        h = r["held_out"]
        style = os.path.basename(os.path.dirname(p)).removeprefix("loso-")
        cats = {k: v["recall"] for k, v in r["policies"].items() if v["recall"][1]}
        weakest = min(cats, key=lambda k: cats[k][0] / cats[k][1])
        rows.append((style, h["caught"] / h["harmful"], h["flagged"] / h["benign"]))
        print(f"| {style} | {rate(h['caught'], h['harmful'])} | {rate(h['flagged'], h['benign'])} | "
              f"{len(h['hardFlagged'])}/{h['hard']} | {weakest} {cats[weakest][0]}/{cats[weakest][1]} |")
    if rows:
        mc = sum(r[1] for r in rows) / len(rows)
        mf = sum(r[2] for r in rows) / len(rows)
        worst = min(rows, key=lambda r: r[1])
        print(f"| **mean of {len(rows)} folds** | {100 * mc:.1f}% | {100 * mf:.1f}% | | |")
        print(f"| worst fold ({worst[0]}) | {100 * worst[1]:.1f}% | {100 * worst[2]:.1f}% | | |")


if __name__ == "__main__":
    main(sys.argv[1:])
