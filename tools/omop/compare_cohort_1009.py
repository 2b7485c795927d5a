#!/usr/bin/env python3
"""Compares OHDSI cohort 1009 (run as SQL, tools/omop/cohort_1009.py) with Refract's `two_failures`
result under the treatment-sequence outcome rule (`refract cohort --out FILE.csv`) on the same OMOP
data in PostgreSQL: the 2x2 table, Cohen's kappa (Cohen 1960, Educ Psychol Meas 20:37-46) and a
class for every person on whom they disagree (docs/omop.md explains each class).

  tools/omop/compare_cohort_1009.py --uri URI --schema CDM --cohort IDS.txt --results RESULTS.csv
                                    [--json OUT.json] [--markdown OUT.md]

IDS.txt: cohort 1009's person ids, one per line. The classes come from per-person facts read with
SQL from the derived drug_era (tools/omop/derive_eras.sql) and the clinical tables, checked in the
order of CLASSES; a disagreement that fits none is "unclassified" and the exit status is 1.
"""
import argparse
import csv
import json
import pathlib
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent

# Cohort 1009's concept sets (tools/omop/ohdsi/cohort-1009.json): 16 first-line antidepressants,
# 11 atypical antipsychotics (without fluoxetine), 18 MDD; 8 mania, 10 psychosis, 15 dementia.
def concept_sets():
    definition = json.loads((HERE / "ohdsi" / "cohort-1009.json").read_text())
    sets = {}
    for concept_set in definition["ConceptSets"]:
        included = [i["concept"]["CONCEPT_ID"] for i in concept_set["expression"]["items"]
                    if not i.get("isExcluded")]
        sets[concept_set["id"]] = included
    return sets


def procedure_codes(kind):
    mapping = json.loads((ROOT / "knowledge" / "omop" / "omop_mapping.json").read_text())
    return [(p["vocabulary"], p["code"]) for p in mapping["procedures"] if p["kind"] == kind]


def facts_sql(schema, sets):
    ids = lambda n: ",".join(str(i) for i in sets[n]) or "NULL"
    codes = lambda kind: ",".join(f"('{v}','{c}')" for v, c in procedure_codes(kind))
    return f"""
WITH ad AS (SELECT person_id, drug_concept_id, drug_era_start_date s, drug_era_end_date e
            FROM {schema}.drug_era WHERE drug_concept_id IN ({ids(16)})),
aap AS (SELECT person_id, drug_era_start_date s FROM {schema}.drug_era WHERE drug_concept_id IN ({ids(11)})),
dx AS (SELECT person_id, condition_concept_id c FROM {schema}.condition_occurrence),
procs AS (SELECT DISTINCT p.person_id FROM {schema}.procedure_occurrence p
          JOIN {schema}.concept c ON c.concept_id = p.procedure_concept_id
          WHERE (c.vocabulary_id, c.concept_code) IN ({codes('ect')},{codes('rtms')}))
SELECT p.person_id,
  EXISTS (SELECT 1 FROM aap JOIN ad ON ad.person_id = aap.person_id AND ad.s <= aap.s
          AND ad.e >= aap.s - 365 WHERE aap.person_id = p.person_id) AS aap_with_ad,
  EXISTS (SELECT 1 FROM aap WHERE aap.person_id = p.person_id) AS any_aap,
  EXISTS (SELECT 1 FROM ad a3 WHERE a3.person_id = p.person_id AND
          (SELECT COUNT(DISTINCT a.drug_concept_id) FROM ad a WHERE a.person_id = p.person_id
           AND a.s <= a3.s AND a.e >= a3.s - 365) >= 3) AS third_ad_within_year,
  (SELECT COUNT(DISTINCT drug_concept_id) FROM ad WHERE ad.person_id = p.person_id) AS distinct_ads,
  EXISTS (SELECT 1 FROM procs WHERE procs.person_id = p.person_id) AS ect_or_rtms,
  EXISTS (SELECT 1 FROM dx WHERE dx.person_id = p.person_id AND dx.c IN ({ids(8)},{ids(10)},{ids(15)})) AS excluding_dx
FROM {schema}.person p ORDER BY p.person_id
"""


def read_facts(uri, schema):
    out = subprocess.run(["psql", uri, "-X", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c",
                          facts_sql(schema, concept_sets())], text=True, capture_output=True)
    if out.returncode != 0:
        sys.exit(f"compare_cohort_1009: psql failed: {out.stderr.strip()}")
    facts = {}
    for line in out.stdout.splitlines():
        pid, aap_with_ad, any_aap, third, distinct, procs, excl = line.split("\t")
        facts[int(pid)] = dict(aap_with_ad=aap_with_ad == "t", any_aap=any_aap == "t",
                               third_ad_within_year=third == "t", distinct_ads=int(distinct),
                               ect_or_rtms=procs == "t", excluding_dx=excl == "t")
    return facts


def read_refract(path):
    persons = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            person = persons.setdefault(int(row["person_id"]), dict(
                status=row["status"], meets=False,
                adequate=int(row["adequate_antidepressant_trials"] or 0)))
            if row["rule"] == "treatment-sequence" and row["model"] == "two_failures":
                person["meets"] = row["meets"] == "true"
    return persons


# (class id, side, predicate on facts + refract row). side: "1009" = in 1009 only, "refract" =
# Refract only. The first matching class names the disagreement.
CLASSES = [
    ("excluded_diagnosis", "1009", lambda f, r: r["status"] in ("bipolar", "other_diagnosis"),
     "Refract excludes the person for a bipolar or psychotic diagnosis at any time; cohort 1009 only "
     "for one on or before its index date"),
    ("augmentation_entry", "1009", lambda f, r: f["aap_with_ad"] and r["adequate"] < 2,
     "cohort 1009 enters on an atypical antipsychotic added to an antidepressant (one antidepressant "
     "suffices); Refract needs two failed adequate antidepressant trials"),
    ("inadequate_trials", "1009", lambda f, r: r["adequate"] < 2,
     "cohort 1009 counts antidepressants of any duration and dose; Refract counts a trial only when "
     "adequate (>= 6 weeks at the minimum dose or with the dose unrecorded)"),
    ("failures_not_followed", "1009", lambda f, r: r["adequate"] >= 2,
     "Refract has two adequate trials but not two failures: a trial counts as failed only when a "
     "next step follows it within 90 days in the same episode, while cohort 1009 needs no outcome"),
    ("ect_or_rtms_next_step", "refract", lambda f, r: f["ect_or_rtms"] and not f["third_ad_within_year"]
     and not f["aap_with_ad"],
     "Refract counts a trial followed by ECT or rTMS as failed; cohort 1009 has no procedure entry"),
    ("non_antipsychotic_augmentation", "refract", lambda f, r: f["distinct_ads"] < 3
     and not f["aap_with_ad"],
     "Refract counts a trial followed by any augmentation (e.g. lithium) or a combination as failed; "
     "cohort 1009 needs a third distinct antidepressant or an atypical antipsychotic"),
    ("sequence_longer_than_a_year", "refract", lambda f, r: not f["third_ad_within_year"],
     "the three antidepressants span more than 365 days: Refract's episode holds them, cohort "
     "1009's look-back does not"),
    ("index_criteria", "refract", lambda f, r: f["third_ad_within_year"] or f["aap_with_ad"],
     "cohort 1009 has an entry event but its index-date criteria fail: no MDD code in the 365 days "
     "before it, or a mania, psychosis or dementia code on or before it"),
]


def kappa(table):
    n = sum(table.values())
    po = (table[(True, True)] + table[(False, False)]) / n
    a = (table[(True, True)] + table[(True, False)]) / n
    b = (table[(True, True)] + table[(False, True)]) / n
    pe = a * b + (1 - a) * (1 - b)
    return (po - pe) / (1 - pe) if pe < 1 else 1.0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--uri", required=True)
    parser.add_argument("--schema", required=True)
    parser.add_argument("--cohort", required=True)
    parser.add_argument("--results", required=True)
    parser.add_argument("--json")
    parser.add_argument("--markdown")
    args = parser.parse_args()
    in_1009 = {int(x) for x in pathlib.Path(args.cohort).read_text().split()}
    refract = read_refract(args.results)
    facts = read_facts(args.uri, args.schema)
    table = {(a, b): 0 for a in (True, False) for b in (True, False)}
    classes = {c[0]: 0 for c in CLASSES}
    classes["unclassified"] = 0
    for pid, r in refract.items():
        ohdsi = pid in in_1009
        table[(ohdsi, r["meets"])] += 1
        if ohdsi == r["meets"]:
            continue
        side = "1009" if ohdsi else "refract"
        f = facts[pid]
        name = next((c[0] for c in CLASSES if c[1] == side and c[2](f, r)), "unclassified")
        classes[name] += 1
    k = kappa(table)
    result = {"persons": len(refract), "both": table[(True, True)], "cohort_1009_only": table[(True, False)],
              "refract_only": table[(False, True)], "neither": table[(False, False)], "kappa": round(k, 4),
              "disagreement_classes": classes}
    text = json.dumps(result, indent=1) + "\n"
    if args.json:
        pathlib.Path(args.json).write_text(text)
    md = [f"| | Refract two_failures (sequence rule) | not |", "|---|---|---|",
          f"| cohort 1009 | {result['both']} | {result['cohort_1009_only']} |",
          f"| not | {result['refract_only']} | {result['neither']} |", "",
          f"Cohen's kappa: {k:.3f} ({len(refract)} persons)", "", "| class | side | persons | why |", "|---|---|---|---|"]
    for cid, side, _, why in CLASSES:
        md.append(f"| {cid} | {'1009 only' if side == '1009' else 'Refract only'} | {classes[cid]} | {why} |")
    md.append(f"| unclassified | | {classes['unclassified']} | |")
    if args.markdown:
        pathlib.Path(args.markdown).write_text("\n".join(md) + "\n")
    sys.stdout.write(text)
    return 1 if classes["unclassified"] else 0


if __name__ == "__main__":
    sys.exit(main())
