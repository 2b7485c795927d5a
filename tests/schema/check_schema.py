#!/usr/bin/env python3
"""Checks docs/schema/refract-patient-1.schema.json against the examples and a set of variants.

  check_schema.py --schema SCHEMA --examples DIR [--refract PATH]

1. The schema is a valid draft 2020-12 schema.
2. Every examples/*.json record is accepted.
3. Valid variants (nulls for optional fields, mcg doses, lithium by serum level, ...) are accepted.
4. Invalid variants (unknown or misplaced fields, wrong types, enums, ranges, per-kind rules) are rejected.
5. Reader-only variants (cross-field rules and knowledge lookups, which a schema cannot express) are
   accepted by the schema: they document where the schema stops and the reader takes over.
With --refract, every variant is also given to `refract validate`, which must agree: exit 0 for
valid records, exit 1 for invalid and reader-only ones. Uses Debian's python3-jsonschema (>= 4.0).
"""
import argparse
import copy
import glob
import json
import os
import subprocess
import sys
import tempfile

import jsonschema


def trial(record, trial_id):
    return next(t for t in record["treatments"] if t["id"] == trial_id)


def mutate(base, change):
    record = copy.deepcopy(base)
    change(record)
    return record


# Each case: (name, base example file, change). `r` is the record, `t(r, id)` a trial in it.
def set_(path_fn, key, value):
    def change(r):
        path_fn(r)[key] = value
    return change


def delete(path_fn, key):
    def change(r):
        del path_fn(r)[key]
    return change


ROOT = lambda r: r  # noqa: E731
EPISODE = lambda r: r["episode"]  # noqa: E731


def T(trial_id):
    return lambda r: trial(r, trial_id)


def DOSE(trial_id, index=0):
    return lambda r: trial(r, trial_id)["doses"][index]


def OUTCOME(trial_id):
    return lambda r: trial(r, trial_id)["outcome"]


B = "b-two-classes-augmentation-cbt.json"
C = "c-chronic-psychotic-highly-resistant.json"
F = "f-remission-after-esketamine.json"

VALID = [
    ("optional fields given as null", B, lambda r: (
        r.update(clinical=None, demographics={"birth_date": None, "sex": None, "education_years": None}),
        trial(r, "T1").update(end=None, adherence_pct=None, stop_reason=None, prospective=None),
        trial(r, "T4").update(therapist=None, format=None, combined_with=None))),
    ("no treatments yet", B, set_(ROOT, "treatments", [])),
    ("dose in mcg_per_day", C, set_(T("T7A"), "doses", [{"from": "2023-11-27", "mcg_per_day": 10000}])),
    ("mg_per_day with mcg_per_day null", B, set_(DOSE("T1"), "mcg_per_day", None)),
    ("scores and judgement together", B, set_(OUTCOME("T1"), "judgement", "nonresponse")),
    ("instrument without scores, with judgement", B, set_(ROOT, "treatments", [
        {"id": "T1", "kind": "antidepressant", "drug": "citalopram", "start": "2024-10-01",
         "doses": [{"from": "2024-10-01", "mg_per_day": 20}],
         "outcome": {"instrument": "madrs", "judgement": "partial_response"}}])),
    ("severe_psychotic with psychotic_features omitted", C, delete(EPISODE, "psychotic_features")),
    ("ongoing trial (no end)", C, delete(T("T7"), "end")),
    ("preferences by option and category", B, set_(ROOT, "preferences",
                                                   {"prefers": ["psychotherapy", "ipt"], "declines": ["ect"]})),
    ("screened conditions", B, set_(ROOT, "conditions", {"pregnancy": False, "metal_implant": True,
                                                         "active_suicidality": None})),
    ("atypical features", B, set_(lambda r: r["clinical"], "atypical_features", True)),
    ("onset recorded by month", B, set_(EPISODE, "onset", "2024-06")),
    ("birth date recorded by year", B, set_(lambda r: r["demographics"], "birth_date", "1980")),
    ("trial start and end recorded by month", B, lambda r: (
        trial(r, "T4").update(start="2025-03", end="2025-06"))),
]

INVALID = [
    ("unknown top-level field", B, set_(ROOT, "name", "Jane Doe")),
    ("wrong format", B, set_(ROOT, "format", "refract-patient/2")),
    ("missing as_of", B, delete(ROOT, "as_of")),
    ("required field null", B, set_(ROOT, "diagnosis", None)),
    ("diagnosis not in enum", B, set_(ROOT, "diagnosis", "mdd_recurrent")),
    ("missing episode onset", B, delete(EPISODE, "onset")),
    ("severity not in enum", B, set_(EPISODE, "severity", "very_severe")),
    ("severe_psychotic without psychotic features", C, set_(EPISODE, "psychotic_features", False)),
    ("lifetime_episodes 0", B, set_(EPISODE, "lifetime_episodes", 0)),
    ("education_years out of range", B, set_(lambda r: r["demographics"], "education_years", 41)),
    ("date not YYYY-MM-DD", B, set_(T("T1"), "start", "01/10/2024")),
    ("month 13", B, set_(T("T1"), "end", "2024-13-01")),
    ("as_of recorded by month", B, set_(ROOT, "as_of", "2025-06")),
    ("partial date with month 13", B, set_(EPISODE, "onset", "2024-13")),
    ("partial date with a one-digit month", B, set_(T("T1"), "start", "2024-4")),
    ("empty trial id", B, set_(T("T1"), "id", "")),
    ("kind not in enum", B, set_(T("T1"), "kind", "ssri")),
    ("antidepressant without doses", B, delete(T("T1"), "doses")),
    ("empty dose timeline", B, set_(T("T1"), "doses", [])),
    ("dose step with mg and mcg", B, set_(DOSE("T1"), "mcg_per_day", 20000)),
    ("dose step without amount", B, delete(DOSE("T1"), "mg_per_day")),
    ("dose 0 mg", B, set_(DOSE("T1"), "mg_per_day", 0)),
    ("dose given as a string", B, set_(DOSE("T1"), "mg_per_day", "20")),
    ("unknown field in a dose step", B, set_(DOSE("T1"), "unit", "mg")),
    ("adherence above 100", B, set_(T("T1"), "adherence_pct", 120)),
    ("combination without augments", B, set_(ROOT, "treatments", [
        {"id": "T1", "kind": "antidepressant", "drug": "citalopram", "start": "2024-10-01",
         "doses": [{"from": "2024-10-01", "mg_per_day": 20}]},
        {"id": "T2", "kind": "combination", "drug": "mirtazapine", "start": "2024-10-01",
         "doses": [{"from": "2024-10-01", "mg_per_day": 15}]}])),
    ("augmentation without agent", B, delete(T("T3"), "agent")),
    ("drug on an augmentation (misplaced field)", B, set_(T("T3"), "drug", "aripiprazole")),
    ("augments on a monotherapy (misplaced field)", B, set_(T("T1"), "augments", "T2")),
    ("psychotherapy without sessions", B, delete(T("T4"), "sessions")),
    ("sessions as a string", B, set_(T("T4"), "sessions", "12")),
    ("sessions negative", B, set_(T("T4"), "sessions", -1)),
    ("therapist not in enum", B, set_(T("T4"), "therapist", "senior")),
    ("doses on a psychotherapy (misplaced field)", B, set_(T("T4"), "doses", [{"from": "2025-03-10", "mg_per_day": 1}])),
    ("ECT laterality not in enum", C, set_(T("T5"), "laterality", "unilateral")),
    ("doses on esketamine (misplaced field)", F, set_(T("K1"), "doses", [{"from": "2026-01-12", "mg_per_day": 56}])),
    ("outcome on intensified care", C, set_(T("H1"), "outcome", {"judgement": "nonresponse"})),
    ("intensified care without setting", C, delete(T("H1"), "setting")),
    ("empty outcome", B, set_(T("T1"), "outcome", {})),
    ("scores without instrument", B, delete(OUTCOME("T1"), "instrument")),
    ("score not an integer", B, set_(OUTCOME("T1"), "end", 26.5)),
    ("judgement not in enum", B, set_(OUTCOME("T4"), "judgement", "worse")),
    ("stop_reason not in enum", B, set_(T("T1"), "stop_reason", "side_effects")),
    ("prospective not a boolean", B, set_(T("T1"), "prospective", "yes")),
    ("unknown field in preferences", B, set_(ROOT, "preferences", {"likes": ["cbt"]})),
    ("preferences not a list", B, set_(ROOT, "preferences", {"declines": "ect"})),
    ("unknown condition", B, set_(ROOT, "conditions", {"mania": True})),
    ("condition recorded elsewhere (bipolar)", B, set_(ROOT, "conditions", {"bipolar": False})),
    ("condition not a boolean", B, set_(ROOT, "conditions", {"pregnancy": "no"})),
]

# Accepted by the schema, rejected by the reader (cross-field rules and knowledge lookups).
READER_ONLY = [
    ("end before start", B, set_(T("T1"), "end", "2024-09-01")),
    ("trial after as_of", B, set_(T("T4"), "end", "2025-09-01")),
    ("onset after as_of", B, set_(EPISODE, "onset", "2025-09-01")),
    ("dose steps out of order", B, set_(T("T2"), "doses", [{"from": "2025-01-13", "mg_per_day": 150},
                                                           {"from": "2024-12-16", "mg_per_day": 75}])),
    ("day that does not exist", B, set_(T("T1"), "end", "2024-11-31")),
    ("duplicate trial id", B, set_(T("T2"), "id", "T1")),
    ("augments names a missing trial", B, set_(T("T3"), "augments", "T9")),
    ("unknown drug", B, set_(T("T1"), "drug", "sertralin")),
    ("unknown instrument", B, set_(OUTCOME("T1"), "instrument", "madrs10")),
    ("score above the instrument maximum", B, set_(OUTCOME("T1"), "baseline", 61)),
    ("serum level for a drug without a serum window", B, set_(T("T1"), "serum_level_ng_ml", 80)),
    ("augmentation by dose without doses", B, delete(T("T3"), "doses")),
    ("integer written with a decimal point", B, set_(T("T4"), "sessions", 12.0)),
    ("unknown option id in preferences", B, set_(ROOT, "preferences", {"prefers": ["hypnosis"]})),
    ("option both preferred and declined", B, set_(ROOT, "preferences",
                                                   {"prefers": ["ect"], "declines": ["ect"]})),
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--schema", required=True)
    parser.add_argument("--examples", required=True)
    parser.add_argument("--refract", help="path of the refract binary; checks that the reader agrees")
    args = parser.parse_args()

    with open(args.schema, encoding="utf-8") as f:
        schema = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)

    examples = {os.path.basename(p): json.load(open(p, encoding="utf-8"))
                for p in sorted(glob.glob(os.path.join(args.examples, "*.json")))}
    if not examples:
        print(f"no examples in {args.examples}", file=sys.stderr)
        return 1

    cases = [(f"example {name}", record, True, True) for name, record in examples.items()]
    for group, schema_ok, reader_ok in ((VALID, True, True), (INVALID, False, False),
                                        (READER_ONLY, True, False)):
        for name, base, change in group:
            cases.append((name, mutate(examples[base], change), schema_ok, reader_ok))

    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        for index, (name, record, schema_ok, reader_ok) in enumerate(cases):
            errors = list(validator.iter_errors(record))
            if bool(errors) == schema_ok:
                detail = "; ".join(e.message for e in errors[:2]) or "accepted"
                failures.append(f"schema {'rejected' if errors else 'accepted'} '{name}': {detail}")
            if args.refract:
                path = os.path.join(tmp, f"case-{index}.json")
                with open(path, "w", encoding="utf-8") as f:
                    json.dump(record, f)
                run = subprocess.run([args.refract, "validate", path], capture_output=True, text=True)
                if run.returncode != (0 if reader_ok else 1):
                    failures.append(f"reader exit {run.returncode} for '{name}' (expected "
                                    f"{0 if reader_ok else 1}): {run.stderr.strip()}")

    for failure in failures:
        print("FAIL", failure)
    print(f"{len(cases)} cases, {len(failures)} failures"
          f"{'' if args.refract else ' (schema only; pass --refract to compare with the reader)'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
