"""Prints the model card's evaluation tables (label retrieval, moderation categories) from the
report evaluate.py writes:  /usr/bin/python3 training/card_tables.py training/runs/<run>/eval.json"""
import json
import sys


def retrieval_rows(title, r, groups=True):
    rows = []
    for key, v in r.items():
        key = key.strip()
        if key.startswith("group") and not groups:
            continue
        rows.append(f"| {title}: {key} | {v['n']} | {v['top1']:.3f} | {v['top5']:.3f} |")
    return rows


def main():
    rep = json.load(open(sys.argv[1]))
    print("| subset | n | top-1 | top-5 |\n|---|---:|---:|---:|")
    print("\n".join(retrieval_rows("Twemoji (held out)", rep["twemoji_heldout"])))
    print("\n".join(retrieval_rows("Noto (a training style, for comparison)", rep["noto_seen_style"], groups=False)))
    print()
    print("| style | images | top-1 | top-5 |\n|---|---:|---:|---:|")
    for style, v in rep.get("per_style", {}).items():
        print(f"| {style} | {v['n']} | {v['top1']:.3f} | {v['top5']:.3f} |")
    print()
    print("| category | members (Twemoji images) | prompts (averaged) | AUC vs all other emoji | AUC vs hard negatives | member min / mean | hardest negative (score) | other emoji p99 | recall at 1% FPR |")
    print("|---|---:|---|---:|---:|---|---|---:|---:|")
    for name, c in rep["categories_twemoji"].items():
        print(f"| {name} | {c['n_members']} | {'; '.join(c['prompts'])} | {c['auc_vs_all']:.3f} | {c['auc_vs_hard_negatives']:.3f} | "
              f"{c['member_min']:.3f} / {c['member_mean']:.3f} | {c['hardest_negative']} ({c['hard_negative_max']:.3f}) | {c['others_p99']:.3f} | {c['recall_at_1pct_fpr']:.3f} |")


if __name__ == "__main__":
    main()
