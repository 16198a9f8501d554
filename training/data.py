"""Loads what training/prepare-data.ts wrote: the memory-mapped image tensors, one metadata line per
image and the tokenised captions per concept."""
import json
import os

import numpy as np
import torch

from model import EOT_ID

DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
EVAL_STYLE = "twemoji"  # held out of training entirely
# Also held out of training: a style to tune policy thresholds on (training/tune-policies.ts --tune-on
# fluent-flat), unseen like Twemoji. The shipped model is trained this way; VAL_STYLE= (empty) trains on
# every other style too, as the model before it did (the model card compares them).
VAL_STYLE = os.environ.get("VAL_STYLE", "fluent-flat")


def pad(ids, length):
    if len(ids) > length:
        raise ValueError(f"caption longer than {length} tokens")
    return ids + [EOT_ID] * (length - len(ids))  # CLIP pads with <|endoftext|>


class EmojiData:
    def __init__(self, root=DATA):
        with open(os.path.join(root, "prompts.json")) as f:
            self.prompts = json.load(f)
        self.context = self.prompts["max_length"]
        c, h, w = self.prompts["shape"]
        with open(os.path.join(root, "items.jsonl")) as f:
            self.items = [json.loads(line) for line in f if line.strip()]
        self.images = np.memmap(os.path.join(root, "images.f32"), dtype=np.float32, mode="r",
                                shape=(len(self.items), c, h, w))
        with open(os.path.join(root, "concepts.json")) as f:
            self.concepts = json.load(f)
        self.concept_ids = sorted(self.concepts)
        self.concept_index = {k: i for i, k in enumerate(self.concept_ids)}

        # One global table of distinct captions; the concept x caption incidence matrix says which
        # captions describe which concept ("a face" describes hundreds), so that in the loss every
        # matching pair in a batch is a positive rather than a false negative.
        texts, ids, kinds, index = [], [], [], {}
        pairs = []
        for ci, k in enumerate(self.concept_ids):
            for cap in self.concepts[k]["captions"]:
                t = cap["text"]
                if t not in index:
                    index[t] = len(texts)
                    texts.append(t)
                    ids.append(pad(cap["ids"], self.context))
                    kinds.append(cap["kind"])
                pairs.append((ci, index[t]))
        self.caption_texts = texts
        self.caption_ids = torch.tensor(ids, dtype=torch.long)
        self.caption_kinds = kinds
        self.incidence = torch.zeros(len(self.concept_ids), len(texts), dtype=torch.bool)
        ci, ti = zip(*pairs)
        self.incidence[list(ci), list(ti)] = True
        # Captions of each concept grouped by kind, for sampling.
        self.by_kind = []
        for k in self.concept_ids:
            d = {}
            for cap in self.concepts[k]["captions"]:
                d.setdefault(cap["kind"], []).append(index[cap["text"]])
            self.by_kind.append(d)

    def item_concept(self, i):
        return self.concept_index[self.items[i]["concept"]]

    def split(self, hold_out=()):
        ok = [it for it in self.items if it["ok"]]
        out = {EVAL_STYLE, VAL_STYLE, *hold_out}
        unknown = set(hold_out) - {it["style"] for it in ok}
        if unknown:
            raise ValueError(f"no images of style(s) {sorted(unknown)}")
        train = [it["index"] for it in ok if it["style"] not in out]
        test = [it["index"] for it in ok if it["style"] == EVAL_STYLE]
        return train, test

    def vocab_ids(self):
        """Every CLIP token id the model will be trained or evaluated on."""
        seen = {49406, EOT_ID}
        for k in self.concept_ids:
            c = self.concepts[k]
            for cap in c["captions"] + [c["eval_prompt"]]:
                seen.update(cap["ids"])
        for cat in self.prompts["categories"].values():
            for p in cat["prompts"]:
                seen.update(p["ids"])
        return sorted(seen)

    def eval_prompt_ids(self):
        return torch.tensor([pad(self.concepts[k]["eval_prompt"]["ids"], self.context) for k in self.concept_ids])
