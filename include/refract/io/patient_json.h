// Reading the patient record format `refract-patient/1` (docs/patient-record.md, docs/schema/).
//
// Strict: unknown fields, wrong types, out-of-range numbers, impossible dates (end before start,
// any date after `as_of`, onset after `as_of`), unknown drugs, agents, modalities or instruments,
// duplicate trial ids and dangling trial references are all rejected. On failure the Status is
// kInvalidArgument and its message lists every problem, one per line, each naming the JSON path and
// the rule. Never throws.
#pragma once

#include <string_view>

#include "refract/base/status.h"
#include "refract/domain/patient.h"
#include "refract/io/instrument_json.h"
#include "refract/knowledge/knowledge.h"

namespace refract {

inline constexpr std::string_view kPatientFormat = "refract-patient/1";

// `measures` supplies the instrument definitions that assessments[] are checked against.
StatusOr<PatientRecord> ParsePatientJson(std::string_view text, const KnowledgeBase& knowledge,
                                         const MeasuresKnowledge& measures);

}  // namespace refract
