// Instrument administrations as FHIR R4 Observations (category survey): the LOINC total code where
// the instrument has one (knowledge/instruments/<id>.json loinc_total, the codes of
// knowledge/fhir/instrument_codes.json), the total as valueInteger, the severity band as
// interpretation and the recorded items as components (LOINC item codes).
#include <string>

#include "export_resources.h"
#include "refract/engine/engine.h"
#include "refract/fhir/fhir_export.h"

namespace refract::fhir::internal {
namespace {

using nlohmann::json;

json SurveyCategory() {
  return json::array({{{"coding", {Coding(kObservationCategory, "survey", "Survey")}}}});
}

json AbsentReason(const std::string& code, const std::string& text) {
  return {{"coding", {Coding(kDataAbsentReason, code)}}, {"text", text}};
}

json TotalCode(const measures::InstrumentDefinition& instrument) {
  const std::string text = instrument.name + " total score";
  json coding = instrument.loinc_total.empty()
                    ? Coding(RefractCodeSystem("instrument"), instrument.id, text)
                    : Coding(kLoinc, instrument.loinc_total, text);
  return {{"coding", {coding}}, {"text", text}};
}

json ItemCode(const measures::InstrumentDefinition& instrument, int number) {
  const measures::ItemDefinition* item = instrument.FindItem(number);
  const std::string text = instrument.name + " item " + std::to_string(number) +
                           (item != nullptr && !item->label.empty() ? ": " + item->label : "");
  json coding = item != nullptr && !item->loinc.empty()
                    ? Coding(kLoinc, item->loinc, text)
                    : Coding(RefractCodeSystem("instrument-item"),
                             instrument.id + "/" + std::to_string(number), text);
  return {{"coding", {coding}}, {"text", text}};
}

json ItemComponent(const measures::InstrumentDefinition& instrument, int number,
                   const std::optional<int>& value) {
  json component = {{"code", ItemCode(instrument, number)}};
  if (value) {
    component["valueInteger"] = *value;
  } else {
    component["dataAbsentReason"] = AbsentReason("asked-unknown", "unanswered");
  }
  return component;
}

// The recorded items, or for a total-only administration the self-harm item when recorded.
json Components(const measures::InstrumentDefinition& instrument,
                const measures::ScoredAdministration& scored) {
  json components = json::array();
  for (size_t i = 0; i < scored.items.size(); ++i) {
    components.push_back(ItemComponent(instrument, static_cast<int>(i) + 1, scored.items[i]));
  }
  if (scored.total_only && scored.safety_item_value && instrument.safety_item) {
    components.push_back(
        ItemComponent(instrument, instrument.safety_item->item, scored.safety_item_value));
  }
  for (const measures::SubscaleScore& subscale : scored.subscales) {
    json component = {
        {"code",
         {{"coding",
           {Coding(RefractCodeSystem("instrument-subscale"), instrument.id + "-" + subscale.id)}},
          {"text", instrument.name + " " + subscale.id}}}};
    if (subscale.total) {
      component["valueInteger"] = *subscale.total;
    } else {
      component["dataAbsentReason"] = AbsentReason("as-text", subscale.not_scored_reason);
    }
    components.push_back(std::move(component));
  }
  return components;
}

std::string Summary(const measures::InstrumentDefinition& instrument,
                    const measures::ScoredAdministration& scored) {
  std::string summary = instrument.name;
  if (scored.date) summary += " on " + scored.date->ToString();
  summary += scored.total_rounded ? ": total " + std::to_string(*scored.total_rounded)
                                  : ": not scored (" + scored.not_scored_reason + ")";
  if (scored.band) summary += ", " + *scored.band;
  return summary;
}

json AdministrationObservation(const measures::InstrumentDefinition& instrument,
                               const measures::ScoredAdministration& scored, const std::string& id,
                               const std::string& patient_id) {
  json observation = NewResource("Observation", id, Summary(instrument, scored));
  observation["status"] = "final";
  observation["category"] = SurveyCategory();
  observation["code"] = TotalCode(instrument);
  observation["subject"] = PatientReference(patient_id);
  if (scored.date) observation["effectiveDateTime"] = scored.date->ToString();
  json notes = json::array();
  if (scored.total_rounded) {
    observation["valueInteger"] = *scored.total_rounded;
    if (scored.prorated) {
      notes.push_back({{"text", "Prorated total for " + std::to_string(scored.missing_items) +
                                    " unanswered item(s), rounded half up"}});
    }
  } else {
    observation["dataAbsentReason"] = AbsentReason(
        "as-text", scored.not_scored_reason.empty() ? "no total" : scored.not_scored_reason);
  }
  if (scored.band) {
    observation["interpretation"] =
        json::array({{{"coding",
                       {Coding(RefractCodeSystem("severity-band"),
                               Slug(scored.band_scheme) + "." + Slug(*scored.band), *scored.band)}},
                      {"text", *scored.band}}});
  }
  json components = Components(instrument, scored);
  if (!components.empty()) observation["component"] = std::move(components);
  for (const measures::SafetyAlert& alert : scored.safety) {
    notes.push_back({{"text", std::string(ToString(alert.severity)) + ": " + alert.message}});
  }
  if (!notes.empty()) observation["note"] = std::move(notes);
  return observation;
}

}  // namespace

std::vector<json> InstrumentObservations(const Engine& engine, const Assessment& assessment,
                                         const std::string& patient_id) {
  std::vector<json> observations;
  for (const InstrumentSeries& series : assessment.measures.series) {
    const measures::InstrumentDefinition* instrument = engine.Instrument(series.instrument_id);
    if (instrument == nullptr) continue;
    for (size_t i = 0; i < series.administrations.size(); ++i) {
      const measures::ScoredAdministration& scored = series.administrations[i];
      const std::string id = "score-" + series.instrument_id + "-" + std::to_string(i + 1);
      observations.push_back(AdministrationObservation(*instrument, scored, id, patient_id));
    }
  }
  return observations;
}

}  // namespace refract::fhir::internal
