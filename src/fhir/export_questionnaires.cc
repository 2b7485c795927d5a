// The Questionnaires of the instruments whose patient-facing wording Refract holds
// (knowledge/instruments/<id>.json "wording": PHQ-9, GAD-7): the LOINC panel and item codes, the
// stem as a display item, one required choice item per scored item with the response labels as
// answer options carrying their ordinal value (ordinalValue extension), and the copyright holder's
// attribution as Questionnaire.copyright. Unscored items (the PHQ-9 and GAD-7 difficulty item) have
// other response labels that the knowledge does not hold and are left out.
#include <cctype>
#include <string>

#include "export_resources.h"
#include "refract/engine/engine.h"
#include "refract/fhir/fhir_export.h"

namespace refract::fhir::internal {
namespace {

using nlohmann::json;

json AnswerOptions(const measures::InstrumentDefinition& instrument) {
  json options = json::array();
  for (const measures::ResponseLabel& response : instrument.wording->responses) {
    json coding = Coding(RefractCodeSystem(instrument.id + "-response"),
                         std::to_string(response.value), response.label);
    coding["extension"] =
        json::array({{{"url", kOrdinalValueExtension}, {"valueDecimal", response.value}}});
    options.push_back({{"valueCoding", std::move(coding)}});
  }
  return options;
}

json QuestionItem(const measures::InstrumentDefinition& instrument,
                  const measures::ItemDefinition& item) {
  const std::string link_id =
      item.loinc.empty() ? "item-" + std::to_string(item.number) : item.loinc;
  json question = {{"linkId", link_id}, {"prefix", std::to_string(item.number) + "."},
                   {"text", item.text}, {"type", "choice"},
                   {"required", true},  {"answerOption", AnswerOptions(instrument)}};
  if (!item.loinc.empty()) question["code"] = json::array({Coding(kLoinc, item.loinc, item.text)});
  return question;
}

// An R4 Questionnaire.name: starts with an upper-case letter, letters and digits only.
std::string MachineName(const measures::InstrumentDefinition& instrument) {
  std::string name = "Refract";
  for (const char c : instrument.name) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0) name += c;
  }
  return name;
}

json Questionnaire(const measures::InstrumentDefinition& instrument, const std::string& base_url) {
  const measures::Wording& wording = *instrument.wording;
  json questionnaire =
      NewResource("Questionnaire", instrument.id,
                  instrument.full_name + " (" + instrument.name + "), as Refract presents it");
  questionnaire["url"] = base_url + "/Questionnaire/" + instrument.id;
  questionnaire["version"] = instrument.version;
  questionnaire["name"] = MachineName(instrument);
  questionnaire["title"] = instrument.full_name + " (" + instrument.name + ")";
  questionnaire["status"] = "active";
  questionnaire["subjectType"] = json::array({"Patient"});
  questionnaire["publisher"] = "Refract";
  questionnaire["description"] = instrument.licensing;
  questionnaire["copyright"] = wording.attribution;
  if (!instrument.loinc_panel.empty()) {
    questionnaire["code"] =
        json::array({Coding(kLoinc, instrument.loinc_panel, instrument.full_name)});
  }
  json items = json::array({{{"linkId", "stem"}, {"text", wording.stem}, {"type", "display"}}});
  for (const measures::ItemDefinition& item : instrument.items) {
    if (item.scored && !item.text.empty()) items.push_back(QuestionItem(instrument, item));
  }
  questionnaire["item"] = std::move(items);
  return questionnaire;
}

}  // namespace

std::vector<json> Questionnaires(const Engine& engine, const std::string& base_url) {
  std::vector<json> questionnaires;
  for (const std::string& id : engine.InstrumentIds()) {
    const measures::InstrumentDefinition* instrument = engine.Instrument(id);
    if (instrument != nullptr && instrument->wording) {
      questionnaires.push_back(Questionnaire(*instrument, base_url));
    }
  }
  return questionnaires;
}

}  // namespace refract::fhir::internal
