// Patient list summaries (src/server/patient_summary.h).
#include "patient_summary.h"

#include <algorithm>

namespace refract::server {
namespace {

using nlohmann::json;

std::string DateText(const std::optional<Date>& date) { return date ? date->ToString() : ""; }

json StageJson(const Assessment& assessment, const std::string& model_id) {
  for (const ModelResult& result : assessment.staging) {
    if (result.model_id != model_id) continue;
    return {{"model", result.model_id},
            {"name", result.name},
            {"label", result.summary},
            {"provisional", result.provisional}};
  }
  return nullptr;
}

json Phq9Json(const Assessment& assessment) {
  const InstrumentSeries* series = FindSeries(assessment.measures, "phq9");
  if (!series) return nullptr;
  std::vector<const measures::ScoredAdministration*> scored;
  for (const measures::ScoredAdministration& administration : series->administrations) {
    if (administration.total_rounded) scored.push_back(&administration);
  }
  if (scored.empty()) return nullptr;
  const measures::ScoredAdministration& latest = *scored.back();
  json out = {{"total", *latest.total_rounded},
              {"band", latest.band ? json(*latest.band) : json(nullptr)},
              {"date", latest.date ? json(DateText(latest.date)) : json(nullptr)},
              {"previous_total", nullptr},
              {"trend", nullptr}};
  if (scored.size() >= 2) {
    const int previous = *scored[scored.size() - 2]->total_rounded;
    const int total = *latest.total_rounded;
    out["previous_total"] = previous;
    out["trend"] = total > previous ? "worse" : total < previous ? "better" : "same";
  }
  return out;
}

std::string SafetyLevelText(const Assessment& assessment) {
  if (!assessment.options || assessment.options->safety_actions.empty()) return "none";
  SafetyLevel highest = SafetyLevel::kRoutine;
  for (const SafetyAction& action : assessment.options->safety_actions) {
    highest = std::max(highest, action.level);
  }
  return std::string(ToString(highest));
}

json AlertsJson(const Assessment& assessment) {
  int open = 0;
  const measures::SafetyAlert* latest = nullptr;
  for (const InstrumentSeries& series : assessment.measures.series) {
    if (series.administrations.empty()) continue;
    for (const measures::SafetyAlert& alert : series.administrations.back().safety) {
      if (alert.severity != measures::AlertSeverity::kCritical) continue;
      ++open;
      if (!latest || DateText(alert.date) > DateText(latest->date)) latest = &alert;
    }
  }
  return {{"open", open},
          {"safety_level", SafetyLevelText(assessment)},
          {"latest", latest ? json(latest->message) : json(nullptr)}};
}

}  // namespace

json PatientSummaryJson(const Assessment& assessment, const std::string& model_id) {
  return {{"as_of", assessment.as_of.ToString()},
          {"stage", StageJson(assessment, model_id)},
          {"phq9", Phq9Json(assessment)},
          {"alerts", AlertsJson(assessment)}};
}

}  // namespace refract::server
