#!/usr/bin/env bash
# Seed 002's question, answered once: do networks trained on perception and on decision, of one size (128
# units), share their dynamics? Trains 5 networks per task (seeds 1-5 and 101-105, so no two networks start
# from the same weights), then compares all 10 with DSA and with Procrustes, trained and, as the null,
# untrained. The test is fixed in README.md. Running it again continues where it stopped.
# usage: bash experiments/similarity/run.sh [OUT]   (default OUT: checkpoints/similarity)
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-checkpoints/similarity}

train() {   # name config
  if [ -f "$out/$1/run.json" ]; then ./rnnlab resume "$out/$1" --quiet
  else ./rnnlab train "$2" --seeds 5 --out "$out/$1" --quiet; fi
}
train perception experiments/perception.json
train decision experiments/similarity/decision128.json

for snapshot in final init; do
  for metric in dsa procrustes; do
    ./rnnlab similarity "$out/perception" "$out/decision" --metric "$metric" --snapshot "$snapshot" --out "$out/$metric-$snapshot"
  done
done
