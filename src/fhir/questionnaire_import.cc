// QuestionnaireResponse -> assessments. The instrument and each item come from, in order: the
// linkId when it is an instrument code (HL7 PHR-IG: linkId = LOINC item code; a leading "/" as in
// LHC-Forms is ignored), the Questionnaire item's code (the Questionnaire found by the response's
// canonical `questionnaire` in the Bundle, or contained), the Questionnaire's own code (the panel).
// When the instrument is known (panel or total code) but its items carry no codes, the answered
// items are matched by their order in the Questionnaire if their number equals the instrument's
// scored items (reported as doubtful). Answers are scored by answer_scores.h; a stated total (an
// item coded as the total) is compared with the items' total (administration_builder.h).
#include <map>

#include "administration_builder.h"
#include "answer_scores.h"
#include "fhir_values.h"
#include "import_steps.h"
#include "instrument_items.h"
#include "refract/measures/instrument.h"

namespace refract::fhir {

using nlohmann::json;

namespace {

struct AnsweredItem {
  const json* item = nullptr;
  std::string path = {};
  const json* definition = nullptr;  // the Questionnaire item with the same linkId
  std::optional<InstrumentCode> code = {};
};

void FlattenQuestionnaire(const json& items, std::vector<const json*>& flat) {
  if (!items.is_array()) return;
  for (const json& item : items) {
    flat.push_back(&item);
    FlattenQuestionnaire(item.value("item", json()), flat);
  }
}

void FlattenResponse(const json& items, const std::string& label, std::vector<AnsweredItem>& flat) {
  if (!items.is_array()) return;
  for (const json& item : items) {
    const std::string path = label + ".item[linkId=" + Text(item, "linkId") + "]";
    if (item.contains("answer") && item["answer"].is_array() && !item["answer"].empty()) {
      flat.push_back({&item, path});
      for (const json& answer : item["answer"]) FlattenResponse(answer.value("item", json()), label, flat);
    }
    FlattenResponse(item.value("item", json()), label, flat);
  }
}

const json* FindQuestionnaire(const ImportState& state, const json& response) {
  const std::string canonical = Text(response, "questionnaire");
  if (canonical.empty()) return nullptr;
  if (canonical.front() == '#') return state.index.Resolve(canonical, response);
  if (const json* found = state.index.FindCanonical(canonical)) return found;
  return state.index.Resolve(canonical, response);
}

std::optional<InstrumentCode> CodeOf(const ImportState& state, const AnsweredItem& answered) {
  std::string link = Text(*answered.item, "linkId");
  if (!link.empty() && link.front() == '/') link.erase(0, 1);
  if (std::optional<InstrumentCode> code = LookupInstrumentCode(state.tables, {std::string(kLoinc), link, ""})) return code;
  if (answered.definition != nullptr) return LookupInstrumentConcept(state.tables, answered.definition->value("code", json()));
  return std::nullopt;
}

std::string InstrumentOf(const ImportState& state, const json* questionnaire, const std::vector<AnsweredItem>& items) {
  if (questionnaire != nullptr) {
    if (std::optional<InstrumentCode> code = LookupInstrumentConcept(state.tables, questionnaire->value("code", json()))) {
      return code->instrument;
    }
  }
  for (const AnsweredItem& item : items) {
    if (item.code) return item.code->instrument;
  }
  return {};
}

// Items without codes matched by their order in the Questionnaire (see the file comment).
bool MatchByPosition(const ImportState& state, const std::string& instrument, const std::vector<const json*>& order,
                     std::vector<AnsweredItem>& items) {
  const measures::InstrumentDefinition* definition = state.engine.Instrument(instrument);
  if (definition == nullptr) return false;
  std::vector<int> scored;
  for (const measures::ItemDefinition& item : definition->items) {
    if (item.scored) scored.push_back(item.number);
  }
  std::vector<const json*> uncoded;
  for (const json* question : order) {
    const std::string type = Text(*question, "type");
    if ((type == "choice" || type == "integer" || type == "open-choice" || type == "coding") &&
        !LookupInstrumentConcept(state.tables, question->value("code", json()))) {
      uncoded.push_back(question);
    }
  }
  if (uncoded.size() != scored.size()) return false;
  for (AnsweredItem& item : items) {
    if (item.code) continue;
    for (std::size_t i = 0; i < uncoded.size(); ++i) {
      if (uncoded[i] == item.definition) item.code = InstrumentCode{instrument, scored[i]};
    }
  }
  return true;
}

void ImportResponse(ImportState& state, const BundleResource& entry) {
  const json& response = *entry.resource;
  const json* questionnaire = FindQuestionnaire(state, response);
  std::vector<const json*> order;
  if (questionnaire != nullptr) FlattenQuestionnaire(questionnaire->value("item", json()), order);
  std::vector<AnsweredItem> items;
  FlattenResponse(response.value("item", json()), entry.label, items);
  for (AnsweredItem& item : items) {
    for (const json* question : order) {
      if (Text(*question, "linkId") == Text(*item.item, "linkId")) item.definition = question;
    }
    item.code = CodeOf(state, item);
  }
  CollectedAdministration administration;
  administration.label = entry.label;
  administration.instrument = InstrumentOf(state, questionnaire, items);
  if (administration.instrument.empty()) {
    state.Skipped(entry.label, "no instrument identified: neither the response nor its Questionnaire carries a LOINC panel, total or item code (knowledge/fhir/instrument_codes.json)");
    return;
  }
  const bool uncoded = std::any_of(items.begin(), items.end(), [](const AnsweredItem& i) { return !i.code; });
  if (uncoded && MatchByPosition(state, administration.instrument, order, items)) {
    administration.doubts.push_back("items matched by their order in the Questionnaire (it gives no item codes)");
  }
  administration.date = DatePart(response.value("authored", json()));
  for (const AnsweredItem& item : items) {
    if (!item.code || item.code->instrument != administration.instrument) continue;
    const json& answer = (*item.item)["answer"][0];
    const std::optional<double> score = AnswerScore(state, answer, item.definition, questionnaire);
    const std::string path = item.path + ".answer[0]";
    if (!score) {
      administration.doubts.push_back(path + " could not be scored: left unanswered");
    } else if (item.code->total) {
      administration.stated_total = ItemValue{*score, path};
    } else {
      administration.items[item.code->item] = ItemValue{*score, path};
    }
  }
  const json part_of = response.value("partOf", json::array());
  if (!part_of.empty()) administration.treatment_label = state.index.LabelOf(part_of[0], response);
  if (const json* session = FirstExtension(response, "session")) administration.session = session->value("valueInteger", 0);
  AddAdministration(state, std::move(administration));
}

}  // namespace

void ImportQuestionnaireResponses(ImportState& state) {
  for (const BundleResource* entry : ResourcesOf(state, "QuestionnaireResponse")) {
    const std::string status = Text(*entry->resource, "status");
    if (status == "entered-in-error" || status == "stopped") {
      state.Skipped(entry->label, "status '" + status + "'");
      continue;
    }
    ImportResponse(state, *entry);
  }
}

}  // namespace refract::fhir
