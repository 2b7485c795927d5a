// refract-score/1 (include/refract/io/score_json.h).
#include "refract/io/score_json.h"

#include <nlohmann/json.hpp>

#include "refract/app/assess.h"

namespace refract {
namespace {

using json = nlohmann::ordered_json;

template <typename T>
json OrNull(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

json ScoreDocument(const measures::InstrumentDefinition& instrument,
                   const measures::ScoredAdministration& s) {
  json subscales = json::array();
  for (const measures::SubscaleScore& subscale : s.subscales) {
    subscales.push_back(
        {{"id", subscale.id},
         {"total", OrNull(subscale.total)},
         {"not_scored_reason", subscale.total ? json(nullptr) : json(subscale.not_scored_reason)}});
  }
  json variants = json::object();
  for (const auto& [item, variant] : s.variants) variants[std::to_string(item)] = variant;
  json alerts = json::array();
  for (const measures::SafetyAlert& alert : s.safety) {
    alerts.push_back({{"code", alert.code},
                      {"severity", std::string(ToString(alert.severity))},
                      {"item", alert.item},
                      {"value", OrNull(alert.value)},
                      {"message", alert.message}});
  }
  return {{"format", "refract-score/1"},
          {"instrument",
           {{"id", instrument.id}, {"name", instrument.name}, {"version", instrument.version}}},
          {"total", OrNull(s.total)},
          {"total_rounded", OrNull(s.total_rounded)},
          {"prorated", s.prorated},
          {"missing_items", s.missing_items},
          {"not_scored_reason", s.total ? json(nullptr) : json(s.not_scored_reason)},
          {"band", OrNull(s.band)},
          {"band_scheme", s.band ? json(s.band_scheme) : json(nullptr)},
          {"percentage", OrNull(s.percentage)},
          {"subscales", subscales},
          {"variants", variants},
          {"safety_alerts", alerts},
          {"disclaimer", kDecisionSupportDisclaimer}};
}

}  // namespace

std::string ScoreToJson(const measures::InstrumentDefinition& instrument,
                        const measures::ScoredAdministration& scored, int indent) {
  return ScoreDocument(instrument, scored).dump(indent);
}

}  // namespace refract
