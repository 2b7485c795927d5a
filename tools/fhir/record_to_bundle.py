#!/usr/bin/env python3
"""Writes a synthetic FHIR R4 Bundle for each example patient record (refract-patient/1).

Usage:
  tools/fhir/record_to_bundle.py [--check] [OUT_DIR]
Reads examples/*.json and examples/*.yaml (YAML needs python3-yaml; without it the YAML examples are
skipped with a note) and writes OUT_DIR/<example name>.json (default tests/data/fhir/examples). With
--check it writes nothing and exits 1 if a committed bundle differs from what it would write (the
CTest fhir_examples_generated), so the bundles are generated, never hand-made.

The mapping is the inverse of FHIR import (docs/fhir.md): Patient (+ Refract extensions for education,
clinical factors, preferences, screened conditions), one Condition for the episode, a
MedicationStatement per pharmacological trial (RxNorm ingredient where the code table has one, else
the Refract agent code), a Procedure per non-drug course, an Observation per assessment (LOINC for
PHQ-9 / GAD-7, else the Refract instrument codes). Python 3 standard library only (+ yaml).
"""
import glob
import json
import os
import re
import sys
import uuid

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
EXT = "http://refract.example/fhir/StructureDefinition/"
CS = "http://refract.example/fhir/CodeSystem/"
LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
UCUM = "http://unitsofmeasure.org"
NAMESPACE = uuid.UUID("3b1f3c8e-5d0a-4c7e-9a51-7f1e2b6d9c40")
SEVERITY_SNOMED = {"mild": ("255604002", "Mild"), "moderate": ("6736007", "Moderate"), "severe": ("24484000", "Severe")}
RELEASE_FORMS = ("xl", "xr", "sr", "er", "cr", "mr", "la", "prolongedrelease", "modifiedrelease")


def load(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        return json.load(f)


def normalise(name):
    return re.sub(r"[\s_\-]", "", name.lower())


def name_table(*tables):
    names = {}
    for table in tables:
        for item in load("knowledge/" + table + ".json")["items"]:
            names[normalise(item["id"])] = item["id"]
            for alias in item.get("aliases", []):
                names.setdefault(normalise(alias["name"]), item["id"])
    return names


def resolve(name, names):
    key = normalise(name)
    if key in names:
        return names[key]
    for form in RELEASE_FORMS:
        if key.endswith(form) and key[: -len(form)] in names:
            return names[key[: -len(form)]]
    return name


class Tables:
    def __init__(self):
        self.agents = name_table("antidepressants", "augmenters")
        self.modalities = name_table("psychotherapies")
        self.ingredients = {}
        for entry in load("knowledge/fhir/medication_codes.json")["ingredients"]:
            self.ingredients.setdefault(entry["agent"], entry["code"])
        self.loinc = {entry["instrument"]: entry for entry in load("knowledge/fhir/instrument_codes.json")["instruments"]}
        self.instruments = {}
        for path in glob.glob(os.path.join(ROOT, "knowledge/instruments/*.json")):
            with open(path, encoding="utf-8") as f:
                definition = json.load(f)
            self.instruments[definition["id"]] = definition


def ext(name, **value):
    return dict({"url": EXT + name}, **value)


def complex_ext(name, parts):
    return {"url": EXT + name, "extension": parts}


def reference(kind, ident):
    return {"reference": kind + "/" + ident}


def value_ext(name, value):
    return ext(name, valueBoolean=value) if isinstance(value, bool) else ext(name, valueCode=value)


def patient(record):
    resource = {"resourceType": "Patient", "id": record["id"]}
    demographics = record.get("demographics") or {}
    if demographics.get("birth_date"):
        resource["birthDate"] = str(demographics["birth_date"])
    if demographics.get("sex"):
        resource["gender"] = demographics["sex"]
    extensions = []
    if demographics.get("education_years") is not None:
        extensions.append(ext("education-years", valueInteger=demographics["education_years"]))
    for factor, value in (record.get("clinical") or {}).items():
        if value is not None:
            extensions.append(complex_ext("clinical-factor", [ext("factor", valueCode=factor), value_ext("value", value)]))
    for kind in ("prefers", "declines"):
        for option in (record.get("preferences") or {}).get(kind, []):
            extensions.append(ext(kind, valueCode=option))
    for condition, present in (record.get("conditions") or {}).items():
        extensions.append(complex_ext("screened-condition", [ext("condition", valueCode=condition), ext("present", valueBoolean=present)]))
    if extensions:
        resource["extension"] = extensions
    return resource


def condition(record):
    episode = record["episode"]
    bipolar = record["diagnosis"] == "bipolar"
    code = ("371596008", "Bipolar I disorder (disorder)") if bipolar else ("370143000", "Major depressive disorder (disorder)")
    severity = episode["severity"]
    if severity in SEVERITY_SNOMED:
        severity_concept = {"coding": [{"system": SNOMED, "code": SEVERITY_SNOMED[severity][0], "display": SEVERITY_SNOMED[severity][1]}]}
    else:
        severity_concept = {"coding": [{"system": CS + "episode-severity", "code": severity}]}
    psychotic = episode.get("psychotic_features", severity == "severe_psychotic")
    extensions = [ext("psychotic-features", valueBoolean=psychotic)]
    if episode.get("lifetime_episodes") is not None:
        extensions.append(ext("lifetime-episodes", valueInteger=episode["lifetime_episodes"]))
    return {
        "resourceType": "Condition", "id": "episode", "extension": extensions,
        "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active"}]},
        "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-category", "code": "problem-list-item"}]}],
        "severity": severity_concept,
        "code": {"coding": [{"system": SNOMED, "code": code[0], "display": code[1]}]},
        "subject": reference("Patient", record["id"]),
        "onsetDateTime": str(episode["onset"]),
    }


def outcome_ext(outcome):
    parts = []
    for key in ("instrument", "judgement"):
        if outcome.get(key) is not None:
            parts.append(ext(key, valueCode=outcome[key]))
    for key in ("baseline", "end"):
        if outcome.get(key) is not None:
            parts.append(ext(key, valueInteger=outcome[key]))
    return complex_ext("trial-outcome", parts)


def trial_facts(treatment, resource_types):
    """The trial facts (trial_facts.h in the importer): extensions and statusReason."""
    extensions = []
    if treatment.get("adherence_pct") is not None:
        extensions.append(ext("adherence-pct", valueDecimal=treatment["adherence_pct"]))
    if treatment.get("prospective") is not None:
        extensions.append(ext("prospective", valueBoolean=treatment["prospective"]))
    for effect in treatment.get("adverse_effects") or []:
        extensions.append(ext("adverse-effect", valueCode=effect))
    if treatment.get("sessions") is not None:
        extensions.append(ext("sessions", valueInteger=treatment["sessions"]))
    if treatment.get("outcome"):
        extensions.append(outcome_ext(treatment["outcome"]))
    for key, unit in (("serum_level_mmol_l", "mmol/L"), ("serum_level_ng_ml", "ng/mL")):
        if treatment.get(key) is not None:
            extensions.append(ext("serum-level", valueQuantity={"value": treatment[key], "unit": unit, "system": UCUM, "code": unit}))
    for key, name in (("augments", "augments"), ("combined_with", "combined-with")):
        if treatment.get(key):
            extensions.append(ext(name, valueReference=reference(resource_types[treatment[key]], treatment[key])))
    return extensions


def period(treatment):
    value = {"start": str(treatment["start"])}
    if treatment.get("end"):
        value["end"] = str(treatment["end"])
    return value


def stop_reason(treatment):
    return {"coding": [{"system": CS + "stop-reason", "code": treatment["stop_reason"]}]}


def medication_statement(record, treatment, tables, resource_types):
    agent_name = treatment.get("drug") or treatment.get("agent")
    if treatment["kind"] == "esketamine":
        agent = "esketamine"
    else:
        agent = resolve(str(agent_name), tables.agents)
    if agent in tables.ingredients:
        concept = {"coding": [{"system": RXNORM, "code": tables.ingredients[agent], "display": agent}]}
    else:
        concept = {"coding": [{"system": CS + "agent", "code": agent}]}
    resource = {"resourceType": "MedicationStatement", "id": treatment["id"],
                "status": "completed" if treatment.get("end") else "active",
                "medicationCodeableConcept": concept, "subject": reference("Patient", record["id"]),
                "effectivePeriod": period(treatment)}
    if treatment.get("stop_reason"):
        resource["statusReason"] = [stop_reason(treatment)]
    dosage = []
    for step in treatment.get("doses") or []:
        micrograms = step.get("mcg_per_day") is not None
        dosage.append({"timing": {"repeat": {"boundsPeriod": {"start": str(step["from"])}, "frequency": 1, "period": 1, "periodUnit": "d"}},
                       "doseAndRate": [{"doseQuantity": {"value": step["mcg_per_day"] if micrograms else step["mg_per_day"],
                                                         "unit": "ug" if micrograms else "mg", "system": UCUM,
                                                         "code": "ug" if micrograms else "mg"}}]})
    if dosage:
        resource["dosage"] = dosage
    extensions = trial_facts(treatment, resource_types)
    if extensions:
        resource["extension"] = extensions
    return resource


def procedure(record, treatment, tables, resource_types):
    kind = treatment["kind"]
    codings = [{"system": CS + "treatment-kind", "code": kind}]
    if kind == "psychotherapy":
        codings.insert(0, {"system": SNOMED, "code": "75516001", "display": "Psychotherapy (regime/therapy)"})
        codings.append({"system": CS + "psychotherapy", "code": resolve(str(treatment["modality"]), tables.modalities)})
    elif kind == "ect":
        codings.insert(0, {"system": SNOMED, "code": "23835007", "display": "Electroconvulsive therapy"})
    resource = {"resourceType": "Procedure", "id": treatment["id"],
                "status": "completed" if treatment.get("end") else "in-progress",
                "code": {"coding": codings}, "subject": reference("Patient", record["id"]),
                "performedPeriod": period(treatment)}
    if treatment.get("stop_reason"):
        resource["statusReason"] = stop_reason(treatment)
    extensions = trial_facts(treatment, resource_types)
    for key, name in (("format", "therapy-format"), ("therapist", "therapist-experience"),
                      ("laterality", "ect-laterality"), ("setting", "care-setting")):
        if treatment.get(key):
            extensions.append(ext(name, valueCode=treatment[key]))
    if extensions:
        resource["extension"] = extensions
    return resource


def item_code(tables, instrument, number):
    if instrument in tables.loinc:
        return {"system": LOINC, "code": tables.loinc[instrument]["items"][number - 1]}
    return {"system": CS + "instrument-item", "code": "%s/%d" % (instrument, number)}


def observation(record, index, assessment, tables, resource_types):
    instrument = assessment["instrument"]
    definition = tables.instruments[instrument]
    loinc = tables.loinc.get(instrument)
    resource = {"resourceType": "Observation", "id": "%s-a%d" % (record["id"], index + 1), "status": "final",
                "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category", "code": "survey"}]}],
                "subject": reference("Patient", record["id"]), "effectiveDateTime": str(assessment["date"])}
    components = []
    if assessment.get("items") is not None:
        code = {"system": LOINC, "code": loinc["panel"]} if loinc else {"system": CS + "instrument", "code": instrument}
        for position, value in enumerate(assessment["items"]):
            if value is None:
                continue
            component = {"code": {"coding": [item_code(tables, instrument, position + 1)]}, "valueInteger": value}
            variant = assessment.get("item%d_variant" % (position + 1))
            if variant:
                component["extension"] = [ext("item-variant", valueCode=variant)]
            components.append(component)
    else:
        code = {"system": LOINC, "code": loinc["total"]} if loinc else {"system": CS + "instrument", "code": instrument}
        resource["valueInteger"] = assessment["total"]
        if assessment.get("safety_item") is not None:
            components.append({"code": {"coding": [item_code(tables, instrument, definition["safety_item"]["item"])]},
                               "valueInteger": assessment["safety_item"]})
    resource["code"] = {"coding": [code]}
    if components:
        resource["component"] = components
    if assessment.get("treatment"):
        resource["partOf"] = [reference(resource_types[assessment["treatment"]], assessment["treatment"])]
        if assessment.get("session") is not None:
            resource["extension"] = [ext("session", valueInteger=assessment["session"])]
    return resource


MEDICATION_KINDS = ("antidepressant", "augmentation", "combination", "esketamine")


def bundle(record, tables):
    resource_types = {t["id"]: ("MedicationStatement" if t["kind"] in MEDICATION_KINDS else "Procedure")
                      for t in record["treatments"]}
    resources = [patient(record), condition(record)]
    for treatment in record["treatments"]:
        make = medication_statement if treatment["kind"] in MEDICATION_KINDS else procedure
        resources.append(make(record, treatment, tables, resource_types))
    for index, assessment in enumerate(record.get("assessments") or []):
        resources.append(observation(record, index, assessment, tables, resource_types))
    entries = [{"fullUrl": "urn:uuid:" + str(uuid.uuid5(NAMESPACE, record["id"] + "/" + r["resourceType"] + "/" + r["id"])),
                "resource": r} for r in resources]
    return {"resourceType": "Bundle", "id": record["id"] + "-bundle", "type": "collection",
            "timestamp": str(record["as_of"]) + "T00:00:00Z", "entry": entries}


def read_records():
    records = []
    for path in sorted(glob.glob(os.path.join(ROOT, "examples", "*.json"))):
        with open(path, encoding="utf-8") as f:
            records.append((path, json.load(f)))
    yaml_paths = sorted(glob.glob(os.path.join(ROOT, "examples", "*.yaml")))
    try:
        import yaml
    except ImportError:
        if yaml_paths:
            print("record_to_bundle: python3-yaml is not installed: YAML examples skipped", file=sys.stderr)
        return records
    for path in yaml_paths:
        with open(path, encoding="utf-8") as f:
            records.append((path, yaml.safe_load(f)))
    return records


def main(arguments):
    check = "--check" in arguments
    rest = [a for a in arguments if a != "--check"]
    out_dir = rest[0] if rest else os.path.join(ROOT, "tests", "data", "fhir", "examples")
    tables = Tables()
    differ = []
    for path, record in read_records():
        name = os.path.splitext(os.path.basename(path))[0] + ".json"
        text = json.dumps(bundle(record, tables), indent=1, ensure_ascii=False) + "\n"
        target = os.path.join(out_dir, name)
        if check:
            existing = open(target, encoding="utf-8").read() if os.path.exists(target) else None
            if existing != text:
                differ.append(target)
        else:
            with open(target, "w", encoding="utf-8") as f:
                f.write(text)
    if differ:
        print("record_to_bundle: not what the generator writes (run tools/fhir/record_to_bundle.py): " + ", ".join(differ), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
