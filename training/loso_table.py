"""The model card's leave-style-out table from the folds' tune-policies reports:
    /usr/bin/python3 training/loso_table.py training/runs/loso/{twemoji,fxemoji,fluent-flat,fluent-3d}.json
(training/loso.sh writes them and prints the table; reports from before protocol 6 were loso-<style>/tune.json).
Each fold: the style reported on and the style its thresholds were tuned on, harmful caught and benign
flagged on the reported style (95% Wilson intervals), look-alikes flagged, the weakest category; then
the mean over folds, the worst fold, and each category summed over the folds."""
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
    per_category = {}
    print("| reported on | tuned on | harmful caught (95% CI) | benign flagged (95% CI) | look-alikes flagged | weakest category |")
    print("|---|---|---|---|---|---|")
    for p in paths:
        r = json.load(open(p))
        h = r["held_out"]
        # Reports written before tune-policies named its styles: the fold's folder is loso-<style>.
        style = r.get("report_style") or os.path.basename(os.path.dirname(p)).removeprefix("loso-")
        tuned = r.get("tune_style", "fluent-flat")
        cats = {k: v["recall"] for k, v in r["policies"].items() if v["recall"][1]}
        for k, (n, d) in cats.items():
            tot = per_category.setdefault(k, [0, 0])
            tot[0] += n
            tot[1] += d
        weakest = min(cats, key=lambda k: cats[k][0] / cats[k][1])
        rows.append((style, h["caught"] / h["harmful"], h["flagged"] / h["benign"]))
        print(f"| {style} | {tuned} | {rate(h['caught'], h['harmful'])} | {rate(h['flagged'], h['benign'])} | "
              f"{len(h['hardFlagged'])}/{h['hard']} | {weakest} {cats[weakest][0]}/{cats[weakest][1]} |")
    if rows:
        mc = sum(r[1] for r in rows) / len(rows)
        mf = sum(r[2] for r in rows) / len(rows)
        worst = min(rows, key=lambda r: r[1])
        print(f"| **mean of {len(rows)} folds** | | {100 * mc:.1f}% | {100 * mf:.1f}% | | |")
        print(f"| worst fold ({worst[0]}) | | {100 * worst[1]:.1f}% | {100 * worst[2]:.1f}% | | |")
        print()
        print("| category, summed over the folds | caught (95% CI) |")
        print("|---|---|")
        for k, (n, d) in sorted(per_category.items()):
            print(f"| {k} | {rate(n, d)} |")


if __name__ == "__main__":
    main(sys.argv[1:])
