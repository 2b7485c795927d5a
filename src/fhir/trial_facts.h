// The Refract facts about a trial that FHIR has no element for, read from standard elements where
// one fits and otherwise from the Refract extensions (docs/fhir.md, "Extensions"):
//   stop_reason   statusReason coded in CodeSystem/stop-reason, or extension stop-reason (valueCode)
//   adherence_pct extension adherence-pct (valueDecimal, 0-100)
//   prospective   extension prospective (valueBoolean)
//   adverse_effects extension adverse-effect (valueCode, repeated; knowledge/adverse_effects.json ids)
//   outcome       extension trial-outcome (instrument valueCode, baseline / end valueInteger,
//                 judgement valueCode), or Procedure.outcome coded in CodeSystem/trial-outcome
//   serum level   extension serum-level (valueQuantity, mmol/L or ng/mL)
//   sessions      extension sessions (valueInteger)
//   links         extensions augments / combined-with (valueReference to the base trial's resource)
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "import_state.h"

namespace refract::fhir {

// Adds the facts `resource` states to `treatment` (refract-patient/1 treatment fields).
void ReadTrialFacts(const nlohmann::json& resource, nlohmann::json& treatment);

// The labels of the resources the augments / combined-with extensions point to ("" if none).
std::string LinkedResource(const ImportState& state, const nlohmann::json& resource,
                           std::string_view extension);

}  // namespace refract::fhir
