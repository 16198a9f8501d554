#!/usr/bin/env bash
# Reproduces the shipped models/emoji-clip-demo from scratch (run from anywhere):
#   bash training/train.sh            # data (if missing) -> train -> export -> evaluate -> tune policies
# Uses Debian's /usr/bin/python3 (torch 1.13, numpy) and the repo's node_modules (sharp, ts-node).
# A GPU is used when torch sees one. A stopped run resumes from $RUN/train-state.pt (saved every 250
# steps): run the same command again.
#
# The defaults are the shipped model's recipe: the small architecture, its augmentation, the four
# styles it was trained on (the newer training styles held out), 6,000 steps or 55 minutes, thresholds
# chosen on Fluent flat at 4% benign. Issue 20's wide candidate (not shipped; see the model card) was:
#   RUN=training/runs/wide ARCH=wide AUG=all HOLD_OUT=fluent-3d WARMUP=300 STEPS=6500 MAX_MINUTES=88 \
#     MAX_BENIGN=0.025 EXPORT=training/runs/wide/model bash training/train.sh
# Protocol 2's run (measured, not shipped: Twemoji 31/35 at 3.4% benign; see the model card) was:
#   RUN=training/runs/p2 ARCH=wide AUG=base HOLD_OUT=fxemoji,fluent-3d WARMUP=300 STEPS=10000 MAX_MINUTES=95 \
#     MAX_BENIGN=0.025 EXPORT=training/runs/p2/model bash training/train.sh
# Protocol 3's run (measured, not shipped: Twemoji 33/35 at 3.02% benign, one image over 3%), a second
# stage from protocol 2's run:
#   RUN=training/runs/p3 ARCH=wide AUG=base HOLD_OUT=fxemoji INIT_FROM=training/runs/p2/model.pt LR=1e-3 \
#     WARMUP=300 STEPS=10000 MAX_MINUTES=100 MAX_BENIGN=0.025 EXPORT=training/runs/p3/model bash training/train.sh
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
RUN=${RUN:-training/runs/emoji-clip-demo}
ARCH=${ARCH:-small}
AUG=${AUG:-legacy}
HOLD_OUT=${HOLD_OUT-openmoji-black,noto-v1,fxemoji,streamline-emojis,fluent-3d}
WARMUP=${WARMUP:-50}
STEPS=${STEPS:-6000}
BATCH=${BATCH:-128}
SEED=${SEED:-0}
MAX_MINUTES=${MAX_MINUTES:-55}  # wall-clock cap for train.py (see its --max-minutes)
MAX_BENIGN=${MAX_BENIGN:-0.04}
LR=${LR:-2e-3}
INIT_FROM=${INIT_FROM:-}  # a second stage: another run's model.pt to start from (train.py --init-from)
EXPORT=${EXPORT:-models/emoji-clip-demo}

[ -d training/node_modules/emojibase-data ] || npm install --prefix training --ignore-scripts --no-audit --no-fund
[ -f training/data/images.f32 ] || npx ts-node --transpile-only training/prepare-data.ts

mkdir -p "$RUN"
start=$(date +%s)
$PY training/train.py --arch "$ARCH" --aug "$AUG" --hold-out "$HOLD_OUT" --warmup "$WARMUP" --steps "$STEPS" \
  --batch "$BATCH" --seed "$SEED" --lr "$LR" --max-minutes "$MAX_MINUTES" ${INIT_FROM:+--init-from "$INIT_FROM"} \
  --resume --out "$RUN"
echo "training wall time: $(( $(date +%s) - start )) s"
$PY training/export.py --checkpoint "$RUN/model.pt" --out "$EXPORT"
$PY training/evaluate.py --checkpoint "$RUN/model.pt" --report "$RUN/eval.json"
# The policies' thresholds for the model, chosen on the held-out tuning style (see the model card;
# add --write to put them into policies/default.yaml):
npx ts-node --transpile-only training/tune-policies.ts --model "$EXPORT" --tune-on fluent-flat --max-benign "$MAX_BENIGN" --json "$RUN/tune.json"
