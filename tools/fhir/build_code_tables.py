#!/usr/bin/env python3
"""Writes knowledge/fhir/{medication,condition,procedure}_codes.json from the shared interoperability
code lists (the VSAC eCQM/QI-Core 2024 expansions, the PhenotypeLibrary/US Core ingredient crosswalk
and the procedures-and-conditions list; provenance and licences in docs/fhir.md).

Usage: tools/fhir/build_code_tables.py INTEROP_CODES_DIR   (e.g. ../shared/data/interop/codes)
Python 3 standard library only. The tables are committed; this script documents how they were made.
"""
import csv
import json
import os
import re
import sys

RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm"
SNOMED = "http://snomed.info/sct"
ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm"
CPT = "http://www.ama-assn.org/go/cpt"
VSAC = "vsac-ecqm-qicore-2024/"
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")


def knowledge_ids(table):
    with open(os.path.join(ROOT, "knowledge", table + ".json"), encoding="utf-8") as f:
        return {item["id"] for item in json.load(f)["items"]}


def value_set(codes_dir, oid):
    with open(os.path.join(codes_dir, VSAC, "valueset-" + oid + ".json"), encoding="utf-8") as f:
        document = json.load(f)
    return document["url"], document["expansion"]["contains"]


SALTS = r"(?: (?:hydrochloride|hydrobromide|mesylate|sulfate|maleate|succinate|oxalate|citrate|fumarate|carbonate|tartrate|besylate))?"
SCD = re.compile(r"^(?:\d+ HR )?(?:Sprinkle )?([a-z]+)" + SALTS + r" ([\d.]+) MG (?!/)(.*)$")


def medication_table(codes_dir):
    agents = knowledge_ids("antidepressants") | knowledge_ids("augmenters")
    ingredients = []
    with open(os.path.join(codes_dir, "antidepressant_ingredients_crosswalk.csv"), encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for column in ("rxnorm_in_phenotypelibrary_1009", "rxnorm_in_uscore_allergy_vs"):
                code = row[column]
                if code and row["ingredient"] in agents | {"esketamine"} and \
                        all(i["code"] != code for i in ingredients):
                    ingredients.append({"code": code, "agent": row["ingredient"],
                                        "verification": "V" if row["agree"] == "yes" else "U"})
    drugs = {}
    for oid in ("2.16.840.1.113883.3.526.3.1566", "2.16.840.1.113883.3.464.1003.196.12.1213"):
        url, contains = value_set(codes_dir, oid)
        for concept in contains:
            match = SCD.match(concept["display"])
            if not match or "/" in concept["display"] or "{" in concept["display"]:
                continue
            name, strength, form = match.groups()
            agent = name
            if name == "paroxetine" and "Extended Release" in form:
                agent = "paroxetine_cr"
            if agent not in agents:
                continue
            drugs[concept["code"]] = {"code": concept["code"], "display": concept["display"],
                                      "agent": agent, "strength_mg": float(strength)}
    return {
        "table": "fhir_medication_codes",
        "version": "2026-12-06",
        "description": "RxNorm codes read by FHIR import: ingredients (IN) -> Refract agent id, and single-ingredient clinical drugs (SCD) -> agent id and strength in mg per unit (tablet, capsule), so that a dose in units becomes mg per day. Combination products, packs and transdermal systems are left out (not mapped).",
        "system": RXNORM,
        "source": "Ingredients: OHDSI PhenotypeLibrary cohort 1009 concept sets and the US Core allergy-substance value set (crosswalk joined by ingredient). Clinical drugs: VSAC value sets Adult Depression Medications (2.16.840.1.113883.3.526.3.1566) and Antidepressant Medication (2.16.840.1.113883.3.464.1003.196.12.1213), eCQM/QI-Core 2024 expansions; strength and ingredient read from the RxNorm SCD name.",
        "verification": "V: ingredient codes where both sources agree (per-row tag); clinical drugs as listed in the VSAC expansions",
        "ingredients": ingredients,
        "clinical_drugs": sorted(drugs.values(), key=lambda d: (d["agent"], d["strength_mg"], d["code"])),
    }


def condition_entry(system, code, display):
    text = display.lower()
    bipolar = "bipolar" in text or "manic" in text or "mania" in text
    if not bipolar and "depress" not in text:
        return None
    entry = {"system": system, "code": code, "display": display,
             "diagnosis": "bipolar" if bipolar else "mdd"}
    if "recurrent" in text:
        entry["episodes"] = "recurrent"
    elif "single episode" in text:
        entry["episodes"] = "single"
    for severity in ("mild", "moderate", "severe"):
        if re.search(r"\b" + severity + r"\b", text):
            entry["severity"] = severity
    entry["psychotic_features"] = ("psychotic" in text or "psychosis" in text) and "without psychotic" not in text
    if "remission" in text:
        entry["remission"] = "partial" if "partial" in text else "full"
    return entry


def condition_table(codes_dir):
    codes = {}
    for oid in ("2.16.840.1.113883.3.526.3.1491", "2.16.840.113883.3.67.1.101.3.2444",
                "2.16.840.1.113883.3.67.1.101.1.128"):
        _, contains = value_set(codes_dir, oid)
        for concept in contains:
            entry = condition_entry(concept["system"], concept["code"], concept["display"])
            if entry:
                codes[(concept["system"], concept["code"])] = entry
    return {
        "table": "fhir_condition_codes",
        "version": "2026-12-06",
        "description": "SNOMED CT and ICD-10-CM codes of depressive and bipolar disorders read by FHIR import: diagnosis (mdd / bipolar), single or recurrent episodes, severity and psychotic features as the code's name states them, and remission.",
        "source": "VSAC value sets Major Depressive Disorder Active (2.16.840.1.113883.3.526.3.1491), Major Depression Including Remission (2.16.840.113883.3.67.1.101.3.2444) and Bipolar Disorder (2.16.840.1.113883.3.67.1.101.1.128), eCQM/QI-Core 2024 expansions; attributes parsed from the code display names",
        "verification": "V: codes as listed in the VSAC expansions; attributes read from their display names",
        "codes": sorted(codes.values(), key=lambda e: (e["system"], e["code"])),
    }


def procedure_table():
    def code(system, value, display, kind, verification, **extra):
        return dict({"system": system, "code": value, "display": display, "kind": kind,
                     "verification": verification}, **extra)
    vsac_pt = "VSAC Psych Visit Psychotherapy 2.16.840.1.113883.3.526.3.1496"
    vsac_group = "VSAC Group Psychotherapy 2.16.840.1.113883.3.526.3.1187"
    weak = "CPT per a public SQL view whose repository could not be identified; no authoritative value set found"
    return {
        "table": "fhir_procedure_codes",
        "version": "2026-12-06",
        "description": "CPT and SNOMED CT procedure codes read by FHIR import as psychotherapy, ECT or rTMS trials. Each Procedure is one session unless it states a session count (Refract extension sessions); Procedures of one kind and modality less than the persistence gap apart form one trial.",
        "source": "VSAC eCQM/QI-Core 2024 expansions (psychotherapy), OHDSI PhenotypeLibrary cohort 928 (ECT SNOMED 23835007); rTMS and ECT CPT codes: see the per-code source",
        "verification": "per code: V = listed in the cited value set, U = weak source, configurable",
        "codes": [
            code(CPT, "90832", "Psychotherapy, 30 minutes with patient", "psychotherapy", "V", source=vsac_pt, format="individual"),
            code(CPT, "90834", "Psychotherapy, 45 minutes with patient", "psychotherapy", "V", source=vsac_pt, format="individual"),
            code(CPT, "90837", "Psychotherapy, 60 minutes with patient", "psychotherapy", "V", source=vsac_pt, format="individual"),
            code(CPT, "90853", "Group psychotherapy (other than of a multiple-family group)", "psychotherapy", "V", source=vsac_group, format="group"),
            code(SNOMED, "183383008", "Psychotherapy - cognitive (regime/therapy)", "psychotherapy", "V", source=vsac_pt, modality="cbt"),
            code(SNOMED, "18512000", "Individual psychotherapy (regime/therapy)", "psychotherapy", "V", source=vsac_pt, format="individual"),
            code(SNOMED, "75516001", "Psychotherapy (regime/therapy)", "psychotherapy", "V", source=vsac_pt),
            code(SNOMED, "76168009", "Group psychotherapy (regime/therapy)", "psychotherapy", "V", source=vsac_group, format="group"),
            code(SNOMED, "23835007", "Electroconvulsive therapy", "ect", "V", source="OHDSI PhenotypeLibrary cohort 928 (OMOP concept 4030840)"),
            code(CPT, "90870", "Electroconvulsive therapy", "ect", "U", source=weak),
            code(CPT, "90867", "Therapeutic repetitive transcranial magnetic stimulation, initial", "rtms", "U", source=weak),
            code(CPT, "90868", "Therapeutic repetitive transcranial magnetic stimulation, subsequent delivery", "rtms", "U", source=weak),
            code(CPT, "90869", "Therapeutic repetitive transcranial magnetic stimulation, subsequent motor threshold re-determination with delivery", "rtms", "U", source=weak),
        ],
    }


def write(name, table):
    with open(os.path.join(ROOT, "knowledge", "fhir", name), "w", encoding="utf-8") as f:
        f.write(json.dumps(table, indent=1, ensure_ascii=False) + "\n")


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    write("medication_codes.json", medication_table(sys.argv[1]))
    write("condition_codes.json", condition_table(sys.argv[1]))
    write("procedure_codes.json", procedure_table())


if __name__ == "__main__":
    main()
