#!/usr/bin/env bash
# bench/cli_10k.sh [REFRACT] [COUNT]: end-to-end timing of `refract assess --json DIR` on COUNT (default
# 10000) synthetic patient files, reported per patient. REFRACT defaults to build-bench/src/cli/refract
# (configure: cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release).
#
# The files are variants of examples/*.json: new ids, every date shifted by the same random number of days,
# and antidepressants swapped for random drugs from knowledge/antidepressants.json. Every generated file
# is a valid refract-patient/1 record (the run fails otherwise). Uses hyperfine when installed, else
# /usr/bin/time -v, else bash's `time`. Needs python3 for the generator. Results: bench/RESULTS.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
refract="${1:-$root/build-bench/src/cli/refract}"
count="${2:-10000}"
[ -x "$refract" ] || { echo "cli_10k.sh: $refract not found (build it first)" >&2; exit 2; }

work="$(mktemp -d "${TMPDIR:-/tmp}/refract-cli10k.XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir "$work/patients"

python3 - "$root" "$work/patients" "$count" <<'PY'
import datetime, glob, json, os, random, sys

root, out, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
rng = random.Random(20260101)  # fixed seed: the same files on every run
examples = [json.load(open(p)) for p in sorted(glob.glob(os.path.join(root, "examples", "*.json")))]
drugs = [d["id"] for d in json.load(open(os.path.join(root, "knowledge", "antidepressants.json")))["items"]]

def shift(text, days):
    return (datetime.date.fromisoformat(text) + datetime.timedelta(days=days)).isoformat()

def shift_dates(node, days):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("as_of", "birth_date", "onset", "start", "end", "from", "date") and isinstance(value, str):
                node[key] = shift(value, days)
            else:
                shift_dates(value, days)
    elif isinstance(node, list):
        for item in node:
            shift_dates(item, days)

for i in range(count):
    record = json.loads(json.dumps(examples[i % len(examples)]))
    record["id"] = f"synthetic-{i:05d}"
    shift_dates(record, rng.randint(-3650, 0))
    for trial in record["treatments"]:
        # Swap the drug of antidepressant/combination trials (the serum level is nortriptyline-only).
        if trial["kind"] in ("antidepressant", "combination") and rng.random() < 0.5:
            trial["drug"] = rng.choice(drugs)
            trial.pop("serum_level_ng_ml", None)
    with open(os.path.join(out, f"p{i:05d}.json"), "w") as f:
        json.dump(record, f)
PY

"$refract" validate "$work/patients" >/dev/null || { echo "cli_10k.sh: generated records are invalid" >&2; exit 1; }
bytes=$(du -sb "$work/patients" | cut -f1)
echo "refract: $refract"
echo "patients: $count files, $((bytes / 1024)) KiB"

cmd="\"$refract\" assess --json \"$work/patients\" > /dev/null"
if command -v hyperfine >/dev/null 2>&1; then
  hyperfine --warmup 1 --runs 5 --export-json "$work/hyperfine.json" "$cmd"
  python3 - "$work/hyperfine.json" "$count" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
n = int(sys.argv[2])
print(f"per patient: mean {r['mean'] / n * 1e6:.1f} us (min {r['min'] / n * 1e6:.1f} us)")
PY
elif [ -x /usr/bin/time ]; then
  sh -c "$cmd" # warm-up (page cache)
  /usr/bin/time -v sh -c "$cmd" 2> "$work/time.txt"
  grep -E "Elapsed|Maximum resident|User time|System time" "$work/time.txt"
  python3 - "$work/time.txt" "$count" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
n = int(sys.argv[2])
wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text).group(1)
seconds = 0.0
for part in wall.split(":"):
    seconds = seconds * 60 + float(part)
print(f"wall {seconds:.2f} s for {n} patients = {seconds / n * 1e6:.1f} us per patient")
PY
else
  sh -c "$cmd"
  time sh -c "$cmd"
  echo "per patient: divide real by $count"
fi
