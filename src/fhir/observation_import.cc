// Observation -> assessments. An Observation is an administration when its code, or one of its
// components' codes, names an instrument (instrument_items.h). The total is Observation.value[x]
// when the code is the panel or the total, or a component coded as the total (the HL7 PHR-IG
// scored-assessment profile); the items are components or hasMember Observations coded as items,
// valued by number or by answer code (answer_scores.h). With a total and no other item, a
// component coded as the self-harm item is that item's value (safety_item). Item Observations read
// through a panel's hasMember are reported with it. partOf (a MedicationStatement / Procedure of
// an imported trial) links the administration to the trial; extension session gives the session
// number and extension item-variant (on a component) the variant rated.
#include <set>

#include "administration_builder.h"
#include "answer_scores.h"
#include "fhir_values.h"
#include "import_steps.h"
#include "instrument_items.h"
#include "refract/measures/instrument.h"

namespace refract::fhir {

using nlohmann::json;

namespace {

std::string EffectiveDate(const json& observation) {
  for (const char* key : {"effectiveDateTime", "effectiveInstant", "issued"}) {
    if (observation.contains(key)) return DatePart(observation[key]);
  }
  if (observation.contains("effectivePeriod")) return DatePart(observation["effectivePeriod"].value("start", json()));
  return {};
}

std::optional<double> ElementValue(const ImportState& state, const json& element) {
  if (std::optional<double> number = NumberValue(element)) return number;
  return AnswerScore(state, element, nullptr, nullptr);
}

// Reads one coded part (component or member) into the administration; false if its code names no
// part of `instrument`.
void ReadPart(ImportState& state, const json& part, const std::string& path, CollectedAdministration& administration,
              std::vector<std::string>& doubts) {
  const std::optional<InstrumentCode> code = LookupInstrumentConcept(state.tables, part.value("code", json()));
  if (!code || code->instrument != administration.instrument) return;
  const std::optional<double> value = ElementValue(state, part);
  if (!value) {
    doubts.push_back(path + " has no value Refract can score: left unanswered");
    return;
  }
  if (code->total) {
    administration.stated_total = ItemValue{*value, path + ".value[x]"};
  } else if (code->item > 0) {
    administration.items[code->item] = ItemValue{*value, path + ".value[x]"};
    if (const json* variant = FirstExtension(part, "item-variant")) {
      administration.variants[code->item] = Text(*variant, "valueCode");
    }
  }
}

void ApplySafetyItem(const ImportState& state, CollectedAdministration& administration) {
  const measures::InstrumentDefinition* definition = state.engine.Instrument(administration.instrument);
  if (definition == nullptr || !definition->safety_item || !administration.stated_total) return;
  if (administration.items.size() != 1 || !administration.items.contains(definition->safety_item->item)) return;
  administration.safety_item = administration.items.begin()->second;
  administration.items.clear();
}

std::optional<std::string> InstrumentOf(const ImportState& state, const json& observation) {
  if (std::optional<InstrumentCode> code = LookupInstrumentConcept(state.tables, observation.value("code", json()))) {
    if (code->item == 0) return code->instrument;
    return std::nullopt;
  }
  for (const json& component : observation.value("component", json::array())) {
    std::optional<InstrumentCode> code = LookupInstrumentConcept(state.tables, component.value("code", json()));
    if (code) return code->instrument;
  }
  return std::nullopt;
}

void ImportObservation(ImportState& state, const BundleResource& entry, std::set<const json*>& members) {
  const json& observation = *entry.resource;
  CollectedAdministration administration;
  administration.label = entry.label;
  administration.instrument = *InstrumentOf(state, observation);
  administration.date = EffectiveDate(observation);
  const std::optional<InstrumentCode> code = LookupInstrumentConcept(state.tables, observation.value("code", json()));
  if (code && code->instrument == administration.instrument) {
    if (std::optional<double> value = NumberValue(observation)) {
      administration.stated_total = ItemValue{*value, entry.label + ".value[x]"};
    }
  }
  const json components = observation.value("component", json::array());
  for (std::size_t i = 0; i < components.size(); ++i) {
    ReadPart(state, components[i], entry.label + ".component[" + std::to_string(i) + "]", administration,
             administration.doubts);
  }
  const json has_member = observation.value("hasMember", json::array());
  for (std::size_t i = 0; i < has_member.size(); ++i) {
    const json* member = state.index.Resolve(has_member[i], observation);
    if (member == nullptr) continue;
    members.insert(member);
    ReadPart(state, *member, state.index.LabelOf(has_member[i], observation), administration, administration.doubts);
  }
  ApplySafetyItem(state, administration);
  const json part_of = observation.value("partOf", json::array());
  if (!part_of.empty()) administration.treatment_label = state.index.LabelOf(part_of[0], observation);
  if (const json* session = FirstExtension(observation, "session")) {
    administration.session = session->value("valueInteger", 0);
  }
  AddAdministration(state, std::move(administration));
}

}  // namespace

void ImportObservations(ImportState& state) {
  std::vector<const BundleResource*> item_observations;
  std::set<const json*> members;
  for (const BundleResource* entry : ResourcesOf(state, "Observation")) {
    const json& observation = *entry->resource;
    const std::string status = Text(observation, "status");
    if (status == "entered-in-error" || status == "cancelled") {
      state.Skipped(entry->label, "status '" + status + "'");
    } else if (InstrumentOf(state, observation)) {
      ImportObservation(state, *entry, members);
    } else if (LookupInstrumentConcept(state.tables, observation.value("code", json()))) {
      item_observations.push_back(entry);
    } else {
      state.Skipped(entry->label, "not an instrument Refract scores (knowledge/fhir/instrument_codes.json)");
    }
  }
  for (const BundleResource* entry : item_observations) {
    if (members.contains(entry->resource)) {
      state.Used(entry->label, "", "an item read through its panel's hasMember");
    } else {
      state.Skipped(entry->label, "a single item Observation without its panel: not an administration");
    }
  }
}

}  // namespace refract::fhir
