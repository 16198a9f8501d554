"""Trains emoji-clip-demo on the data written by prepare-data.ts (Twemoji and Fluent flat held out).

    /usr/bin/python3 training/train.py --steps 3000 --out training/runs/<name>

Loss: CLIP's symmetric cross-entropy with multi-positive soft targets. A caption is a positive for
every image whose concept it describes (skin tones share their base concept; "a face" describes
hundreds of emojis), so batch duplicates are not pushed apart as false negatives. Plus an
image-side classification against a no-grad bank of all label-prompt embeddings (see below).
"""
import argparse
import json
import math
import os
import random
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F

from augment import augment, parse_aug
from data import EmojiData
from model import CONFIGS, EOT_ID, EmojiClip, count_params

# How often each kind of caption is drawn; moderation concepts also get their category captions.
KIND_P = {"label": 0.6, "tag": 0.25, "category": 0.15}
MODERATION_WEIGHT = 4.0  # oversampling of harmful concepts and their hard negatives


def sample_weights(data, train):
    per_concept = {}
    for i in train:
        per_concept[data.items[i]["concept"]] = per_concept.get(data.items[i]["concept"], 0) + 1
    w = []
    for i in train:
        k = data.items[i]["concept"]
        c = data.concepts[k]
        boost = MODERATION_WEIGHT if (c["category"] or c["hard_negative"]) else 1.0
        # 1/sqrt(n): concepts with 25 skin-tone combinations are not seen 25x as often as others.
        w.append(boost / math.sqrt(per_concept[k]))
    return torch.tensor(w, dtype=torch.double)


def pick_caption(data, concept, rng):
    kinds = data.by_kind[concept]
    avail = [k for k in KIND_P if k in kinds]
    kind = rng.choices(avail, weights=[KIND_P[k] for k in avail])[0]
    return rng.choice(kinds[kind])


def param_groups(model, wd):
    decay, no_decay = [], []
    for n, p in model.named_parameters():
        (no_decay if p.ndim < 2 or "embedding" in n or n == "logit_scale" else decay).append(p)
    return [{"params": decay, "weight_decay": wd}, {"params": no_decay, "weight_decay": 0.0}]


def contrastive_loss(img, txt, scale, pos):
    img = F.normalize(img, dim=-1)
    txt = F.normalize(txt, dim=-1)
    logits = scale * img @ txt.t()
    t_i = pos / pos.sum(1, keepdim=True)
    t_t = pos.t() / pos.t().sum(1, keepdim=True)
    li = -(t_i * logits.log_softmax(1)).sum(1).mean()
    lt = -(t_t * logits.t().log_softmax(1)).sum(1).mean()
    return (li + lt) / 2


@torch.no_grad()
def label_bank(model, ids, chunk=512):
    length = int(((ids == EOT_ID).long().argmax(1)).max()) + 1
    return F.normalize(torch.cat([model.text(ids[i:i + chunk, :length]) for i in range(0, len(ids), chunk)]), dim=-1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=2400)
    ap.add_argument("--batch", type=int, default=128)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--wd", type=float, default=0.05)
    ap.add_argument("--warmup", type=int, default=50,
                    help="linear warm-up steps (50: the shipped model; the wide one used 300, since much "
                         "shorter warm-ups have collapsed larger models to chance)")
    ap.add_argument("--arch", default="small", choices=sorted(CONFIGS), help="model.py CONFIGS (small: the shipped model)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--bank-weight", type=float, default=0.5)
    ap.add_argument("--bank-every", type=int, default=20)
    ap.add_argument("--max-minutes", type=float, default=22.0,
                    help="wall-clock cap: the cosine schedule follows max(step, time) progress so a slow "
                         "(shared) CPU still ends with a fully annealed model inside the budget")
    ap.add_argument("--threads", type=int, default=1,
                    help="1 by default: on two cores shared with other work, 2 OpenMP threads measured ~5x "
                         "slower per step (each parallel region waits for the descheduled thread)")
    ap.add_argument("--aug", default="legacy",
                    help='augmentations (augment.py): "legacy" (the shipped model\'s), "all", "base" (the original '
                         'three at wider ranges), or a list such as "base,gray,jpeg=0.3" or "all,-lineart"')
    ap.add_argument("--hold-out", default="",
                    help="comma list of further styles kept out of training (leave-one-style-out folds)")
    ap.add_argument("--resume", action="store_true",
                    help="continue from OUT/train-state.pt (written every 250 steps) where a run was stopped")
    ap.add_argument("--init-from", default="",
                    help="a second stage: start from another run's model.pt (same --arch and vocabulary) with a "
                         "fresh optimiser, warm-up and schedule; ignored when --resume finds a saved state")
    ap.add_argument("--out", required=True)
    args = ap.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    # A GPU when there is one (same recipe, same seed; results differ in the last digits).
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    aug_p = parse_aug(args.aug)

    data = EmojiData()
    hold_out = [s for s in args.hold_out.split(",") if s]
    train, test = data.split(hold_out)
    styles = sorted({data.items[i]["style"] for i in train})
    print(f"train images {len(train)} ({', '.join(styles)}), held-out twemoji {len(test)}, "
          f"concepts {len(data.concept_ids)}, captions {len(data.caption_texts)}, aug {aug_p}, device {device}",
          flush=True)
    images = torch.from_numpy(np.ascontiguousarray(data.images[train]))  # ~1.3 GB, RAM is plenty
    concept_of = torch.tensor([data.item_concept(i) for i in train])
    no_flip = torch.tensor([data.items[i]["group"] in (8, 9) for i in train])  # symbols, flags: text/shape
    weights = sample_weights(data, train)

    model = EmojiClip(data.vocab_ids(), dict(CONFIGS[args.arch])).to(device)
    model.visual.to(memory_format=torch.channels_last)  # ~2x faster convolutions on this CPU
    print(f"params vision {count_params(model.visual)}, text {count_params(model.text)}", flush=True)
    opt = torch.optim.AdamW(param_groups(model, args.wd), lr=args.lr, betas=(0.9, 0.98), eps=1e-6)

    eval_ids = data.eval_prompt_ids().to(device)
    caption_ids = data.caption_ids.to(device)
    bank = None
    first, seen, spent = 1, 0, 0.0
    state_path = os.path.join(args.out, "train-state.pt")
    if args.resume and os.path.exists(state_path):
        st = torch.load(state_path)
        model.load_state_dict(st["model"])
        opt.load_state_dict(st["opt"])
        torch.set_rng_state(st["torch_rng"])
        rng.setstate(st["py_rng"])
        first, seen, spent = st["step"] + 1, st["seen"], st["seconds"]
        print(f"resumed at step {first} after {spent / 60:.1f} min", flush=True)
    if args.init_from and first == 1:
        init = torch.load(args.init_from, map_location="cpu")
        if init["cfg"] != model.cfg or init["vocab_ids"] != data.vocab_ids():
            sys.exit(f"--init-from {args.init_from}: another architecture or vocabulary than this run's")
        model.load_state_dict(init["state_dict"])  # copies into the channels-last parameters, keeping their layout
        print(f"initialised from {args.init_from} (its step {init['step']}, {init['train_seconds'] / 60:.0f} min)", flush=True)
    t0 = time.time() - spent  # the wall-clock budget counts the time spent before a resume
    log = open(os.path.join(args.out, "log.jsonl"), "a" if first > 1 else "w")
    step = first - 1
    for step in range(first, args.steps + 1):
        progress = max(step / args.steps, (time.time() - t0) / (60 * args.max_minutes))
        if progress >= 1.0 and step < args.steps:
            print(f"time budget reached at step {step}", flush=True)
            step -= 1  # the last step trained
            break
        lr = args.lr * min(1.0, step / args.warmup) * 0.5 * (1 + math.cos(math.pi * min(progress, 1.0)))
        for g in opt.param_groups:
            g["lr"] = lr

        idx = torch.multinomial(weights, args.batch, replacement=False, generator=None)
        concepts = concept_of[idx]
        caps = torch.tensor([pick_caption(data, int(c), rng) for c in concepts])
        pos = data.incidence[concepts][:, caps].float().to(device)
        ids = caption_ids[caps.to(device)]
        # Positions after the first <|endoftext|> cannot influence the pooled output (causal mask).
        length = int(((ids == EOT_ID).long().argmax(1)).max()) + 1
        x = augment(images[idx], no_flip[idx], aug_p).to(device).contiguous(memory_format=torch.channels_last)
        concepts = concepts.to(device)

        if bank is None or step % args.bank_every == 0:
            bank = label_bank(model, eval_ids)
        model.train()
        img = model.visual(x)
        txt = model.text(ids[:, :length])
        scale = model.logit_scale.clamp(max=math.log(100)).exp()
        loss = contrastive_loss(img, txt, scale, pos)
        # In-batch contrast sees only ~128 of 1914 concepts per step, a weak signal on a tiny compute
        # budget. Also classifying every image against all concept label prompts (embedded without
        # gradient, refreshed every few steps, like a MoCo memory bank) gives each image the full
        # 1914-way signal at almost no cost.
        if args.bank_weight > 0:
            loss = loss + args.bank_weight * F.cross_entropy(scale * F.normalize(img, dim=-1) @ bank.t(), concepts)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        with torch.no_grad():
            model.logit_scale.clamp_(max=math.log(100))
        seen += args.batch

        if step % 25 == 0 or step == 1:
            el = time.time() - t0
            rec = {"step": step, "loss": round(loss.item(), 4), "lr": round(lr, 6), "scale": round(scale.item(), 2),
                   "elapsed_s": round(el, 1), "img_per_s": round(seen / el, 1)}
            log.write(json.dumps(rec) + "\n")
            log.flush()
            print(" ".join(f"{k}={v}" for k, v in rec.items()), flush=True)
        if step % 250 == 0:
            save(model, data, args, os.path.join(args.out, "model.pt"), step, time.time() - t0)
            save_state(model, opt, rng, step, seen, time.time() - t0, state_path)
    save(model, data, args, os.path.join(args.out, "model.pt"), step, time.time() - t0)
    # The final state too: run again, a finished run stops at once instead of going back to its last
    # 250-step state and overwriting model.pt with it.
    if step >= first:
        save_state(model, opt, rng, step, seen, time.time() - t0, state_path)
    print(f"done: {step} steps in {(time.time() - t0) / 60:.1f} min", flush=True)


def save_state(model, opt, rng, step, seen, seconds, path):
    torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "step": step, "seen": seen,
                "seconds": seconds, "torch_rng": torch.get_rng_state(), "py_rng": rng.getstate()}, path + ".tmp")
    os.replace(path + ".tmp", path)


def save(model, data, args, path, step, seconds):
    model.visual.to(memory_format=torch.contiguous_format)
    state = {k: v.cpu() for k, v in model.state_dict().items()}
    torch.save({"state_dict": state, "cfg": model.cfg, "vocab_ids": data.vocab_ids(),
                "step": step, "train_seconds": round(seconds), "args": vars(args),
                "note": f"Demo model trained on emoji art only ({step} steps, {seconds / 60:.0f} min on 2 CPU cores). "
                        "Knows emoji concepts, not photographs; do not use for real moderation."}, path)
    model.visual.to(memory_format=torch.channels_last)


if __name__ == "__main__":
    main()
