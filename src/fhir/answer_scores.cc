#include "answer_scores.h"

#include "fhir_values.h"

namespace refract::fhir {

using nlohmann::json;

namespace {

constexpr std::string_view kWeightUrls[] = {"http://hl7.org/fhir/StructureDefinition/ordinalValue",
                                            "http://hl7.org/fhir/StructureDefinition/itemWeight",
                                            "http://hl7.org/fhir/StructureDefinition/iso21090-CO-value"};

std::optional<double> Weight(const json& element) {
  for (std::string_view url : kWeightUrls) {
    if (const json* extension = FirstExtension(element, url)) {
      if (std::optional<double> value = NumberValue(*extension)) return value;
    }
  }
  return std::nullopt;
}

bool SameCode(const json& option, const Coding& coding) {
  const std::string system = Text(option, "system");
  return Text(option, "code") == coding.code && (system.empty() || coding.system.empty() || system == coding.system);
}

std::optional<double> FromOptions(const json& item, const Coding& coding) {
  if (!item.contains("answerOption") || !item["answerOption"].is_array()) return std::nullopt;
  for (const json& option : item["answerOption"]) {
    const json& value = option.value("valueCoding", json());
    if (!SameCode(value, coding)) continue;
    if (std::optional<double> weight = Weight(option)) return weight;
    return Weight(value);
  }
  return std::nullopt;
}

std::optional<double> FromValueSet(const ImportState& state, const json& item, const json& questionnaire,
                                   const Coding& coding) {
  const std::string url = Text(item, "answerValueSet");
  if (url.empty()) return std::nullopt;
  const json* value_set = url.front() == '#' ? state.index.Resolve(url, questionnaire) : state.index.FindCanonical(url);
  if (value_set == nullptr) return std::nullopt;
  const json compose = value_set->value("compose", json::object());
  for (const json& include : compose.value("include", json::array())) {
    for (const json& listed : include.value("concept", json::array())) {
      json with_system = listed;
      with_system["system"] = include.value("system", "");
      if (SameCode(with_system, coding)) return Weight(listed);
    }
  }
  const json expansion = value_set->value("expansion", json::object());
  for (const json& contains : expansion.value("contains", json::array())) {
    if (SameCode(contains, coding)) return Weight(contains);
  }
  return std::nullopt;
}

}  // namespace

std::optional<double> AnswerScore(const ImportState& state, const json& answer, const json* questionnaire_item,
                                  const json* questionnaire) {
  if (std::optional<double> number = NumberValue(answer)) return number;
  const json coded = answer.contains("valueCoding") ? answer["valueCoding"] : answer.value("valueCodeableConcept", json());
  if (!coded.is_object()) return std::nullopt;
  if (std::optional<double> weight = Weight(coded)) return weight;
  if (std::optional<double> weight = Weight(answer)) return weight;
  for (const Coding& coding : Codings(coded)) {
    if (questionnaire_item != nullptr) {
      if (std::optional<double> weight = FromOptions(*questionnaire_item, coding)) return weight;
      if (questionnaire != nullptr) {
        if (std::optional<double> weight = FromValueSet(state, *questionnaire_item, *questionnaire, coding)) return weight;
      }
    }
    if (coding.system.empty() || coding.system == kLoinc) {
      const auto it = state.tables.loinc_answer_scores.find(coding.code);
      if (it != state.tables.loinc_answer_scores.end()) return it->second;
    }
  }
  return std::nullopt;
}

}  // namespace refract::fhir
