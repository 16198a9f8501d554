#!/usr/bin/env bash
# Reproduces the shipped models/emoji-clip-demo from scratch (run from anywhere):
#   bash training/train.sh            # data (if missing) -> two training stages, each: train -> export -> evaluate -> tune
# Uses Debian's /usr/bin/python3 (torch 1.13, numpy) and the repo's node_modules (sharp, ts-node).
# A GPU is used when torch sees one. A stopped run resumes from $RUN/train-state.pt (saved every 250
# steps): run the same command again (a finished stage is not trained again).
#
# With no settings it runs the shipped model's recipe (issue 20, protocol 3's run; see the model card):
# the wide architecture and the base augmentation, Firefox OS, Twemoji and Fluent flat held out, in
# two stages of about 95 and 100 minutes of one core each (each stage exports, evaluates and tunes):
#   1. RUN=training/runs/stage1 ARCH=wide AUG=base HOLD_OUT=fxemoji,fluent-3d WARMUP=300 STEPS=10000 LR=2e-3 \
#        MAX_MINUTES=95 MAX_BENIGN=0.015 EXPORT=training/runs/stage1/model bash training/train.sh
#   2. RUN=training/runs/emoji-clip-demo ARCH=wide AUG=base HOLD_OUT=fxemoji INIT_FROM=training/runs/stage1/model.pt \
#        LR=1e-3 WARMUP=300 STEPS=10000 MAX_MINUTES=100 MAX_BENIGN=0.015 bash training/train.sh
# MAX_BENIGN is the thresholds' benign budget on Fluent flat: 1.5% since protocol 9 (the shipped model was
# trained and first tuned with 0.025; the budget does not change the weights).
# The shipped weights are protocol 3's run (training/runs/p3), whose first stage was run p2. Setting
# RUN runs one stage with the settings below (their defaults are stage 2's, less INIT_FROM).
# Other recipes, for the record (see the model card):
#   the first shipped model:  ARCH=small AUG=legacy HOLD_OUT=openmoji-black,noto-v1,fxemoji,streamline-emojis,fluent-3d \
#     WARMUP=50 STEPS=6000 MAX_MINUTES=55 MAX_BENIGN=0.04 LR=2e-3
#   issue 20's first wide candidate: ARCH=wide AUG=all HOLD_OUT=fluent-3d WARMUP=300 STEPS=6500 MAX_MINUTES=88 \
#     MAX_BENIGN=0.025 LR=2e-3
#   protocol 4's third stage (not shipped: Twemoji 33/35 at 3.6% benign): stage 2's settings with
#     INIT_FROM=<stage 2>/model.pt LR=5e-4 (and AUG=base,outline for its ablation)
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
if [ -z "${RUN:-}" ]; then
  RUN=training/runs/stage1 HOLD_OUT=fxemoji,fluent-3d MAX_MINUTES=95 LR=2e-3 EXPORT=training/runs/stage1/model \
    bash training/train.sh
  RUN=training/runs/emoji-clip-demo INIT_FROM=training/runs/stage1/model.pt bash training/train.sh
  exit
fi
ARCH=${ARCH:-wide}
AUG=${AUG:-base}
HOLD_OUT=${HOLD_OUT-fxemoji}
WARMUP=${WARMUP:-300}
STEPS=${STEPS:-10000}
BATCH=${BATCH:-128}
SEED=${SEED:-0}
MAX_MINUTES=${MAX_MINUTES:-100}  # wall-clock cap for train.py (see its --max-minutes)
MAX_BENIGN=${MAX_BENIGN:-0.015}
LR=${LR:-1e-3}
THREADS=${THREADS:-1}  # torch threads (train.py --threads): 2 measured 1.5-2x faster per step on the 2026-12-08 machine, slower on earlier ones (model card)
INIT_FROM=${INIT_FROM:-}  # a second stage: another run's model.pt to start from (train.py --init-from)
EXPORT=${EXPORT:-models/emoji-clip-demo}

[ -d training/node_modules/emojibase-data ] || npm install --prefix training --ignore-scripts --no-audit --no-fund
[ -f training/data/images.f32 ] || npx ts-node --transpile-only training/prepare-data.ts

mkdir -p "$RUN"
start=$(date +%s)
$PY training/train.py --arch "$ARCH" --aug "$AUG" --hold-out "$HOLD_OUT" --warmup "$WARMUP" --steps "$STEPS" \
  --batch "$BATCH" --seed "$SEED" --lr "$LR" --max-minutes "$MAX_MINUTES" --threads "$THREADS" ${INIT_FROM:+--init-from "$INIT_FROM"} \
  --resume --out "$RUN"
echo "training wall time: $(( $(date +%s) - start )) s"
$PY training/export.py --checkpoint "$RUN/model.pt" --out "$EXPORT"
$PY training/evaluate.py --checkpoint "$RUN/model.pt" --report "$RUN/eval.json"
# The policies' thresholds for the model, chosen on Twemoji (never trained on) and reported on Firefox OS
# (the model card's protocol 14; add --write to put them into policies/default.yaml):
npx ts-node --transpile-only training/tune-policies.ts --model "$EXPORT" --tune-on twemoji --max-benign "$MAX_BENIGN" --report-on fxemoji --not-trained "fluent-flat,$HOLD_OUT" --json "$RUN/tune.json"
