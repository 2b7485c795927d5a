#!/usr/bin/env bash
# bench/omop_bench.sh [--population DIR] [N...]: end-to-end `refract cohort` throughput on generated
# OMOP populations (tools/omop/generate_population.py --seed 5), not run by CI. --population reuses a
# population generated before (one N; the directory is kept). For each N (default: 100000 1000000):
#   - CSV: `refract cohort --source csv:DIR --out FILE.csv --threads 2`, under /usr/bin/time -v;
#   - PostgreSQL: the population loaded with tools/omop/load_postgres.sh into a throwaway cluster
#     (scripts/with-postgres), then `refract cohort --source postgres:...` the same way;
#   - Dask: tools/omop/dask_cohort.py with 2 workers (LocalCluster) against the single process.
# Prints one line per run: source, N, wall seconds, persons/s as `refract cohort` reports it
# (staging only), peak RSS (KiB). Results go to bench/RESULTS.md by hand, with machine and date.
# Needs build/src/cli/refract and build/python (scripts/build; REFRACT_BUILD_PYTHON on).
set -euo pipefail
cd "$(dirname "$0")/.."
reuse=""
if [ "${1:-}" = "--population" ]; then
  reuse=$2
  shift 2
fi
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100000 1000000)
refract=build/src/cli/refract
work=$(mktemp -d /tmp/refract-omop-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

measure() {  # LABEL N CMD...: runs CMD under /usr/bin/time -v and prints one result line
  local label=$1 n=$2
  shift 2
  /usr/bin/time -v "$@" >"$work/stdout" 2>"$work/time"
  local wall rss rate
  wall=$(grep 'Elapsed (wall clock)' "$work/time" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$work/time" | awk '{print $NF}')
  rate=$(grep -o '([0-9]* persons/s)' "$work/stdout" | tr -d '(' || true)
  echo "$label N=$n wall=$wall staging=${rate:-n/a} peak_rss_kib=$rss"
}

for n in "${sizes[@]}"; do
  population=${reuse:-$work/population-$n}
  [ -n "$reuse" ] || /usr/bin/time -f "generate N=$n: %e s, peak %M KiB" \
    python3 tools/omop/generate_population.py --persons "$n" --seed 5 --out "$population" >/dev/null
  measure csv "$n" "$refract" cohort --source "csv:$population" --out "$work/csv.csv" --threads 2
  measure csv-1-thread "$n" "$refract" cohort --source "csv:$population" --out "$work/csv1.csv" --threads 1
  measure csv-scores-rule "$n" "$refract" cohort --source "csv:$population" --outcome-rule scores \
    --out "$work/csv-scores.csv" --threads 2
  PYTHONPATH=build/python measure dask-2-workers "$n" \
    /usr/bin/python3 tools/omop/dask_cohort.py "$population" "$work/dask.csv" --workers 2
  cmp -s "$work/csv.csv" "$work/dask.csv" && echo "dask = single process: identical" ||
    echo "dask = single process: DIFFERENT"
  scripts/with-postgres bash -c '
    set -euo pipefail
    /usr/bin/time -f "load N=$3: %e s" tools/omop/load_postgres.sh "$REFRACT_TEST_PG" cdm "$1" \
      2>&1 | grep "^load N="
    /usr/bin/time -v "$2" cohort --source "postgres:$REFRACT_TEST_PG&schema=cdm" --out "$4/pg.csv" \
      --threads 2 >"$4/stdout" 2>"$4/time"
    echo "postgres N=$3 wall=$(grep "Elapsed (wall clock)" "$4/time" | awk "{print \$NF}")" \
      "staging=$(grep -o "([0-9]* persons/s)" "$4/stdout" | tr -d "(")" \
      "peak_rss_kib=$(grep "Maximum resident set size" "$4/time" | awk "{print \$NF}")"
  ' _ "$population" "$refract" "$n" "$work"
  cmp -s "$work/csv.csv" "$work/pg.csv" && echo "postgres = csv: identical" || echo "postgres = csv: DIFFERENT"
  [ -n "$reuse" ] || rm -rf "$population"
done
