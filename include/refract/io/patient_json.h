// Reading the patient record format `refract-patient/1` (docs/patient-record.md, docs/schema/).
//
// Strict: unknown fields, wrong types, out-of-range numbers, impossible dates (end before start,
// any date after `as_of`, onset after `as_of`), unknown drugs, agents, modalities or instruments,
// duplicate trial ids and dangling trial references, unknown preference ids and unknown or
// misplaced condition ids are all rejected. On failure the Status is
// kInvalidArgument and its message lists every problem, one per line, each naming the JSON path and
// the rule. Never throws.
#pragma once

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

// The ids `preferences` may name: every next-step option id, then the option categories.
std::vector<std::string> PreferenceIds(const InterventionCatalogue& interventions);

// The condition ids `conditions` may record (not those the record states elsewhere).
std::vector<std::string> RecordableConditionIds();

}  // namespace refract
