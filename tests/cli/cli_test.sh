#!/usr/bin/env bash
# CLI integration tests for the `refract` binary (registered per case with CTest, see
# CMakeLists.txt). Usage: cli_test.sh <path to refract> <case>. Runs from the project root.
# Exit codes under test (docs/cli.md): 0 ok, 1 invalid input, 2 usage error.
set -u

readonly REFRACT="$1"
readonly CASE="$2"
readonly PYTHON="${PYTHON:-python3}"
readonly MODEL_IDS=(thase_rush_1997 european_1999 mgh_2003 maudsley_2009 dm_trd_2016 conway_2017
                    markowitz_2022 two_failures sforzini_2022)
readonly DISCLAIMER="Decision support for a clinician, not a diagnosis or a treatment decision."

WORK="$(mktemp -d)"
trap 'rm -rf "${WORK}"' EXIT

fail() {
  echo "FAIL [${CASE}]: $*" >&2
  echo "--- stdout" >&2; cat "${WORK}/out" >&2 2>/dev/null
  echo "--- stderr" >&2; cat "${WORK}/err" >&2 2>/dev/null
  exit 1
}

# run <args...>: runs refract, leaving stdout, stderr and the exit code in ${WORK}.
run() {
  "${REFRACT}" "$@" >"${WORK}/out" 2>"${WORK}/err"
  STATUS=$?
}

expect_status() { [[ "${STATUS}" -eq "$1" ]] || fail "exit code ${STATUS}, expected $1"; }
expect_stdout_has() { grep -qF -- "$1" "${WORK}/out" || fail "stdout lacks '$1'"; }
expect_stderr_has() { grep -qF -- "$1" "${WORK}/err" || fail "stderr lacks '$1'"; }
# Like expect_stdout_has, on stdout with its lines joined and spaces squeezed (wrapped text).
expect_wrapped_has() {
  tr '\n' ' ' <"${WORK}/out" | tr -s ' ' | grep -qF -- "$1" || fail "stdout lacks '$1' (wrapped)"
}
expect_stdout_lacks() { ! grep -qF -- "$1" "${WORK}/out" || fail "stdout has '$1'"; }

# A copy of example A with one field broken, at the given path.
write_bad_record() {
  sed 's/"end": "2025-04-28"/"end": "2025-02-01"/' examples/a-early-single-failure.json >"$1"
}

case "${CASE}" in
  assess_examples)
    run assess --full examples/
    expect_status 0
    for id in "${MODEL_IDS[@]}"; do expect_stdout_has "[${id}]"; done
    expect_stdout_has "${DISCLAIMER}"
    for file in examples/*.json; do
      id="$("${PYTHON}" -c 'import json,sys; print(json.load(open(sys.argv[1]))["id"])' "${file}")"
      expect_stdout_has "patient ${id}"
    done
    ;;
  assess_clinical_wording)
    # Example G: MADRS item 10 = 1 (a positive self-harm item below the scale's screening cut-off)
    # and a PHQ-9 rise 13 -> 20 early in ISTDP (a reliable deterioration inside the early-worsening
    # window). Every positive item is critical, so its band is never printed as "below alert"; the
    # rise stays a reliable deterioration, with the early-worsening finding only as context; the
    # staging bands grade resistance, not symptom severity.
    run assess --full examples/g-istdp-early-worsening.json
    expect_status 0
    expect_stdout_has "!! critical SAFETY_ITEM10: MADRS item 10 (self-harm) scored 1 of 6 on 2024-04-08"
    expect_stdout_has "below the screening cut-off (2), but any score above 0 is flagged"
    expect_stdout_lacks "below_alert"
    expect_stdout_lacks "[CRITICAL]"
    expect_stdout_has "RED_DETERIORATION"
    expect_stdout_has "This is context only: the rise is still a reliable deterioration and needs review now"
    expect_stdout_lacks "do not escalate"
    expect_stdout_has "resistance)"
    expect_stdout_has "result (treatment resistance)"
    ;;
  assess_summary)
    # The default report is the one-page summary: its sections in order, safety first, the
    # positive self-harm item and the declined option named, no detail sections.
    run assess examples/h-self-harm-item-declines-ect-prefers-psychotherapy.json
    expect_status 0
    expect_stdout_has "${DISCLAIMER}"
    previous=0
    for heading in "SAFETY" "STAGE UNDER EACH MODEL" "TREATMENTS IN THE CURRENT EPISODE" \
                   "NEVER ADEQUATELY TRIED" "NEXT-STEP OPTIONS" "WHAT TO MEASURE NEXT"; do
      line="$(grep -n "^${heading}" "${WORK}/out" | head -1 | cut -d: -f1)"
      [[ -n "${line}" && "${line}" -gt "${previous}" ]] || fail "'${heading}' missing or out of order"
      previous="${line}"
    done
    expect_stdout_has "!! critical: PHQ-9 item 9 (self-harm) scored"
    expect_stdout_lacks "SAFETY_ITEM"
    expect_stdout_has "not ranked, declined: Electroconvulsive therapy"
    expect_stdout_lacks "WHY, MODEL BY MODEL"
    expect_stdout_lacks "RULES AND DECISIONS"
    for file in examples/*.json examples/*.yaml; do
      run assess "${file}"
      lines="$(wc -l <"${WORK}/out")"
      [[ "${lines}" -le 125 ]] || fail "${file}: summary has ${lines} lines (at most 125)"
    done
    ;;
  referral_letter)
    # Ms K from a referral letter, as a clinician would write her in YAML from the template: month
    # dates, a brand name, a judgement that conflicts with the scores, akathisia. The summary says
    # what it did with each.
    run assess examples/k-referral-letter-ms-k.yaml
    expect_status 0
    expect_wrapped_has "input: 'venlafaxine XL' read as venlafaxine"
    expect_wrapped_has "current episode since 2024-03 (14 months)"
    expect_wrapped_has "2024-08 to 2025-01"
    expect_wrapped_has "the clinician judged partial response, the scores decided"
    expect_wrapped_has "Sforzini et al. (2022) Delphi consensus is provisional: T2 counts as a failure by 0.9"
    expect_wrapped_has "adequate (stopped for intolerance: akathisia)"
    expect_wrapped_has "!! critical: PHQ-9 item 9 (self-harm) scored 1 of 3 on 2025-06-01"
    expect_wrapped_has "-> at this appointment: Assess suicide risk"
    expect_wrapped_has "dates: 15 dates given as a month or a year were read as the middle of it"
    expect_wrapped_has "Sforzini et al. (2022) Delphi consensus is provisional: T2 counts as a failure by 0.9 percentage points"
    expect_wrapped_has "with the judgement deciding, the result would be partially responsive (PRD)"
    expect_wrapped_has "European Staging Model (Souery 1999): outcome unknown: T3 has no recorded outcome and is not counted as a failure; recorded as nonresponse, the result would be CRD"
    expect_wrapped_has "Markowitz et al. (2022) needs: 2 more adequate failed prospective antidepressant trial(s)"
    expect_wrapped_has "combined with a psychological therapy (CBT) (NICE NG222 1.6.1"
    expect_wrapped_has "17 more ranked option(s) below these: see --full"
    expect_wrapped_has "3= Short-term psychodynamic psychotherapy"
    expect_wrapped_has "not ranked, declined: Electroconvulsive therapy"
    expect_wrapped_has "tried, never adequately: evidence-based psychotherapy (T4 not adequate)"
    ;;
  plain_language)
    # No report a clinician reads names an implementer decision id, a specification file outside
    # the repository, a section number without its docs page, an issue, or an unrounded number.
    : >"${WORK}/all"
    for file in examples/*.json examples/*.yaml; do
      "${REFRACT}" assess "${file}" >>"${WORK}/all"
      "${REFRACT}" assess --full "${file}" >>"${WORK}/all"
    done
    for id in cbt ect esketamine short_term_psychodynamic lithium_augmentation rtms; do
      "${REFRACT}" options --explain "${id}" examples/ >>"${WORK}/all"
    done
    "${PYTHON}" - "${WORK}/all" <<'PY' || fail "developer language in a report"
import re, sys
bad = [(r"\bA[0-9]{1,2}:|\(A[0-9]{1,2}\)|decisions\.md A[0-9]|\bA[0-9]{1,2} \((strict|lenient)",
        "implementer decision id"),
       (r"\b(staging|measures|evidence|interop|style)\.md", "specification file"),
       (r"\bissue [0-9]", "issue reference"),
       (r"\b[0-9]+\.[0-9]{3,}\b", "unrounded number")]
found = 0
for number, line in enumerate(open(sys.argv[1], encoding="utf-8"), 1):
    problems = [what for pattern, what in bad if re.search(pattern, line)]
    if "§" in line and "docs/" not in line:
        problems.append("section number without its docs page")
    for what in problems:
        found += 1
        print(f"line {number}: {what}: {line.strip()[:200]}", file=sys.stderr)
sys.exit(1 if found else 0)
PY
    ;;
  assess_outcomes_and_alerts)
    # Vignette 41 (tests/vignettes/staging): T1's outcome from the MADRS tagged to it; T2's scores
    # (29 -> 22) in conflict with the judgement, 0.9 points from Sforzini's boundary. Added: an old
    # MADRS with items and a positive item 10, and one PHQ-9 with item 9 = 1. The four total-only
    # MADRS give one notice (the latest) and one summary line; the old positive item still alerts.
    "${PYTHON}" - "${WORK}/record.json" <<'PY' || fail "could not write the record"
import json, sys
vignette = json.load(open("tests/vignettes/staging/41-tagged-scores-and-a-conflict-near-a-boundary.json"))
record = vignette["patient"]
record["assessments"] = (
    [{"instrument": "madrs", "date": "2024-03-01", "items": [3, 3, 3, 3, 3, 3, 3, 3, 3, 2]}]
    + record["assessments"]
    + [{"instrument": "phq9", "date": "2024-10-01", "items": [1, 1, 1, 1, 1, 1, 1, 1, 1]}])
json.dump(record, open(sys.argv[1], "w"))
PY
    run assess --full "${WORK}/record.json"
    expect_status 0
    expect_stdout_has "outcome from the MADRS scores tagged to T1: 31 on 2024-04-15 -> 28 on 2024-07-29"
    expect_stdout_has "outcome from the scores recorded on the trial"
    expect_stdout_has "outcome conflict: MADRS 29 -> 22: 24.1 % improvement = nonresponse; the clinician judged partial response; the scores decided (docs/patient-record.md#outcome)"
    expect_stdout_has "outcome near a boundary: 24.1 % improvement is 0.9 percentage points below the 25 % partial-response boundary; an end score of 21 (1 point lower) would be partial response"
    expect_stdout_has "note: provisional: T2 counts as a failure by 0.9 percentage points of improvement (24.1 % against < 25 %; an end score of 21, 1 point lower, would not count); the clinician judged partial response"
    expect_stdout_has "!! critical SAFETY_ITEM10: MADRS item 10 (self-harm) scored 2 of 6 on 2024-03-01"
    expect_stdout_has "at or above the screening cut-off (2), below the urgent threshold (4)"
    expect_stdout_has "!! critical SAFETY_ITEM9: PHQ-9 item 9 (self-harm) scored 1 of 3 on 2024-10-01"
    expect_stdout_has ".. notice   SAFETY_ITEM_NOT_AVAILABLE: MADRS recorded as a total only on 2024-09-30"
    expect_stdout_has ".. notice   SAFETY_ITEM_NOT_AVAILABLE: 3 earlier MADRS totals, 2024-04-15 to 2024-08-01, had no item 10 recorded"
    [[ "$(grep -c 'SAFETY_ITEM_NOT_AVAILABLE' "${WORK}/out")" -eq 2 ]] || fail "expected one notice and one summary"
    expect_stdout_has "NHS Talking Therapies-style: not classified: needs two PHQ-9 administrations (1 recorded)"
    expect_stdout_lacks "[CRITICAL]"
    expect_stdout_lacks "level: alert"
    ;;
  assess_partial_dates)
    # Vignette 42: sertraline "from April 2024" to 2024-05-26, imputed to 2024-04-15 (41 days, not
    # adequate; adequate had it started by 2024-04-14). The report shows the month as recorded and
    # marks what the imputed day decides; as_of must give the day.
    "${PYTHON}" -c 'import json,sys; json.dump(json.load(open(sys.argv[1]))["patient"], open(sys.argv[2], "w"))' \
      tests/vignettes/staging/42-partial-start-month-decides-adequacy.json "${WORK}/partial.json"
    run assess --full "${WORK}/partial.json"
    expect_status 0
    expect_stdout_has "2024-04 to 2024-05-26"
    expect_stdout_has "PROVISIONAL (an imputed day decides this: adequate if T1 start was on or before 2024-04-14, not adequate from 2024-04-15; T1 start 2024-04 imputed as 2024-04-15; T1 dose step 1 2024-04 imputed as 2024-04-15)"
    expect_stdout_has "PROVISIONAL (an imputed day decides this: Stage I if T1 start was on or before 2024-04-14, Stage 0 from 2024-04-15"
    sed 's/"as_of": "2024-09-02"/"as_of": "2024-09"/' "${WORK}/partial.json" >"${WORK}/bad.json"
    run validate "${WORK}/bad.json"
    expect_status 1
    expect_stderr_has "\$.as_of: must be a calendar date YYYY-MM-DD (got '2024-09')"
    ;;
  assess_json_lines)
    run assess --json examples/
    expect_status 0
    expected_lines="$(ls examples/*.json examples/*.yaml | wc -l)"
    "${PYTHON}" - "${WORK}/out" "${expected_lines}" "${MODEL_IDS[@]}" <<'PY' || fail "JSON output invalid"
import json, sys
path, expected, models = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
lines = [line for line in open(path, encoding="utf-8").read().split("\n") if line]
assert len(lines) == expected, f"{len(lines)} lines, expected {expected}"
for line in lines:
    doc = json.loads(line)
    assert doc["format"] == "refract-assessment/1", doc["format"]
    assert doc["disclaimer"].startswith("Decision support"), doc["disclaimer"]
    assert sorted(doc["staging"]) == sorted(models), sorted(doc["staging"])
    assert isinstance(doc["trials"], list) and doc["trials"], "no trials"
    assert doc["options"]["knowledge_version"].startswith("interventions@"), "no options"
PY
    ;;
  assess_json_pretty)
    run assess --json --pretty examples/a-early-single-failure.json
    expect_status 0
    "${PYTHON}" -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["format"]=="refract-assessment/1"' \
      "${WORK}/out" || fail "pretty JSON does not parse as one document"
    expect_stdout_has '  "format": "refract-assessment/1"'
    ;;
  mixed_directory)
    mkdir "${WORK}/records"
    cp examples/a-early-single-failure.json "${WORK}/records/good.json"
    write_bad_record "${WORK}/records/bad.json"
    run assess "${WORK}/records"
    expect_status 1
    expect_stdout_has "patient example-a"
    expect_stderr_has "${WORK}/records/bad.json"
    expect_stderr_has '$.treatments[0].end: must not be before start'
    grep -qF "good.json" "${WORK}/err" && fail "the good record was reported as invalid"
    ;;
  validate_bad_file)
    write_bad_record "${WORK}/bad.json"
    run validate "${WORK}/bad.json"
    expect_status 1
    expect_stderr_has "${WORK}/bad.json"
    expect_stderr_has '$.treatments[0].end: must not be before start (2025-03-03)'
    expect_stdout_lacks "valid"
    ;;
  fhir_export_out)
    run fhir export examples/h-self-harm-item-declines-ect-prefers-psychotherapy.json --out "${WORK}/h.fhir.json"
    expect_status 0
    grep -qF '"resourceType": "Bundle"' "${WORK}/h.fhir.json" || fail "no Bundle in --out file"
    grep -qF '"code": "SAFETY_ITEM9"' "${WORK}/h.fhir.json" || fail "no item 9 Flag in --out file"
    [[ ! -e "${WORK}/h.fhir.json.tmp" ]] || fail "temporary file left behind"
    ;;
  fhir_export_bad_record)
    write_bad_record "${WORK}/bad.json"
    run fhir export "${WORK}/bad.json" --out "${WORK}/bad.fhir.json"
    expect_status 1
    expect_stderr_has '$.treatments[0].end: must not be before start (2025-03-03)'
    [[ ! -e "${WORK}/bad.fhir.json" ]] || fail "an invalid record wrote a bundle"
    ;;
  validate_malformed_json)
    printf '{"format": "refract-patient/1", ' >"${WORK}/truncated.json"
    run validate "${WORK}/truncated.json"
    expect_status 1
    expect_stderr_has '$: not valid JSON'
    ;;
  options_examples)
    run options examples/
    expect_status 0
    expect_stdout_has "${DISCLAIMER}"
    expect_stdout_has "NEXT-STEP OPTIONS"
    expect_stdout_has "NOT RANKED"
    expect_stdout_has "Bipolar depression: no next-step option is ranked"
    ;;
  options_safety_first)
    run options examples/h-self-harm-item-declines-ect-prefers-psychotherapy.json
    expect_status 0
    safety_line="$(grep -n 'SAFETY FIRST' "${WORK}/out" | head -1 | cut -d: -f1)"
    table_line="$(grep -n 'score  option' "${WORK}/out" | head -1 | cut -d: -f1)"
    [[ -n "${safety_line}" && -n "${table_line}" && "${safety_line}" -lt "${table_line}" ]] ||
      fail "the safety action is not above the ranked options"
    expect_stdout_has "Electroconvulsive therapy: the patient declines this option"
    ;;
  options_explain)
    run options --explain short_term_psychodynamic examples/c-chronic-psychotic-highly-resistant.json
    expect_status 0
    expect_stdout_has "OPTION short_term_psychodynamic for patient example-c"
    expect_stdout_has "excluded [not_yet_indicated]: Psychotic depression: psychological treatment is offered once"
    expect_stdout_has "moderator.stpp_low_education"
    expect_stdout_has "evidence.inadequate_response_rct (D: "
    expect_stdout_has "Refract pool"
    ;;
  options_explain_excluded)
    run options --explain esketamine examples/c-chronic-psychotic-highly-resistant.json
    expect_status 0
    expect_stdout_has "not ranked"
    expect_stdout_has "excluded [contraindicated]"
    ;;
  options_explain_unknown_id)
    run options --explain hypnosis examples/a-early-single-failure.json
    expect_status 2
    expect_stderr_has "--explain 'hypnosis' is not an option id"
    expect_stderr_has "short_term_psychodynamic"
    ;;
  options_json)
    run options --json examples/
    expect_status 0
    "${PYTHON}" - "${WORK}/out" <<'PY' || fail "options JSON invalid"
import json, sys
docs = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
assert docs, "no output"
for doc in docs:
    assert doc["format"] == "refract-options/1", doc["format"]
    options = doc["options"]
    if doc["diagnosis"] != "mdd":
        assert not options["applicable"] and not options["ranked"], doc["patient_id"]
        continue
    ranked = options["ranked"]
    assert [o["rank"] for o in ranked] == list(range(1, len(ranked) + 1)), doc["patient_id"]
    for option in ranked:
        assert abs(sum(c["points"] for c in option["components"]) - option["score"]) < 1e-9, option["id"]
        assert option["evidence"]["entries"] or option["evidence"]["computed"] or \
            option["evidence"]["level"] in ("not_reviewed", "no_completed_trd_trial", "no_trd_estimate"), option["id"]
    for option in options["excluded"]:
        assert option["exclusions"] and option["rank"] is None, option["id"]
PY
    ;;
  options_explain_json)
    run options --json --explain cbt examples/b-two-classes-augmentation-cbt.json
    expect_status 0
    "${PYTHON}" - "${WORK}/out" <<'PY' || fail "explain JSON invalid"
import json, sys
doc = json.loads(open(sys.argv[1], encoding="utf-8").read())
option = doc["option"]
assert option["id"] == "cbt" and option["course"] and option["measurement"], option
assert option["exclusions"][0]["kind"] == "already_failed", option["exclusions"]
PY
    ;;
  invalid_preference)
    sed 's/"diagnosis": "mdd",/"diagnosis": "mdd", "preferences": {"prefers": ["hypnosis"]},/' \
      examples/a-early-single-failure.json >"${WORK}/pref.json"
    run validate "${WORK}/pref.json"
    expect_status 1
    expect_stderr_has "$.preferences.prefers[0]: 'hypnosis' is neither a next-step option id nor an option category"
    ;;
  validate_examples)
    run validate examples/
    expect_status 0
    for file in examples/*.json examples/*.yaml; do expect_stdout_has "${file##*/}: valid"; done
    ;;
  unknown_option)
    run assess --no-such-option examples/
    expect_status 2
    ;;
  unknown_subcommand)
    run frobnicate
    expect_status 2
    ;;
  missing_subcommand)
    run
    expect_status 2
    ;;
  missing_files)
    run assess
    expect_status 2
    ;;
  bad_dose_table)
    run assess --dose-table=bnf examples/
    expect_status 2
    ;;
  help)
    for args in "--help" "assess --help" "validate --help" "meta --help"; do
      # shellcheck disable=SC2086
      run ${args}
      expect_status 0
      expect_stdout_has "Usage:"
    done
    ;;
  nonexistent_path)
    run assess "${WORK}/no-such-file.json"
    expect_status 1
    expect_stderr_has "${WORK}/no-such-file.json"
    run validate "${WORK}/no-such-dir/"
    expect_status 1
    ;;
  yaml_directory)
    # A directory contributes *.json, *.yaml and *.yml; YAML records read like JSON ones.
    mkdir "${WORK}/records"
    cp examples/a-early-single-failure.json "${WORK}/records/a.json"
    "${REFRACT}" new >"${WORK}/records/new.yaml"
    "${REFRACT}" new >"${WORK}/records/new.yml"
    printf 'ignored' >"${WORK}/records/notes.txt"
    run validate "${WORK}/records"
    expect_status 0
    expect_stdout_has "${WORK}/records/a.json: valid"
    expect_stdout_has "${WORK}/records/new.yaml: valid"
    expect_stdout_has "${WORK}/records/new.yml: valid"
    expect_stdout_lacks "notes.txt"
    ;;
  yaml_errors)
    printf 'format: refract-patient/1\nid: a\nid: b\ntreatments: [\n' >"${WORK}/broken.yaml"
    run validate "${WORK}/broken.yaml"
    expect_status 1
    expect_stderr_has "${WORK}/broken.yaml: invalid patient record:"
    expect_stderr_has '$: not valid YAML: line 5, column 1:'
    "${REFRACT}" new | sed 's/psychotic_features: false/psychotic_features: no/' >"${WORK}/no.yaml"
    run validate "${WORK}/no.yaml"
    expect_status 1
    expect_stderr_has '$.episode.psychotic_features: must be true or false'
    ;;
  new_template_validates)
    # The template as written validates, from standard input and as a file, in YAML and JSON.
    "${REFRACT}" new | "${REFRACT}" validate - >"${WORK}/out" 2>"${WORK}/err" || fail "YAML on stdin"
    expect_stdout_has "-: valid"
    "${REFRACT}" new --json | "${REFRACT}" validate - >"${WORK}/out" 2>"${WORK}/err" ||
      fail "JSON on stdin"
    run new -o "${WORK}/patient.yaml"
    expect_status 0
    run new --json -o "${WORK}/patient.json"
    expect_status 0
    run validate "${WORK}/patient.yaml" "${WORK}/patient.json"
    expect_status 0
    run assess --json "${WORK}/patient.yaml"
    expect_status 0
    expect_stdout_has '"patient_id":"patient-001"'
    expect_stdout_has "(stopped for intolerance: akathisia)"
    ;;
  new_template_sections)
    run new
    expect_status 0
    for text in "# Diagnosis: mdd | bipolar | other" "subsyndromal | mild | moderate | severe | severe_psychotic" \
                "refract ids drugs" "refract ids augmenters" "refract ids modalities" \
                "refract ids options" "refract ids conditions" "refract ids instruments" \
                "kind: antidepressant" "kind: augmentation" "kind: psychotherapy" "kind: ect" \
                "therapist: experienced" "items: [" "total: 24" "preferences:" \
                "every date but as_of may also be a month" "start: 2024-02 "; do
      expect_stdout_has "${text}"
    done
    touch "${WORK}/exists.yaml"
    run new -o "${WORK}/exists.yaml"
    expect_status 1
    expect_stderr_has "exists; not overwritten"
    ;;
  ids_kinds)
    run ids drugs
    expect_status 0
    expect_stdout_has "sertraline"
    expect_stdout_has "SSRI"
    expect_stdout_has "50-200 mg/day"
    expect_stdout_has "Lustral, Zoloft"
    expect_stdout_lacks "aripiprazole"
    run ids
    expect_status 0
    for kind in drugs augmenters modalities adverse-effects instruments options conditions; do
      expect_stdout_has "${kind} ("
    done
    expect_stdout_has "akathisia"
    expect_stdout_has "pregnancy"
    run ids herbs
    expect_status 2
    ;;
  names_and_suggestions)
    # Brand names are read as the id and the report says so; a misspelt id gets a suggestion.
    sed -e 's/"drug": "citalopram"/"drug": "Cipramil"/' -e 's/"drug": "venlafaxine"/"drug": "Effexor XR"/' \
      examples/b-two-classes-augmentation-cbt.json >"${WORK}/brands.json"
    run assess "${WORK}/brands.json"
    expect_status 0
    expect_stdout_has "input: 'Cipramil' read as citalopram; 'Effexor XR' read as venlafaxine"
    run assess --json "${WORK}/brands.json"
    "${PYTHON}" - "${WORK}/out" <<'PY' || fail "input_notes"
import json, sys
notes = json.load(open(sys.argv[1]))["input_notes"]
assert [n["read_as"] for n in notes] == ["citalopram", "venlafaxine"], notes
assert notes[1]["path"] == "$.treatments[1].drug" and notes[1]["input"] == "Effexor XR", notes
PY
    sed 's/"agent": "aripiprazole"/"agent": "aripiprazol"/' examples/b-two-classes-augmentation-cbt.json \
      >"${WORK}/typo.json"
    run validate "${WORK}/typo.json"
    expect_status 1
    expect_stderr_has "unknown augmenting agent 'aripiprazol': did you mean 'aripiprazole'?"
    expect_stderr_has "refract ids augmenters)"
    ;;
  score_hamd_variants)
    # HAM-D item 16 is rated by history (A) or by measurement (B); both score 0-2.
    readonly HAMD_ITEMS=2,1,1,1,0,1,2,1,0,1,1,1,1,1,0,2,1
    run score --instrument hamd17 --items "${HAMD_ITEMS}" --variant 16=A
    expect_status 0
    expect_stdout_has "total: 17"
    expect_stdout_has "item 16: variant A"
    expect_stdout_has "${DISCLAIMER}"
    run score --instrument hamd17 --items "${HAMD_ITEMS}" --variant 16=B --json
    expect_status 0
    "${PYTHON}" - "${WORK}/out" <<'PY' || fail "HAM-D JSON"
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["instrument"]["id"] == "hamd17", doc
assert doc["total"] == 17 and doc["prorated"] is False, doc
assert doc["variants"] == {"16": "B"}, doc
assert doc["band"] and doc["band_scheme"], doc
PY
    run score --instrument hamd17 --items "${HAMD_ITEMS}" --variant 16=C
    expect_status 1
    expect_stderr_has "--variant: "
    expect_stderr_has "item 16: unknown variant 'C'"
    run score --instrument hamd17 --items "${HAMD_ITEMS}" --variant 16
    expect_status 1
    expect_stderr_has "--variant: '16' is not ITEM=VARIANT"
    ;;
  score_missing_variant)
    run score --instrument hamd17 --items 2,1,1,1,0,1,2,1,0,1,1,1,1,1,0,2,1
    expect_status 1
    expect_stderr_has "refract score: --variant: "
    expect_stderr_has "item 16: state which variant was rated (A or B)"
    ;;
  score_json_safety)
    # PHQ-9 item 9 above 0: a critical alert, in the JSON document with its severity.
    run score --instrument phq9 --items 1,2,1,0,3,1,0,2,1 --json
    expect_status 0
    "${PYTHON}" - "${WORK}/out" "${DISCLAIMER}" <<'PY' || fail "PHQ-9 JSON"
import json, sys
doc = json.load(open(sys.argv[1]))
assert doc["format"] == "refract-score/1", doc
assert doc["instrument"]["id"] == "phq9", doc
assert doc["total"] == 11 and doc["total_rounded"] == 11, doc
assert doc["band"] == "moderate", doc
assert doc["percentage"] is None and doc["subscales"] == [] and doc["variants"] == {}, doc
alerts = doc["safety_alerts"]
assert [a["severity"] for a in alerts] == ["critical"], alerts
assert alerts[0]["item"] == 9 and alerts[0]["value"] == 1, alerts
assert doc["disclaimer"].startswith(sys.argv[2]), doc["disclaimer"]
PY
    ;;
  score_unknown_instrument)
    run score --instrument phq8 --items 1,1
    expect_status 2
    expect_stderr_has "refract score: --instrument: unknown instrument 'phq8' (one of: "
    for id in phq9 gad7 qids_sr16 hamd17 madrs panas who5 bdi2; do expect_stderr_has "${id}"; done
    ;;
  admin_store)
    # The first admin of a new store: a generated one-time password, no default; a clinician needs a
    # team; backup while open; the audit chain verifies, and fails once a row is altered.
    store="sqlite:${WORK}/store.db"
    run admin create-user --store "${store}" --username first-admin --role admin
    expect_status 0
    expect_stdout_has "created user 'first-admin'"
    expect_stdout_has "one-time password (shown only now): "
    run admin create-user --store "${store}" --username c1 --role clinician
    expect_status 1
    expect_stderr_has "team: is required for a clinician"
    echo "a password long enough" | "${REFRACT}" admin create-user --store "${store}" \
      --username c2 --role clinician --team t --password-stdin >"${WORK}/out" 2>"${WORK}/err" ||
      fail "create-user --password-stdin"
    expect_stdout_lacks "one-time password"
    run admin backup --store "${store}" --to "${WORK}/copy.db"
    expect_status 0
    run audit verify --store "sqlite:${WORK}/copy.db"
    expect_status 0
    expect_stdout_has "audit log intact: 2 rows"
    "${PYTHON}" -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); \
c.execute(\"UPDATE audit_log SET username='x' WHERE sequence=1\"); c.commit()" "${WORK}/store.db"
    run audit verify --store "${store}"
    expect_status 1
    expect_stdout_has "audit log BROKEN at row 1"
    ;;
  meta_golden)
    # `refract meta` output, byte for byte: each line of tests/cli/meta/cases.txt is a name and
    # the arguments (FOREST stands for the forest-plot path); expected/NAME.{out,err,status,svg}.
    readonly META=tests/cli/meta
    while IFS=$'\t' read -r name args; do
      # shellcheck disable=SC2086
      run meta ${args//FOREST/${WORK}/forest.svg}
      expect_status "$(cat "${META}/expected/${name}.status")"
      cmp -s "${WORK}/out" "${META}/expected/${name}.out" || fail "${name}: stdout differs"
      cmp -s "${WORK}/err" "${META}/expected/${name}.err" || fail "${name}: stderr differs"
      if [[ -f "${META}/expected/${name}.svg" ]]; then
        cmp -s "${WORK}/forest.svg" "${META}/expected/${name}.svg" || fail "${name}: SVG differs"
      fi
    done <"${META}/cases.txt"
    ;;
  meta_plots)
    # Forest plot by subgroup and funnel plot with trim and fill: well-formed SVG documents with one
    # panel per subgroup, diamonds, the test for subgroup differences, heterogeneity, the labels
    # and title asked for, the sign convention; the funnel's contours and hollow filled studies.
    run meta --metapsy data/metapsy/depression-psyctr.csv --by format --forest "${WORK}/forest.svg" \
      --funnel "${WORK}/funnel.svg" --trimfill --title "Psychotherapy by format" \
      --favours "Favours control|Favours psychotherapy"
    expect_status 0
    "${PYTHON}" - "${WORK}/forest.svg" "${WORK}/funnel.svg" data/metapsy/depression-psyctr.csv <<'PY' ||
import csv, sys, xml.etree.ElementTree as ET
ns = "{http://www.w3.org/2000/svg}"
forest = ET.parse(sys.argv[1]).getroot()
rows = list(csv.DictReader(open(sys.argv[3], encoding="utf-8"), delimiter=";"))
formats = {r["format"] for r in rows if r[".g"] != "NA" or r["mean_arm1"] != "NA"}
panels = forest.findall(f".//{ns}g[@class='panel']")
assert len(panels) == len(formats), (len(panels), formats)
texts = [t.text or "" for t in forest.iter(f"{ns}text")]
diamonds = forest.findall(f".//{ns}polygon[@class='diamond']")
pooled = sum(1 for p in panels if p.find(f"{ns}polygon[@class='diamond']") is not None)
assert len(diamonds) == pooled + 1 and pooled >= 2, (len(diamonds), pooled)
assert "Psychotherapy by format" in texts
assert any(t.startswith("Test for subgroup differences: Q(") for t in texts)
assert sum(t.startswith("Heterogeneity: ") for t in texts) == pooled + 1
assert any("Favours control" in t for t in texts) and any("Favours psychotherapy" in t for t in texts)
assert any(t.startswith("Sign convention: values above 0 favour arm 1") for t in texts)
assert any(t.startswith("format = ") for t in texts)
funnel = ET.parse(sys.argv[2]).getroot()
assert len(funnel.findall(f".//{ns}*[@class='contour']")) == 4
observed = funnel.findall(f".//{ns}circle[@class='observed']")
filled = funnel.findall(f".//{ns}circle[@class='filled']")
note = [t.text for t in funnel.iter(f"{ns}text") if (t.text or "").startswith("Trim and fill: ")]
assert len(observed) > 400 and len(note) == 1 and note[0].split()[3] == str(len(filled)), note
PY
      fail "SVG structure"
    # One --trimfill: the text's trim-and-fill section and the funnel's hollow studies agree.
    k0="$(sed -n 's/^Estimated number of missing studies on the [a-z]* side: \([0-9]*\) .*/\1/p' "${WORK}/out")"
    [[ -n "${k0}" && "$(grep -o 'class="filled"' "${WORK}/funnel.svg" | wc -l)" -eq "${k0}" ]] ||
      fail "--trimfill: text k0 '${k0}' and the funnel's hollow studies differ"
    run meta tests/cli/meta/bcg.csv --measure RR --json
    expect_status 0
    expect_stdout_lacks '"rows"'
    run meta tests/cli/meta/bcg.csv --measure RR --json --rows --by alloc
    expect_status 0
    [[ "$(grep -c '"weight_pct"' "${WORK}/out")" -eq 26 ]] || fail "--rows: 13 overall + 13 subgroup rows"
    run meta --metapsy data/metapsy/depression-psyctr.csv --lower-is-better
    expect_status 2
    expect_stderr_has "--lower-is-better is for CSV input"
    ;;
  *)
    echo "unknown case ${CASE}" >&2
    exit 2
    ;;
esac
echo "PASS [${CASE}]"
