#!/usr/bin/env bash
# Runs bench/metafor_compare.R when R and metafor are available; otherwise says so and skips
# (exit 0). The C++ side is build/bench/refract_stats_bench.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if ! command -v Rscript >/dev/null 2>&1; then
  echo "run_metafor_compare: Rscript not found; skipping the R/metafor timings." >&2
  echo "  (install r-base-core and r-cran-metafor to run them; README anchors are used instead)" >&2
  exit 0
fi
if ! Rscript -e 'quit(status = !requireNamespace("metafor", quietly = TRUE))' >/dev/null 2>&1; then
  echo "run_metafor_compare: R package metafor is not installed; skipping." >&2
  exit 0
fi
exec Rscript "$here/metafor_compare.R"
