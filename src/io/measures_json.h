// JSON of the measures section and the safety alerts of refract-assessment/1 (private to
// refract::io; fields documented in docs/assessment-output.md).
#pragma once

#include <nlohmann/json.hpp>

#include "refract/app/measures_report.h"

namespace refract::io_internal {

nlohmann::json AlertsJson(const std::vector<measures::SafetyAlert>& alerts);
nlohmann::json AlertSummariesJson(const std::vector<AlertSummary>& summaries);
nlohmann::json MeasuresJson(const MeasuresReport& report);
nlohmann::json ScoredJson(const measures::ScoredAdministration& scored);

}  // namespace refract::io_internal
