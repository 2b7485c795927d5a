#include "trial_facts.h"

#include "fhir_values.h"

namespace refract::fhir {

using nlohmann::json;

namespace {

void ReadOutcome(const json& resource, json& treatment) {
  json outcome = json::object();
  if (const json* extension = FirstExtension(resource, "trial-outcome")) {
    for (const char* part : {"instrument", "judgement"}) {
      if (const json* value = FirstExtension(*extension, part)) outcome[part] = value->value("valueCode", json());
    }
    for (const char* part : {"baseline", "end"}) {
      if (const json* value = FirstExtension(*extension, part)) outcome[part] = value->value("valueInteger", json());
    }
  }
  const std::string judgement =
      CodeIn(resource.value("outcome", json()), std::string(kCodeSystemBase) + "trial-outcome");
  if (!judgement.empty() && !outcome.contains("judgement")) outcome["judgement"] = judgement;
  if (!outcome.empty()) treatment["outcome"] = outcome;
}

void ReadSerumLevel(const json& resource, json& treatment) {
  const json* level = FirstExtension(resource, "serum-level");
  if (level == nullptr || !level->contains("valueQuantity")) return;
  const json& quantity = (*level)["valueQuantity"];
  const std::string unit = Text(quantity, "code").empty() ? Text(quantity, "unit") : Text(quantity, "code");
  if (unit == "mmol/L") treatment["serum_level_mmol_l"] = quantity.value("value", json());
  if (unit == "ng/mL") treatment["serum_level_ng_ml"] = quantity.value("value", json());
}

}  // namespace

void ReadTrialFacts(const json& resource, json& treatment) {
  std::string stop = CodeIn(resource.value("statusReason", json()),
                            std::string(kCodeSystemBase) + "stop-reason");
  if (stop.empty() && resource.contains("statusReason") && resource["statusReason"].is_array() &&
      !resource["statusReason"].empty()) {
    stop = CodeIn(resource["statusReason"][0], std::string(kCodeSystemBase) + "stop-reason");
  }
  if (const json* extension = FirstExtension(resource, "stop-reason"); stop.empty() && extension) {
    stop = Text(*extension, "valueCode");
  }
  if (!stop.empty()) treatment["stop_reason"] = stop;
  if (const json* adherence = FirstExtension(resource, "adherence-pct")) {
    treatment["adherence_pct"] = adherence->value("valueDecimal", json());
  }
  if (const json* prospective = FirstExtension(resource, "prospective")) {
    treatment["prospective"] = prospective->value("valueBoolean", json());
  }
  for (const json* effect : Extensions(resource, "adverse-effect")) {
    treatment["adverse_effects"].push_back(effect->value("valueCode", json()));
  }
  if (const json* sessions = FirstExtension(resource, "sessions")) {
    treatment["sessions"] = sessions->value("valueInteger", json());
  }
  ReadOutcome(resource, treatment);
  ReadSerumLevel(resource, treatment);
}

std::string LinkedResource(const ImportState& state, const json& resource, std::string_view extension) {
  const json* link = FirstExtension(resource, extension);
  if (link == nullptr || !link->contains("valueReference")) return {};
  return state.index.LabelOf((*link)["valueReference"], resource);
}

}  // namespace refract::fhir
