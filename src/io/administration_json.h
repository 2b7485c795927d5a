// Reading `assessments[]` of a refract-patient/1 record (private to refract::io): each
// administration is checked against its instrument definition (knowledge/instruments/), so that an
// out-of-range item, a wrong item count or a total outside the instrument's range is rejected with
// its JSON path and never clamped (measures-decisions.md §0.1).
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "date_json.h"
#include "json_reader.h"
#include "refract/domain/patient.h"
#include "refract/measures/instrument.h"

namespace refract::io_internal {

// Reads every administration in record order. The reference to a trial is checked with the record
// rules (domain/record_rules.h), and the record reader sorts them (SortAssessments).
std::vector<Administration> ReadAdministrations(
    const nlohmann::json& array, const RecordDates& dates,
    const std::vector<measures::InstrumentDefinition>& instruments, ErrorList& errors);

}  // namespace refract::io_internal
