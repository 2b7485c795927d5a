// The resource builders of the FHIR R4 export (private to refract::fhir; the contract is
// include/refract/fhir/fhir_export.h). Each builder returns resources with a resourceType, an id,
// the decision-support meta.tag and a narrative; ExportBundle wraps them into bundle entries.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "refract/app/assess.h"
#include "refract/domain/patient.h"
#include "refract/measures/instrument.h"

namespace refract {
class Engine;
}

namespace refract::fhir::internal {

// Terminology and extension URLs of FHIR R4 (hl7.org/fhir/R4 terminology pages).
inline constexpr const char* kLoinc = "http://loinc.org";
inline constexpr const char* kObservationCategory =
    "http://terminology.hl7.org/CodeSystem/observation-category";
inline constexpr const char* kDataAbsentReason =
    "http://terminology.hl7.org/CodeSystem/data-absent-reason";
inline constexpr const char* kFlagCategory = "http://terminology.hl7.org/CodeSystem/flag-category";
inline constexpr const char* kFlagPriorityExtension =
    "http://hl7.org/fhir/StructureDefinition/flag-priority";
inline constexpr const char* kFlagPriorityCode =
    "http://terminology.hl7.org/CodeSystem/flag-priority-code";
inline constexpr const char* kOrdinalValueExtension =
    "http://hl7.org/fhir/StructureDefinition/ordinalValue";
inline constexpr const char* kProvenanceParticipantType =
    "http://terminology.hl7.org/CodeSystem/provenance-participant-type";
inline constexpr const char* kDataOperation =
    "http://terminology.hl7.org/CodeSystem/v3-DataOperation";

// A FHIR id ([A-Za-z0-9-.]{1,64}) from `text`: every other character becomes '-', cut to 64.
std::string FhirId(const std::string& text);
// A code (no leading, trailing or double whitespace): lower case, runs of other characters '-'.
std::string Slug(const std::string& text);
// {"system", "code", "display"} (display left out when empty).
nlohmann::json Coding(const std::string& system, const std::string& code,
                      const std::string& display = "");
// A resource skeleton: resourceType, id, meta.tag decision-support (plus `provisional` when set)
// and a generated narrative of `summary` followed by the decision-support disclaimer.
nlohmann::json NewResource(const std::string& type, const std::string& id,
                           const std::string& summary, bool provisional = false);
// "Patient/<id>".
nlohmann::json PatientReference(const std::string& patient_id);

nlohmann::json PatientResource(const PatientRecord& record, const std::string& patient_id);

// One Observation per scored administration of every series, date order.
std::vector<nlohmann::json> InstrumentObservations(const Engine& engine,
                                                   const Assessment& assessment,
                                                   const std::string& patient_id);
// One Observation per staging model, report order.
std::vector<nlohmann::json> StagingObservations(const Assessment& assessment,
                                                const std::string& patient_id);
// One Flag per alert of the measures report (every positive self-harm item, every unanswered one,
// the latest "not available" notice per instrument).
std::vector<nlohmann::json> SafetyFlags(const Assessment& assessment,
                                        const std::string& patient_id);
// The Questionnaire of every instrument with a published wording, in the engine's instrument order.
std::vector<nlohmann::json> Questionnaires(const Engine& engine, const std::string& base_url);

}  // namespace refract::fhir::internal
