#!/usr/bin/env bash
# dask_identity_test.sh REFRACT MODULE_DIR PYTHON: on a generated population of 10,000 persons
# (tools/omop/generate_population.py), the Dask run (tools/omop/dask_cohort.py, a LocalCluster of
# 2 workers, 8 partitions) writes the same results file, byte for byte, as the single-process
# `refract cohort`; and on 500 persons, the module's stage_omop(markowitz_retrospective=True) gives
# the rows of `refract cohort --markowitz-retrospective`, labelled as the variant. Exits 77
# (skipped) when PYTHON cannot import dask.distributed.
set -euo pipefail
refract=$1 module_dir=$2 python=$3
if ! "$python" -c 'import dask.distributed' 2>/dev/null; then
  echo "$python cannot import dask.distributed (python3-distributed): Dask test skipped" >&2
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$python" tools/omop/generate_population.py --persons 10000 --seed 16 --out "$work/population" >/dev/null
"$refract" cohort --source "csv:$work/population" --out "$work/single.csv" --threads 2 >/dev/null
PYTHONPATH="$module_dir" "$python" tools/omop/dask_cohort.py "$work/population" "$work/dask.csv" \
  --workers 2 --partitions 8
cmp "$work/single.csv" "$work/dask.csv"
rows=$(wc -l <"$work/single.csv")
echo "identical: $rows lines"
[ "$rows" -gt 10000 ]
"$python" tools/omop/generate_population.py --persons 500 --seed 17 --out "$work/small" >/dev/null
"$refract" cohort --source "csv:$work/small" --markowitz-retrospective --out "$work/variant.csv" \
  --threads 1 >/dev/null
tail -n +2 "$work/variant.csv" >"$work/variant-rows.csv"
PYTHONPATH="$module_dir" "$python" -c '
import sys, refract
rows = refract.Engine().stage_omop("csv:" + sys.argv[1], markowitz_retrospective=True)
assert "markowitz_2022.allow_retrospective" in rows and ",markowitz_2022," not in rows
sys.stdout.write(rows)' "$work/small" >"$work/variant-module.csv"
cmp "$work/variant-rows.csv" "$work/variant-module.csv"
echo "markowitz variant: module = command line"
