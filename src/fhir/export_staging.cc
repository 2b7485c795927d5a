// Staging results as FHIR R4 Observations, one per model: the model and the result in Refract code
// systems (staging-model, trd-stage), valueCodeableConcept for a stage or category, valueBoolean
// for a definition that is met or not, the score and its components as components, and the
// reasons (counted and excluded trials, assumptions, what is missing) as notes. A provisional
// result (it rests on unconfirmed values or imputed dates) has status `preliminary` and the
// `provisional` tag.
#include <string>

#include "export_resources.h"
#include "refract/fhir/fhir_export.h"

namespace refract::fhir::internal {
namespace {

using nlohmann::json;

json StagingCategory() {
  return json::array({{{"coding",
                        {Coding(RefractCodeSystem("observation-category"), "trd-staging",
                                "Treatment-resistant depression staging")}},
                       {"text", "Treatment-resistant depression staging"}}});
}

// "maudsley_2009.stage-2", ".category-moderate", ".score-8".
std::string ResultCode(const ModelResult& model) {
  if (model.stage) return model.model_id + ".stage-" + std::to_string(*model.stage);
  return model.model_id + ".category-" + Slug(*model.category);
}

json ScoreComponent(const std::string& code, const std::string& text, double value) {
  return {{"code",
           {{"coding", {Coding(RefractCodeSystem("staging-score"), code, text)}}, {"text", text}}},
          {"valueQuantity", {{"value", value}}}};
}

void SetValue(const ModelResult& model, json& observation) {
  if (!model.applicable) {
    observation["dataAbsentReason"] = {
        {"coding", {Coding(kDataAbsentReason, "not-applicable", "Not Applicable")}},
        {"text", model.summary}};
  } else if (model.stage || model.category) {
    observation["valueCodeableConcept"] = {
        {"coding", {Coding(RefractCodeSystem("trd-stage"), ResultCode(model), model.summary)}},
        {"text", model.summary}};
  } else if (model.meets) {
    observation["valueBoolean"] = *model.meets;
  } else if (model.score) {
    observation["valueQuantity"] = {{"value", *model.score}};
  } else {
    observation["dataAbsentReason"] = {{"coding", {Coding(kDataAbsentReason, "as-text")}},
                                       {"text", model.summary}};
  }
}

json Components(const ModelResult& model) {
  json components = json::array();
  const bool score_is_value = !model.stage && !model.category && !model.meets;
  if (model.applicable && model.score && !score_is_value) {
    components.push_back(ScoreComponent(model.model_id + ".total", "Total score", *model.score));
  }
  for (const refract::ScoreComponent& part : model.components) {
    components.push_back(ScoreComponent(model.model_id + "." + Slug(part.item),
                                        part.item + (part.detail.empty() ? "" : ": " + part.detail),
                                        part.points));
  }
  return components;
}

std::string Joined(const std::vector<std::string>& values) {
  std::string joined;
  for (const std::string& value : values) joined += (joined.empty() ? "" : ", ") + value;
  return joined;
}

json Notes(const ModelResult& model) {
  json notes = json::array();
  auto add = [&notes](const std::string& text) { notes.push_back({{"text", text}}); };
  add(model.name + ": " + model.summary + (model.provisional ? " (provisional)" : ""));
  if (!model.counted_trials.empty()) add("Counted trials: " + Joined(model.counted_trials));
  for (const ExcludedTrial& excluded : model.excluded_trials) {
    add("Not counted: " + excluded.id + ": " + excluded.reason);
  }
  for (const Assumption& assumption : model.assumptions) add("Assumption: " + assumption.text);
  for (const std::string& missing : model.missing) add("Missing: " + missing);
  if (!model.uncertain_params.empty()) {
    add("Relies on unconfirmed values: " + Joined(model.uncertain_params));
  }
  if (model.imputed_dates) add("Relies on days imputed for partial dates");
  for (const std::string& step : model.next_steps) add("Would change the result: " + step);
  for (const std::string& note : model.notes) add(note);
  return notes;
}

json StagingObservation(const ModelResult& model, const Assessment& assessment,
                        const std::string& patient_id) {
  json observation = NewResource("Observation", "staging-" + model.model_id,
                                 model.name + ": " + model.summary, model.provisional);
  observation["status"] = model.provisional ? "preliminary" : "final";
  observation["category"] = StagingCategory();
  observation["code"] = {
      {"coding", {Coding(RefractCodeSystem("staging-model"), model.model_id, model.name)}},
      {"text", model.name}};
  observation["subject"] = PatientReference(patient_id);
  observation["effectiveDateTime"] = assessment.as_of.ToString();
  SetValue(model, observation);
  json components = Components(model);
  if (!components.empty()) observation["component"] = std::move(components);
  observation["note"] = Notes(model);
  return observation;
}

}  // namespace

std::vector<json> StagingObservations(const Assessment& assessment, const std::string& patient_id) {
  std::vector<json> observations;
  for (const ModelResult& model : assessment.staging) {
    observations.push_back(StagingObservation(model, assessment, patient_id));
  }
  return observations;
}

}  // namespace refract::fhir::internal
