#!/usr/bin/env bash
# Trains every shipped config (experiments/*.json) for a short run, two networks trained separately and
# the same two as an ensemble, and prints the SHA-256 of each network's final weights. A refactoring that
# must not change behaviour leaves every line as it was; save the output before and diff it after:
#
#   bench/weight-hashes.sh > before.txt   ...   bench/weight-hashes.sh | diff before.txt -
#
# The hashes hold for one machine: BLAS may round differently on another instruction set.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STEPS="${STEPS:-20}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
"$ROOT/rnnlab" build >/dev/null
for config in "$ROOT"/experiments/*.json; do
  name="$(basename "$config" .json)"
  for mode in separate ensemble; do
    extra=(--jobs 1); [ "$mode" = ensemble ] && extra=(--ensemble)
    out="$WORK/$name-$mode"
    "$ROOT/rnnlab" train "$config" --out "$out" --seeds 2 --quiet "${extra[@]}" \
      --Training:Steps="$STEPS" --Training:EvaluateEvery=10 --Training:CheckpointEvery=10 >/dev/null 2>&1 \
      || { echo "$name $mode: training failed" >&2; exit 1; }
    for seed in 0 1; do
      echo "$name $mode seed-$seed $(sha256sum "$out/seed-$seed/final/model.safetensors" | cut -c1-16)"
    done
  done
done
