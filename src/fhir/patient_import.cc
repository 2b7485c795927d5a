// Patient -> demographics (birthDate, gender, Refract extension education-years), clinical factors
// (extension clinical-factor: factor + value), preferences (extensions prefers / declines) and
// screened safety conditions (extension screened-condition: condition + present). docs/fhir.md.
#include "fhir_values.h"
#include "import_steps.h"

namespace refract::fhir {

using nlohmann::json;

namespace {

// The value[x] of a sub-extension `name` of a complex extension, or null.
json SubValue(const json& extension, std::string_view name) {
  for (const json* part : Extensions(extension, name)) {
    for (const auto& [key, value] : part->items()) {
      if (key.starts_with("value")) return value;
    }
  }
  return json();
}

void ReadDemographics(ImportState& state, const json& patient) {
  json demographics = json::object();
  if (const std::string birth = DatePart(patient.value("birthDate", json())); !birth.empty()) {
    demographics["birth_date"] = birth;
  }
  const std::string gender = Text(patient, "gender");
  if (gender == "female" || gender == "male" || gender == "other") demographics["sex"] = gender;
  if (const json* years = FirstExtension(patient, "education-years")) {
    demographics["education_years"] = years->value("valueInteger", json());
  }
  if (!demographics.empty()) state.record["demographics"] = demographics;
}

void ReadFactors(ImportState& state, const json& patient) {
  json clinical = json::object();
  for (const json* factor : Extensions(patient, "clinical-factor")) {
    const json name = SubValue(*factor, "factor");
    if (name.is_string()) clinical[name.get<std::string>()] = SubValue(*factor, "value");
  }
  if (!clinical.empty()) state.record["clinical"] = clinical;
  json preferences = json::object();
  for (const char* kind : {"prefers", "declines"}) {
    for (const json* preference : Extensions(patient, kind)) {
      preferences[kind].push_back(preference->value("valueCode", json()));
    }
  }
  if (!preferences.empty()) state.record["preferences"] = preferences;
  json conditions = json::object();
  for (const json* screened : Extensions(patient, "screened-condition")) {
    const json name = SubValue(*screened, "condition");
    if (name.is_string()) conditions[name.get<std::string>()] = SubValue(*screened, "present");
  }
  if (!conditions.empty()) state.record["conditions"] = conditions;
}

}  // namespace

void ImportPatient(ImportState& state) {
  const json& patient = *state.patient.resource;
  ReadDemographics(state, patient);
  ReadFactors(state, patient);
  state.Used(state.patient.label, "id, demographics", "the imported patient");
  for (const BundleResource& entry : state.index.resources()) {
    if (Text(*entry.resource, "resourceType") == "Patient" && &entry != &state.patient) {
      state.Skipped(entry.label, "another patient");
    }
  }
}

}  // namespace refract::fhir
