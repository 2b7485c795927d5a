#!/usr/bin/env bash
# `refract cohort` on OMOP CSV data (docs/omop.md), registered per case with CTest (CMakeLists.txt).
# Usage: omop_test.sh <path to refract> <case>. Runs from the project root.
#   eunomia              the Eunomia Synthea27Nj subset (tests/data/omop/eunomia): the unsorted
#                        CONDITION_OCCURRENCE is refused with a precise error, then sorted; the run
#                        warns about the empty concept_ancestor and the missing PHQ values, and no
#                        person meets the two-failure definition; CSV output.
#   generated_population 10,000 generated persons (tools/omop/generate_population.py): every
#                        person's results agree with the generator's expectations; CSV output and
#                        report and chart; results identical with 1 and 2 threads.
set -u

readonly REFRACT="$1"
readonly CASE="$2"
readonly PYTHON="${PYTHON:-python3}"
WORK="$(mktemp -d)"
trap 'rm -rf "${WORK}"' EXIT

fail() {
  echo "FAIL [${CASE}]: $*" >&2
  echo "--- stdout" >&2; cat "${WORK}/out" >&2 2>/dev/null
  echo "--- stderr" >&2; cat "${WORK}/err" >&2 2>/dev/null
  exit 1
}
run() {
  "${REFRACT}" "$@" >"${WORK}/out" 2>"${WORK}/err"
  STATUS=$?
}
expect_status() { [[ "${STATUS}" -eq "$1" ]] || fail "exit code ${STATUS}, expected $1"; }
expect_file_has() { grep -qF -- "$2" "$1" || fail "$1 lacks '$2'"; }
expect_stderr_has() { expect_file_has "${WORK}/err" "$1"; }

case "${CASE}" in
  eunomia)
    "${PYTHON}" -c "import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])" \
      tests/data/omop/eunomia/Synthea27Nj_5.4_subset.zip "${WORK}/cdm" || fail "unzip"
    run cohort --source "csv:${WORK}/cdm" --out "${WORK}/results.ndjson"
    expect_status 1
    expect_stderr_has "CONDITION_OCCURRENCE.csv row"
    expect_stderr_has "must be sorted by person_id"
    [[ ! -e "${WORK}/results.ndjson" && ! -e "${WORK}/results.ndjson.partial" ]] ||
      fail "a failed run left an output file"
    "${PYTHON}" tools/omop/sort_csv.py "${WORK}/cdm" >/dev/null || fail "sort_csv.py"
    run cohort --source "csv:${WORK}/cdm" --out "${WORK}/results.ndjson" \
      --report "${WORK}/report.json" --chart "${WORK}/chart.svg" --threads 2
    expect_status 0
    expect_stderr_has "concept_ancestor is empty"
    expect_file_has "${WORK}/out" "Decision support / research use"
    "${PYTHON}" - "${WORK}" <<'PY' || fail "report or results"
import json, sys
work = sys.argv[1]
results = [json.loads(line) for line in open(work + '/results.ndjson')]
assert len(results) == 28, len(results)
assert [r['person_id'] for r in results] == sorted(r['person_id'] for r in results)
report = json.load(open(work + '/report.json'))
assert report['persons'] == 28
assert any('value_as_number' in w for r in results for w in r['warnings']) or \
    any('value_as_number' in w for w in report['warnings']), 'no warning about missing values'
for rule in ('scores', 'treatment-sequence'):
    assert report['rules'][rule]['models']['two_failures']['meets']['persons'] == 0
    assert report['rules'][rule]['models']['markowitz_2022']['meets']['persons'] == 0
assert '<svg' in open(work + '/chart.svg').read()
PY
    run cohort --source "csv:${WORK}/cdm" --out "${WORK}/results.csv" --outcome-rule scores \
      --report "${WORK}/report.md"
    expect_status 0
    head -1 "${WORK}/results.csv" | grep -q "^person_id,status,rule,model" || fail "CSV header"
    [[ "$(wc -l <"${WORK}/results.csv")" -eq 29 ]] || fail "CSV: one row per person expected"
    expect_file_has "${WORK}/report.md" "concept_ancestor is empty"
    expect_file_has "${WORK}/report.md" "have no value_as_number"
    ;;
  generated_population)
    "${PYTHON}" tools/omop/generate_population.py --persons 10000 --seed 20261206 \
      --out "${WORK}/cdm" || fail "generator"
    run cohort --source "csv:${WORK}/cdm" --out "${WORK}/results.ndjson" \
      --report "${WORK}/report.md" --chart "${WORK}/chart.svg" --threads 2
    expect_status 0
    "${PYTHON}" tools/omop/check_expectations.py "${WORK}/cdm/expectations.csv" \
      "${WORK}/results.ndjson" >"${WORK}/check" 2>&1 || { cat "${WORK}/check" >&2; fail "expectations"; }
    expect_file_has "${WORK}/report.md" "Decision support / research use"
    expect_file_has "${WORK}/report.md" "Wilson 95% confidence interval"
    run cohort --source "csv:${WORK}/cdm" --out "${WORK}/results1.ndjson" --threads 1
    expect_status 0
    cmp -s "${WORK}/results.ndjson" "${WORK}/results1.ndjson" || fail "results depend on threads"
    ;;
  *)
    fail "unknown case"
    ;;
esac
exit 0
