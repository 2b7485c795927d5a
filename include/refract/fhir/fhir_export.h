// FHIR R4 export: one patient's record and assessment as a Bundle of type `collection` (a set of
// resources assembled for a reader, neither the answer to a search nor a transaction to apply):
//   - the Patient, by pseudonym only (Refract's record id as an identifier, gender, birth year);
//   - one Observation (category survey) per instrument administration, with the LOINC total code
//     where the instrument has one, the total as valueInteger, the severity band as interpretation
//     and the answered items as components;
//   - one Observation per staging model (Refract code systems for the model and the result;
//     status `preliminary` and a `provisional` tag when the result rests on unconfirmed values;
//     the counted and excluded trials, assumptions and missing data as notes);
//   - one Flag (category safety, flag-priority extension) per safety alert of the measures report;
//   - the Questionnaires of the instruments whose wording Refract holds (PHQ-9, GAD-7), with LOINC
//     codes, ordinal values and the copyright holder's attribution;
//   - a Device (Refract, with the knowledge version) and a Provenance naming it as the author of
//     every other entry.
// Every resource carries the decision-support tag and a narrative with the decision-support
// disclaimer. References are relative ("Patient/example-a") and every fullUrl lies on
// ExportOptions::base_url, so a reader resolves them inside the bundle (FHIR R4 Bundle rules).
// docs/fhir.md ("Export") lists the elements and code systems.
//
// Pure: no I/O and no clock (the timestamp comes from the options); the same inputs always give
// the same bundle.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "refract/app/assess.h"
#include "refract/domain/patient.h"

namespace refract {
class Engine;
}

namespace refract::fhir {

// The base of Refract's own code systems and of the bundle's fullUrls, the placeholder the FHIR
// import also uses until the project has a canonical base. The `.example` top-level domain is
// reserved (RFC 2606): the URLs name, they do not locate.
inline constexpr const char* kRefractFhirBase = "http://refract.example/fhir";

struct ExportOptions {
  // The bundle's timestamp and the Provenance's recorded instant (FHIR instant,
  // "2026-12-06T10:00:00Z"); empty = the assessment's as_of at midnight UTC.
  std::string timestamp = {};
  std::string base_url = kRefractFhirBase;
};

// The bundle for `record` and its `assessment` (Engine::Assess of that record). The engine gives
// the instrument definitions (LOINC codes, wording) and the knowledge version.
nlohmann::json ExportBundle(const Engine& engine, const PatientRecord& record,
                            const Assessment& assessment, const ExportOptions& options);

// The Refract code system `name` ("staging-model", "severity-band", ...): base + "/CodeSystem/" +
// name.
std::string RefractCodeSystem(const std::string& name);

}  // namespace refract::fhir
