#!/usr/bin/env bash
# bench/meta_cli_compare.sh [REFRACT] [RUNS]: whole-process `refract meta` against `Rscript` (metafor,
# REML) on the same files, in one run: k = 20, k = 1,000, 10,000 replicates of k = 10 (`--by rep`)
# and the Metapsy subgroup table (`--by condition_arm1`); then Refract alone at k = 1,000,000 as
# text, as JSON without rows and as JSON with rows. Each command runs RUNS times (default 5; R's
# replicate run once, it takes about a minute) and the median wall time is reported with the peak
# resident memory (/usr/bin/time -v) of the median run, and the median CPU time (user + system),
# which a loaded machine inflates less than the wall time. REFRACT defaults to build/src/cli/refract.
# Needs python3 (data generation, fixed seed), Rscript with metafor (Debian r-cran-metafor) for
# the R column (skipped without it). Not run by CI; results go to bench/RESULTS.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
refract="$(realpath "${1:-$root/build/src/cli/refract}")"
runs="${2:-5}"
[ -x "$refract" ] || { echo "meta_cli_compare.sh: $refract not found (build it first)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "meta_cli_compare.sh: needs /usr/bin/time (Debian time)" >&2; exit 2; }
have_r=0
if command -v Rscript >/dev/null 2>&1 &&
   Rscript -e 'quit(status = !requireNamespace("metafor", quietly = TRUE))' >/dev/null 2>&1; then
  have_r=1
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/refract-metabench.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cd "$root"

python3 - "$work" <<'PY'
import random, sys
out = sys.argv[1]
rng = random.Random(20261206)  # fixed seed: the same files on every run

def effects(k):
    for i in range(k):
        vi = rng.uniform(0.01, 0.2)
        yield f"s{i + 1}", rng.gauss(0.4, 0.3) + rng.gauss(0, vi ** 0.5), vi

def write(name, k, extra=None):
    with open(f"{out}/{name}", "w") as f:
        f.write("study,yi,vi,year,country,n\n")
        for study, yi, vi in effects(k):
            f.write(f"{study},{yi:.6f},{vi:.6f},{rng.randint(1990, 2025)},"
                    f"{rng.choice(['DE', 'NL', 'UK', 'US'])},{rng.randint(20, 400)}\n")

write("k20.csv", 20)
write("k1000.csv", 1000)
write("k1000000.csv", 1000000)
with open(f"{out}/reps.csv", "w") as f:
    f.write("rep,study,yi,vi\n")
    for rep in range(1, 10001):
        for study, yi, vi in effects(10):
            f.write(f"{rep},{study},{yi:.6f},{vi:.6f}\n")
PY

cat > "$work/rma.R" <<'R'
suppressPackageStartupMessages(library(metafor))
args <- commandArgs(trailingOnly = TRUE)
mode <- args[1]; file <- args[2]
if (mode == "single") {
  d <- read.csv(file)
  print(summary(rma(yi, vi, data = d, method = "REML")))
} else if (mode == "reps") {
  d <- read.csv(file)
  fits <- lapply(split(d, d$rep), function(s) tryCatch(rma(s$yi, s$vi, method = "REML"),
                                                       error = function(e) NULL))
  cat(sum(!vapply(fits, is.null, logical(1))), "fits\n")
} else {
  d <- read.table(file, sep = ";", dec = ",", header = TRUE, quote = "\"", na.strings = "NA",
                  encoding = "UTF-8", check.names = FALSE, comment.char = "", stringsAsFactors = FALSE)
  for (g in sort(unique(d$condition_arm1))) {
    s <- d[d$condition_arm1 == g, ]
    f <- rma(s$.g, s$.g_se^2, method = "REML"); p <- predict(f)
    cat(g, f$b[1], f$se, f$tau2, f$I2, p$pi.lb, p$pi.ub, "\n")
  }
  print(rma(d$.g, d$.g_se^2, method = "REML"))
}
R

# measure NAME N CMD...: runs CMD N times; prints "NAME | median wall | peak RSS of that run".
measure() {
  local name="$1" n="$2"; shift 2
  local i
  for ((i = 0; i < n; ++i)); do
    /usr/bin/time -v "$@" >/dev/null 2>"$work/time.$i" || { cat "$work/time.$i" >&2; exit 1; }
  done
  python3 - "$name" "$n" "$work" <<'PY'
import re, statistics, sys
name, n, work = sys.argv[1], int(sys.argv[2]), sys.argv[3]
runs = []
for i in range(n):
    text = open(f"{work}/time.{i}").read()
    wall = 0.0
    for part in re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", text).group(1).split(":"):
        wall = wall * 60 + float(part)
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", text).group(1))
    cpu = sum(float(re.search(rf"{kind} time \(seconds\): (\S+)", text).group(1))
              for kind in ("User", "System"))
    runs.append((wall, cpu, rss))
runs.sort()
wall, _, rss = runs[len(runs) // 2]
cpu = sorted(r[1] for r in runs)[len(runs) // 2]
def shown(t):
    return f"{t * 1000:.0f} ms" if t < 10 else f"{t:.1f} s"
print(f"| {name} | {shown(wall)} | {shown(cpu)} | {rss / 1024:.0f} MB | {n} |", flush=True)
PY
}

metapsy=data/metapsy/depression-psyctr.csv
echo "refract: $refract; runs: $runs; $(nproc) CPUs; load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "| command | median wall | median CPU (user+sys) | peak RSS | runs |"
echo "|---|---|---|---|---|"
measure "refract meta, k = 20" "$runs" "$refract" meta "$work/k20.csv" --measure GEN
measure "refract meta, k = 1,000" "$runs" "$refract" meta "$work/k1000.csv" --measure GEN
measure "refract meta --by rep, 10,000 x k = 10" "$runs" "$refract" meta "$work/reps.csv" --measure GEN --by rep
measure "refract meta --by rep --json" "$runs" "$refract" meta "$work/reps.csv" --measure GEN --by rep --json
measure "refract meta, Metapsy --by condition_arm1" "$runs" "$refract" meta --metapsy "$metapsy" --by condition_arm1
echo "k = 1,000,000: $(du -m "$work/k1000000.csv" | cut -f1) MB CSV"
measure "refract meta, k = 1,000,000, text" "$runs" "$refract" meta "$work/k1000000.csv" --measure GEN
measure "refract meta, k = 1,000,000, --json" "$runs" "$refract" meta "$work/k1000000.csv" --measure GEN --json
measure "refract meta, k = 1,000,000, --json --rows" 3 "$refract" meta "$work/k1000000.csv" --measure GEN --json --rows
measure "refract meta, k = 1,000,000, --by country" "$runs" "$refract" meta "$work/k1000000.csv" --measure GEN --by country
if [ "$have_r" = 1 ]; then
  measure "Rscript metafor, k = 20" "$runs" Rscript "$work/rma.R" single "$work/k20.csv"
  measure "Rscript metafor, k = 1,000" "$runs" Rscript "$work/rma.R" single "$work/k1000.csv"
  measure "Rscript metafor, 10,000 x k = 10" 1 Rscript "$work/rma.R" reps "$work/reps.csv"
  measure "Rscript metafor, Metapsy by condition_arm1" "$runs" Rscript "$work/rma.R" metapsy "$metapsy"
else
  echo "(R with metafor not found: R column skipped)"
fi
