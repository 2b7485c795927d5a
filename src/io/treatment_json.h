// Reading `treatments[]` of a refract-patient/1 record (private to refract::io).
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "date_json.h"
#include "json_reader.h"
#include "refract/domain/patient.h"
#include "refract/knowledge/knowledge.h"

namespace refract::io_internal {

// Reads and checks every treatment's fields; the checks across fields and trials (date order, ids,
// references) are the record rules (domain/record_rules.h), which the record reader applies.
// Partial dates are imputed, then narrowed by the trial's order (domain/trial_dates.h). Drug, agent
// and modality names written differently from their ids (brands, release forms) are read as the
// id, each with a note in `notes`.
std::vector<Treatment> ReadTreatments(const nlohmann::json& array, const RecordDates& dates,
                                      const KnowledgeBase& knowledge, std::vector<InputNote>& notes,
                                      ErrorList& errors);

}  // namespace refract::io_internal
