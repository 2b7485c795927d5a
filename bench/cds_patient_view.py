#!/usr/bin/env python3
"""bench/cds_patient_view.py: the inputs of bench/cds_bench.sh.

  bench/cds_patient_view.py OUT_DIR PUBLIC_URL

Writes into OUT_DIR:
  body.json    a CDS Hooks patient-view request for a synthetic patient with 50 MedicationRequests
               (sertraline, escitalopram, venlafaxine and mirtazapine prescriptions, one month each,
               2021-2025, the last one active) and 30 PHQ-9 total Observations (LOINC 44261-6 with
               item 9, 44260-8, as a component; every 6 weeks, item 9 = 0) in `prefetch`;
  config.json  the CDS configuration: the CDS Hooks 2.0.1 spec's example issuer and JWKS (spec-24),
               replay_check false and max_lifetime_seconds one day (the benchmark reuses one token);
  token.txt    "Bearer <JWT>": ES384, signed with the spec's example private key (spec-25), aud =
               PUBLIC_URL/cds-services/refract-patient-view, valid for one day.
Synthetic data only. Needs python3-cryptography.
"""
import base64
import datetime
import json
import pathlib
import sys
import time
import uuid

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, utils

ROOT = pathlib.Path(__file__).resolve().parent.parent
SPEC = ROOT / "tests/data/cds-hooks/spec-2.0.1"
RXNORM = [("36437", "sertraline", 100), ("321988", "escitalopram", 10), ("39786", "venlafaxine", 150),
          ("15996", "mirtazapine", 30)]


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_int(text: str) -> int:
    return int.from_bytes(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)), "big")


def sign_es384(jwk: dict, header: dict, claims: dict) -> str:
    key = ec.derive_private_key(b64url_int(jwk["d"]), ec.SECP384R1())
    signing_input = b64url(json.dumps(header).encode()) + "." + b64url(json.dumps(claims).encode())
    r, s = utils.decode_dss_signature(key.sign(signing_input.encode(), ec.ECDSA(hashes.SHA384())))
    return signing_input + "." + b64url(r.to_bytes(48, "big") + s.to_bytes(48, "big"))


def searchset(resources):
    return {"resourceType": "Bundle", "type": "searchset",
            "entry": [{"resource": resource} for resource in resources]}


def medication_requests(patient):
    start = datetime.date(2021, 1, 4)
    requests = []
    for i in range(50):
        code, name, mg = RXNORM[(i // 12) % len(RXNORM)]
        begin = start + datetime.timedelta(days=30 * i)
        end = begin + datetime.timedelta(days=29)
        requests.append({
            "resourceType": "MedicationRequest", "id": f"mr-{i}",
            "status": "active" if i == 49 else "completed", "intent": "order",
            "medicationCodeableConcept": {"coding": [{
                "system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": code, "display": name}]},
            "subject": {"reference": f"Patient/{patient}"}, "authoredOn": begin.isoformat(),
            "dosageInstruction": [{
                "timing": {"repeat": {"boundsPeriod": {"start": begin.isoformat(),
                                                       **({} if i == 49 else {"end": end.isoformat()})},
                                      "frequency": 1, "period": 1, "periodUnit": "d"}},
                "doseAndRate": [{"doseQuantity": {"value": mg, "unit": "mg",
                                                  "system": "http://unitsofmeasure.org", "code": "mg"}}]}],
        })
    return requests


def phq9_observations(patient):
    start = datetime.date(2021, 7, 5)
    return [{
        "resourceType": "Observation", "id": f"phq9-{i}", "status": "final",
        "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category",
                                  "code": "survey"}]}],
        "code": {"coding": [{"system": "http://loinc.org", "code": "44261-6"}]},
        "subject": {"reference": f"Patient/{patient}"},
        "effectiveDateTime": (start + datetime.timedelta(weeks=6 * i)).isoformat(),
        "valueInteger": 20 - (i % 7),
        "component": [{"code": {"coding": [{"system": "http://loinc.org", "code": "44260-8"}]},
                       "valueInteger": 0}],
    } for i in range(30)]


def main():
    out, public_url = pathlib.Path(sys.argv[1]), sys.argv[2].rstrip("/")
    patient = "bench-patient"
    condition = {"resourceType": "Condition", "id": "mdd",
                 "clinicalStatus": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-clinical",
                                                "code": "active"}]},
                 "code": {"coding": [{"system": "http://snomed.info/sct", "code": "370143000",
                                      "display": "Major depressive disorder"}]},
                 "subject": {"reference": f"Patient/{patient}"}, "onsetDateTime": "2020-11-02"}
    body = {
        "hook": "patient-view", "hookInstance": str(uuid.uuid4()),
        "context": {"userId": "Practitioner/bench", "patientId": patient},
        "prefetch": {
            "patient": {"resourceType": "Patient", "id": patient, "birthDate": "1980-05-01", "gender": "female"},
            "conditions": searchset([condition]),
            "medications": searchset(medication_requests(patient)),
            "medication_statements": searchset([]),
            "observations": searchset(phq9_observations(patient)),
            "procedures": searchset([]),
        },
    }
    (out / "body.json").write_text(json.dumps(body))
    jwks = json.loads((SPEC / "spec-24-example.json").read_text())
    issuer = "https://fhir-ehr.example.com/"
    config = {"public_url": public_url, "app_url": public_url + "/app/",
              "issuers": [{"iss": issuer, "jwks": jwks}],
              "replay_check": False, "max_lifetime_seconds": 86400}
    (out / "config.json").write_text(json.dumps(config))
    now = int(time.time())
    claims = {"iss": issuer, "aud": public_url + "/cds-services/refract-patient-view",
              "iat": now - 5, "exp": now + 86000, "jti": str(uuid.uuid4())}
    private = json.loads((SPEC / "spec-25-example.json").read_text())
    token = sign_es384(private, {"alg": "ES384", "typ": "JWT", "kid": "example-kid"}, claims)
    (out / "token.txt").write_text("Bearer " + token)


if __name__ == "__main__":
    main()
