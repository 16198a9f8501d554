"""Evaluates emoji-clip-demo on the held-out Twemoji style (never seen in training).

    /usr/bin/python3 training/evaluate.py --checkpoint training/runs/<run>/model.pt [--report eval.json]

1. Label retrieval over all concepts with the prompt "an emoji of {label}": top-1 / top-5.
2. Moderation categories: cosine between each image and the category's prompt ensemble; how well
   members separate from every other emoji and from the hand-picked hard negatives (ROC AUC), the
   score ranges, and the recall at a threshold that flags at most 1% of non-member emoji.
"""
import argparse
import json

import numpy as np
import torch
import torch.nn.functional as F

from data import EmojiData, pad
from model import EmojiClip

GROUPS = ["smileys-emotion", "people-body", "component", "animals-nature", "food-drink", "travel-places",
          "activities", "objects", "symbols", "flags"]


@torch.no_grad()
def embed_images(model, images, idx, bs=256):
    out = [model.visual(torch.from_numpy(np.ascontiguousarray(images[idx[i:i + bs]]))) for i in range(0, len(idx), bs)]
    return F.normalize(torch.cat(out), dim=-1)


@torch.no_grad()
def embed_texts(model, ids):
    return F.normalize(model.text(ids), dim=-1)


def auc(pos, neg):
    """Probability that a random member scores above a random non-member (ties count half)."""
    pos, neg = np.asarray(pos)[:, None], np.asarray(neg)[None, :]
    return float(((pos > neg).sum() + 0.5 * (pos == neg).sum()) / (pos.size * neg.size))


def retrieval(data, model, style, text):
    idx = [it["index"] for it in data.items if it["ok"] and it["style"] == style]
    img = embed_images(model, data.images, idx)
    truth = torch.tensor([data.item_concept(i) for i in idx])
    rank = (img @ text.t()).argsort(dim=1, descending=True)
    top1 = rank[:, 0] == truth
    top5 = (rank[:, :5] == truth[:, None]).any(1)
    base = torch.tensor([data.items[i]["hexcode"] == data.items[i]["concept"] for i in idx])
    rows = {"all images": (top1, top5, torch.ones_like(base)), "base emoji (no skin tones)": (top1, top5, base)}
    for g, name in enumerate(GROUPS):
        sel = torch.tensor([data.items[i]["group"] == g for i in idx])
        if sel.any():
            rows[f"  group {name}"] = (top1, top5, sel)
    table = {k: {"n": int(m.sum()), "top1": round(float(t1[m].float().mean()), 4),
                 "top5": round(float(t5[m].float().mean()), 4)} for k, (t1, t5, m) in rows.items()}
    return idx, img, table


def categories(data, model, idx, img):
    concept = [data.items[i]["concept"] for i in idx]
    hard = np.array([data.concepts[c]["hard_negative"] for c in concept])
    out = {}
    for name, cat in data.prompts["categories"].items():
        ids = torch.tensor([pad(p["ids"], data.context) for p in cat["prompts"]])
        t = F.normalize(embed_texts(model, ids).mean(0), dim=-1)
        s = (img @ t).numpy()
        member = np.array([c in cat["members"] for c in concept])
        others = s[~member]
        thr = float(np.quantile(others, 0.99))
        worst = int(np.argmax(np.where(hard & ~member, s, -9)))
        out[name] = {
            "prompts": [p["text"] for p in cat["prompts"]],
            "n_members": int(member.sum()),
            "auc_vs_all": round(auc(s[member], others), 4),
            "auc_vs_hard_negatives": round(auc(s[member], s[hard & ~member]), 4),
            "member_min": round(float(s[member].min()), 3), "member_mean": round(float(s[member].mean()), 3),
            "hard_negative_max": round(float(s[worst]), 3), "hardest_negative": data.items[idx[worst]]["label"],
            "others_mean": round(float(others.mean()), 3), "others_p99": round(thr, 3),
            "recall_at_1pct_fpr": round(float((s[member] > thr).mean()), 4),
        }
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--checkpoint", required=True)
    ap.add_argument("--report")
    args = ap.parse_args()
    torch.set_num_threads(1)  # see train.py --threads: faster on the shared CPU
    data = EmojiData()
    ck = torch.load(args.checkpoint, map_location="cpu")
    model = EmojiClip(ck["vocab_ids"], ck["cfg"])
    model.load_state_dict(ck["state_dict"])
    model.eval()

    text = embed_texts(model, data.eval_prompt_ids())
    report = {"checkpoint": args.checkpoint, "step": ck.get("step"), "train_seconds": ck.get("train_seconds"),
              "concepts": len(data.concept_ids), "prompt": "an emoji of {label}"}
    idx, img, report["twemoji_heldout"] = retrieval(data, model, "twemoji", text)
    _, _, report["noto_seen_style"] = retrieval(data, model, "noto", text)
    report["categories_twemoji"] = categories(data, model, idx, img)
    # Every style, all images: the unseen ones (Twemoji, Fluent flat) beside the trained ones.
    report["per_style"] = {}
    for style in sorted({it["style"] for it in data.items if it["ok"]}):
        report["per_style"][style] = retrieval(data, model, style, text)[2]["all images"]

    print(f"\nLabel retrieval over {len(data.concept_ids)} concepts, prompt \"an emoji of {{label}}\"")
    print(f"{'subset':34s} {'n':>5s} {'top-1':>7s} {'top-5':>7s}")
    for title, key in [("Twemoji (held out)", "twemoji_heldout"), ("Noto (style seen in training)", "noto_seen_style")]:
        print(f"-- {title}")
        for k, r in report[key].items():
            print(f"{k:34s} {r['n']:5d} {r['top1']:7.3f} {r['top5']:7.3f}")
    print(f"\n{'style':20s} {'n':>5s} {'top-1':>7s} {'top-5':>7s}")
    for style, r in report["per_style"].items():
        print(f"{style:20s} {r['n']:5d} {r['top1']:7.3f} {r['top5']:7.3f}")
    print("\nModeration categories on Twemoji (cosine to the prompt-ensemble embedding)")
    print(f"{'category':18s} {'n':>3s} {'AUC all':>8s} {'AUC hard':>8s} {'mem min':>8s} {'mem mean':>8s} "
          f"{'hard max':>8s} {'oth p99':>8s} {'rec@1%':>7s}  hardest negative")
    for k, r in report["categories_twemoji"].items():
        print(f"{k:18s} {r['n_members']:3d} {r['auc_vs_all']:8.3f} {r['auc_vs_hard_negatives']:8.3f} "
              f"{r['member_min']:8.3f} {r['member_mean']:8.3f} {r['hard_negative_max']:8.3f} "
              f"{r['others_p99']:8.3f} {r['recall_at_1pct_fpr']:7.3f}  {r['hardest_negative']}")
    if args.report:
        with open(args.report, "w") as f:
            json.dump(report, f, indent=1)


if __name__ == "__main__":
    main()
