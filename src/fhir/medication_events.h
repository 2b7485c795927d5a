// One medication resource (MedicationRequest, MedicationStatement, MedicationDispense) read as an
// event: the Refract agent, the period it covers and its dose steps (mg per day).
//   agent   medicationCodeableConcept or the referenced (or contained) Medication's code: an RxNorm
//           ingredient or clinical drug (knowledge/fhir/medication_codes.json), or a Refract agent
//           id in CodeSystem/agent
//   period  Statement: effectivePeriod / effectiveDateTime; Request: the dosage boundsPeriod, else
//           authoredOn; Dispense: whenHandedOver (or whenPrepared) + daysSupply - 1
//   dose    dosage[].doseAndRate[0].doseQuantity in mg (or mcg), or in units x the clinical drug's
//           strength; x timing.repeat frequency / period per day; from boundsPeriod.start
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "import_state.h"

namespace refract::fhir {

struct DoseEvent {
  std::string from = {};
  double amount_per_day = 0;
  bool micrograms = false;
};

struct MedicationEvent {
  const BundleResource* entry = nullptr;
  std::string type = {};   // resourceType
  std::string agent = {};  // Refract id
  std::string start = {};
  std::string end = {};  // empty: ongoing
  std::vector<DoseEvent> doses = {};
  std::string prior = {};  // MedicationRequest.priorPrescription's label
  std::string note = {};   // an assumption made while reading (reported as doubtful)
};

// The event `entry` describes, or nullopt after reporting why it was skipped (unknown medication,
// a status that is not a treatment, no date). Out-of-range doses are errors.
std::optional<MedicationEvent> ReadMedicationEvent(ImportState& state, const BundleResource& entry);

}  // namespace refract::fhir
