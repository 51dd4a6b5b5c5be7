#!/usr/bin/env bash
# Side-by-side: ./fednpg run and the SciPy script on the same fednpg-mdp/1 instance, alternating,
# REPEATS times each; prints ms/iteration of every run (Java: steady state after 5 iterations and
# the whole-run average from elapsed_ms; SciPy: mean and median without the first iteration).
# MDP (optional) is another fednpg-mdp/1 file with 20 agents, e.g. one from garnet_numpy.py.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repeats="${1:-3}"
iterations="${2:-20}"
mdp="${3:-$here/garnet2000.json}"
if [ -z "${3:-}" ] && [ ! -f "$mdp" ]; then
  "$here/../fednpg" env export garnet states=2000 actions=10 branching=10 agents=20 gamma=0.99 \
    --out "$mdp"
fi
[ -f "$mdp" ] || { echo "side_by_side.sh: no MDP file $mdp" >&2; exit 2; }
mdp="$(cd "$(dirname "$mdp")" && pwd)/$(basename "$mdp")"
echo "instance: $mdp"
spec="$(mktemp --suffix=.yaml)"
sed "s/^iterations: .*/iterations: $iterations/; s#path: garnet2000.json#path: $mdp#" \
  "$here/garnet2000.yaml" > "$spec"
for r in $(seq 1 "$repeats"); do
  out="$(mktemp -d)"
  echo "load before run $r: $(cut -d' ' -f1-3 /proc/loadavg)"
  "$here/../fednpg" run "$spec" --out "$out" > /dev/null 2>&1
  python3 - "$out/metrics.csv" "$iterations" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
e = {int(r["iteration"]): int(r["elapsed_ms"]) for r in rows}
n = int(sys.argv[2])
print(f"fednpg: {e[n] / n:.1f} ms/iteration over the run, {(e[n] - e[5]) / (n - 5):.1f} steady "
      f"(iterations 5..{n}); last value {rows[-1]['value']} gap {rows[-1]['optimality_gap']}")
PY
  rm -rf "$out"
  python3 "$here/fednpg_scipy.py" "$mdp" "$iterations" | sed -n '3,5p' | sed 's/^/scipy:  /'
done
rm -f "$spec"
