// Reading the patient record format `refract-patient/1` (docs/patient-record.md, docs/schema/).
//
// Strict: unknown fields, wrong types, out-of-range numbers, impossible dates (end before start,
// any date after `as_of`, onset after `as_of`), unknown drugs, agents, modalities or instruments,
// duplicate trial ids and dangling trial references, unknown preference ids and unknown or
// misplaced condition ids are all rejected. On failure the Status is
// kInvalidArgument and its message lists every problem, one per line, each naming the JSON path and
// the rule; an unknown id or enum value also names the nearest accepted ones ("did you mean") and
// where to find them (`refract ids KIND`). Drug, agent, modality and adverse-effect names written
// as a brand, a release form or in another case (knowledge `aliases`, knowledge/names.h) are read
// as the id, each with an InputNote in `PatientRecord::input_notes`. Never throws.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "refract/base/status.h"
#include "refract/domain/patient.h"
#include "refract/io/instrument_json.h"
#include "refract/knowledge/knowledge.h"
#include "refract/options/catalogue.h"

namespace refract {

inline constexpr std::string_view kPatientFormat = "refract-patient/1";

// `measures` supplies the instrument definitions that assessments[] are checked against;
// `interventions` the option ids and categories that preferences[] may name.
StatusOr<PatientRecord> ParsePatientJson(std::string_view text, const KnowledgeBase& knowledge,
                                         const MeasuresKnowledge& measures,
                                         const InterventionCatalogue& interventions);

// The same rules for a document already parsed (e.g. built by the FHIR import).
StatusOr<PatientRecord> ReadPatientJson(const nlohmann::json& document,
                                        const KnowledgeBase& knowledge,
                                        const MeasuresKnowledge& measures,
                                        const InterventionCatalogue& interventions);

// The ids `preferences` may name: every next-step option id, then the option categories.
std::vector<std::string> PreferenceIds(const InterventionCatalogue& interventions);

// The condition ids `conditions` may record (not those the record states elsewhere).
std::vector<std::string> RecordableConditionIds();

}  // namespace refract
