#!/usr/bin/env bash
# postgres_source_test.sh DUMP ZIP: loads the OMOP CSV files of ZIP (the Eunomia subset) with the
# official CDM 5.4 DDL into a fresh schema of the throwaway database (tools/omop/load_postgres.sh), stages every
# person from PostgreSQL and from the CSV files with DUMP (refract_omop_source_dump) and checks:
# no failure, the same text from both sources (every person's warnings, assumptions and
# assessment), the vocabulary gaps reported as warnings (empty concept_ancestor), and no person
# meeting the two-failure TRD definition. Needs REFRACT_TEST_PG (scripts/with-postgres); exits 77
# (skipped) without it.
set -euo pipefail
dump=$1 zip=$2
if [ -z "${REFRACT_TEST_PG:-}" ]; then
  echo "REFRACT_TEST_PG is not set: OMOP PostgreSQL source test skipped" >&2
  exit 77
fi
schema=omop_test_$$_$RANDOM
work=$(mktemp -d)
cleanup() {
  psql -q "$REFRACT_TEST_PG" -c "DROP SCHEMA IF EXISTS $schema CASCADE" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
csv_dir=$work/csv
mkdir "$csv_dir"
unzip -q "$zip" -d "$csv_dir"
# The CSV source needs person order (Eunomia's CONDITION_OCCURRENCE is not); PostgreSQL sorts itself.
python3 tools/omop/sort_csv.py "$csv_dir" >/dev/null

tools/omop/load_postgres.sh "$REFRACT_TEST_PG" "$schema" "$csv_dir" 2>"$work/load.log" ||
  { cat "$work/load.log" >&2; exit 1; }
case "$REFRACT_TEST_PG" in
  *\?*) spec="postgres:$REFRACT_TEST_PG&schema=$schema" ;;
  *) spec="postgres:$REFRACT_TEST_PG?schema=$schema" ;;
esac
"$dump" "$spec" >"$work/postgres.txt"
"$dump" "$csv_dir" >"$work/csv.txt"
# The CSV source also names the tables it did not find; the rest must match line for line.
if ! diff <(grep -v '^source: ' "$work/postgres.txt") <(grep -v '^source: ' "$work/csv.txt") >"$work/diff"; then
  echo "PostgreSQL and CSV sources differ:" >&2
  head -c 4000 "$work/diff" >&2
  exit 1
fi
grep -q '^vocabulary: .*concept_ancestor is empty' "$work/postgres.txt" ||
  { echo "no warning about the empty concept_ancestor" >&2; exit 1; }
persons=$(grep -c '^[0-9]' "$work/postgres.txt")
trd=$(python3 tests/omop/count_meeting.py two_failures <"$work/postgres.txt")
echo "persons: $persons, meeting two_failures: $trd"
[ "$persons" -gt 0 ] || { echo "no person staged" >&2; exit 1; }
[ "$trd" -eq 0 ] || { echo "expected no person meeting two_failures, got $trd" >&2; exit 1; }
