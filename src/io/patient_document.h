// The `refract-patient/1` reader over an already-parsed document (private to refract::io): shared
// by the JSON and the YAML adapters so both report the same errors at the same paths.
#pragma once

#include <nlohmann/json.hpp>

#include "refract/base/status.h"
#include "refract/domain/patient.h"
#include "refract/io/instrument_json.h"
#include "refract/knowledge/knowledge.h"
#include "refract/options/catalogue.h"

namespace refract::io_internal {

StatusOr<PatientRecord> ReadPatientDocument(const nlohmann::json& document,
                                            const KnowledgeBase& knowledge,
                                            const MeasuresKnowledge& measures,
                                            const InterventionCatalogue& interventions);

}  // namespace refract::io_internal
