#!/usr/bin/env bash
# Leave-one-style-out folds (the model card's protocol): for each style below, train without it (and,
# as always, without Twemoji and Fluent flat), then report on it with thresholds tuned on Fluent flat.
#   bash training/loso.sh                 # FOLDS, STEPS, MAX_MINUTES may be set in the environment
# A fold is a shorter run than the shipped one (its budget is in the model card); folds are resumable.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=/usr/bin/python3
FOLDS=${FOLDS:-"noto openmoji fluent-modern noto-v1"}
STEPS=${STEPS:-1500}
ARCH=${ARCH:-wide}
AUG=${AUG:-all}
MAX_MINUTES=${MAX_MINUTES:-19}
for style in $FOLDS; do
  run=training/runs/loso-$style
  mkdir -p "$run"
  [ -f "$run/done" ] || {
    $PY training/train.py --arch "$ARCH" --aug "$AUG" --warmup 300 --steps "$STEPS" --max-minutes "$MAX_MINUTES" --hold-out "$style" --resume --out "$run"
    touch "$run/done"
  }
  $PY training/export.py --checkpoint "$run/model.pt" --out "$run/model"
  npx ts-node --transpile-only training/tune-policies.ts --model "$run/model" --report-on "$style" \
    --tune-on fluent-flat --max-benign 0.025 --json "$run/tune.json" > "$run/tune.txt"
done
$PY training/loso_table.py $(for s in $FOLDS; do echo training/runs/loso-$s/tune.json; done)
