#!/usr/bin/env bash
# postgres_population_test.sh REFRACT: on a generated population of 10,000 persons loaded into the
# throwaway PostgreSQL (tools/omop/load_postgres.sh), `refract cohort --source postgres:` writes
# the same results file, byte for byte, as `--source csv:`; `--out postgres:` writes the same rows
# into the results table, twice under one run id without duplicates; OHDSI cohort 1009 runs as SQL
# (tools/omop/cohort_1009.py) and tools/omop/compare_cohort_1009.py computes Cohen's kappa against
# Refract's two_failures result with a class for every disagreement. Needs REFRACT_TEST_PG
# (scripts/with-postgres); exits 77 (skipped) without it.
set -euo pipefail
refract=$1
if [ -z "${REFRACT_TEST_PG:-}" ]; then
  echo "REFRACT_TEST_PG is not set: OMOP PostgreSQL population test skipped" >&2
  exit 77
fi
schema=omop_pop_$$_$RANDOM
results=omop_results_$$_$RANDOM
work=$(mktemp -d)
cleanup() {
  psql -q "$REFRACT_TEST_PG" -c "DROP SCHEMA IF EXISTS $schema CASCADE" \
    -c "DROP SCHEMA IF EXISTS $results CASCADE" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
with_param() {  # the URI with one more query parameter
  case "$REFRACT_TEST_PG" in *\?*) echo "$REFRACT_TEST_PG&$1" ;; *) echo "$REFRACT_TEST_PG?$1" ;; esac
}

python3 tools/omop/generate_population.py --persons 10000 --seed 9 --out "$work/population" >/dev/null
tools/omop/load_postgres.sh "$REFRACT_TEST_PG" "$schema" "$work/population" 2>/dev/null
"$refract" cohort --source "csv:$work/population" --out "$work/csv.csv" --threads 2 >/dev/null
"$refract" cohort --source "postgres:$(with_param schema=$schema)" --out "$work/postgres.csv" \
  --threads 2 >/dev/null
cmp "$work/csv.csv" "$work/postgres.csv"
echo "CSV = PostgreSQL: $(wc -l <"$work/csv.csv") lines"

for run in 1 2; do
  "$refract" cohort --source "csv:$work/population" --out "postgres:$(with_param schema=$results)" \
    --run-id test --threads 2 >/dev/null
done
in_table=$(psql "$REFRACT_TEST_PG" -At -c "SELECT count(*) FROM $results.refract_cohort_results WHERE run_id = 'test'")
in_file=$(($(wc -l <"$work/csv.csv") - 1))
[ "$in_table" -eq "$in_file" ] || { echo "results table: $in_table rows, file: $in_file" >&2; exit 1; }
echo "results table: $in_table rows after two runs"

tools/omop/cohort_1009.py "$REFRACT_TEST_PG" "$schema" --derive-eras >"$work/cohort_1009.txt" 2>/dev/null
tools/omop/compare_cohort_1009.py --uri "$REFRACT_TEST_PG" --schema "$schema" \
  --cohort "$work/cohort_1009.txt" --results "$work/csv.csv" --json "$work/compare.json"
python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); assert -1 <= r["kappa"] <= 1 and r["persons"] == 10000' "$work/compare.json"
