// order-select / order-sign cards (include/refract/cdshooks/cards.h).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "card_text.h"
#include "refract/cdshooks/cards.h"

namespace refract::cdshooks {
namespace {

using internal::NewCard;
using nlohmann::json;

constexpr const char* kEsketamine = "esketamine";
constexpr int kWarnFromAntidepressant = 3;  // display threshold of the psychotherapy card

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

// `name` occurs in `text` as a whole word (both lower case).
bool HasWord(const std::string& text, const std::string& name) {
  if (name.empty()) return false;
  for (size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + 1)) {
    const bool starts = at == 0 || !std::isalnum(static_cast<unsigned char>(text[at - 1]));
    const size_t end = at + name.size();
    const bool ends = end == text.size() || !std::isalnum(static_cast<unsigned char>(text[end]));
    if (starts && ends) return true;
  }
  return false;
}

// Every name the order writes: the codings' displays and the text.
std::string WrittenNames(const json& request) {
  const json medication = request.value("medicationCodeableConcept", json::object());
  std::string names;
  for (const json& coding : medication.value("coding", json::array())) {
    if (coding.is_object() && coding.contains("display") && coding["display"].is_string()) {
      names += coding["display"].get<std::string>() + "; ";
    }
  }
  if (medication.contains("text") && medication["text"].is_string()) {
    names += medication["text"].get<std::string>();
  }
  return names;
}

std::string AgentOf(const std::string& written, const KnowledgeBase& knowledge) {
  const std::string text = Lower(written);
  if (HasWord(text, kEsketamine)) return kEsketamine;
  for (const Antidepressant& drug : knowledge.antidepressants) {
    if (HasWord(text, Lower(drug.name)) || HasWord(text, Lower(drug.id))) return drug.id;
    for (const NameAlias& alias : drug.aliases) {
      if (HasWord(text, Lower(alias.name))) return drug.id;
    }
  }
  return "";
}

std::set<std::string> Selections(const json& context) {
  std::set<std::string> selected;
  for (const json& item : context.value("selections", json::array())) {
    if (item.is_string()) selected.insert(item.get<std::string>());
  }
  return selected;
}

// Distinct antidepressant molecules tried in this episode, with the ordered one.
int AntidepressantsWithOrder(const Assessment& assessment, const std::string& agent,
                             const KnowledgeBase& knowledge) {
  std::set<std::string> molecules;
  for (const TrialReport& trial : assessment.trials) {
    if (trial.kind == TreatmentKind::kAntidepressant && trial.in_current_episode) {
      molecules.insert(knowledge.MoleculeOf(trial.agent));
    }
  }
  molecules.insert(knowledge.MoleculeOf(agent));
  return static_cast<int>(molecules.size());
}

std::optional<Card> PsychotherapyCard(const Assessment& assessment, const DraftOrder& order,
                                      const KnowledgeBase& knowledge,
                                      const std::string& patient_ref,
                                      const CardSettings& settings) {
  if (order.agent == kEsketamine || !NoAdequatePsychotherapy(assessment)) return std::nullopt;
  const int count = AntidepressantsWithOrder(assessment, order.agent, knowledge);
  if (count < kWarnFromAntidepressant) return std::nullopt;
  Card card = NewCard(
      settings, "warning", "order-check",
      fmt::format("This would be the {} antidepressant in this episode without an adequate "
                  "psychotherapy trial",
                  internal::Ordinal(count)),
      fmt::format("{} would be the {} antidepressant of the current episode, and no evidence-based "
                  "psychotherapy (CBT, IPT, behavioural activation, ...) has had an adequate trial "
                  "(Markowitz et al. 2022). Consider offering one alongside or instead.",
                  order.name, internal::Ordinal(count)));
  Suggestion referral;
  referral.label = "Refer for an evidence-based psychotherapy";
  referral.uuid = settings.new_uuid();
  referral.actions.push_back(
      {"create", "Propose a referral for an evidence-based psychotherapy",
       internal::ServiceRequest(
           patient_ref,
           {{"text",
             "Referral for an evidence-based psychotherapy for depression (CBT, IPT or "
             "behavioural activation)"}},
           "No adequate psychotherapy trial in the current depressive episode"),
       ""});
  card.suggestions.push_back(std::move(referral));
  card.selection_behavior = "at-most-one";
  return card;
}

// The cautions of option `option_id` on `condition` that apply to this patient.
std::vector<const CautionView*> ApplyingCautions(const Assessment& assessment,
                                                 const std::string& option_id,
                                                 const std::string& condition) {
  std::vector<const CautionView*> found;
  if (!assessment.options) return found;
  const OptionResult* option = assessment.options->Find(option_id);
  if (option == nullptr) return found;
  for (const CautionView& view : option->cautions) {
    if (view.status == CautionStatus::kApplies && view.caution->Condition() == condition) {
      found.push_back(&view);
    }
  }
  return found;
}

// The interaction cautions of the options knowledge an order meets.
std::vector<const CautionView*> Interactions(const Assessment& assessment, const DraftOrder& order,
                                             const KnowledgeBase& knowledge) {
  if (order.agent == kEsketamine) {
    return ApplyingCautions(assessment, kEsketamine, "maoi_ongoing");
  }
  const Antidepressant* drug = knowledge.FindAntidepressant(order.agent);
  if (drug != nullptr && drug->drug_class == DrugClass::kMaoi) {
    return ApplyingCautions(assessment, "maoi", "serotonergic_medication");
  }
  return ApplyingCautions(assessment, "combination", "maoi_ongoing");
}

std::optional<Card> InteractionCard(const Assessment& assessment, const DraftOrder& order,
                                    const KnowledgeBase& knowledge, const CardSettings& settings) {
  const std::vector<const CautionView*> cautions = Interactions(assessment, order, knowledge);
  if (cautions.empty()) return std::nullopt;
  std::string detail;
  for (const CautionView* view : cautions) {
    detail += fmt::format("- {} ({}). Source: {}\n", view->caution->text, view->detail,
                          view->caution->provenance.source);
  }
  const bool hard = order.agent != kEsketamine;
  return NewCard(settings, hard ? "critical" : "warning", "interaction",
                 fmt::format("Interaction: {} with {}", order.name, cautions[0]->detail), detail);
}

std::optional<Card> EsketamineCard(const Assessment& assessment, const DraftOrder& order,
                                   const CardSettings& settings) {
  if (order.agent != kEsketamine || !assessment.options) return std::nullopt;
  const OptionResult* option = assessment.options->Find(kEsketamine);
  if (option == nullptr || !option->option->eligibility) return std::nullopt;
  const Eligibility& rule = *option->option->eligibility;
  const int failed = assessment.options->input.failed_antidepressant_trials;
  const bool met = failed >= rule.min_failed_trials;
  const std::string summary =
      met ? fmt::format(
                "Esketamine: label criterion met ({} failed adequate antidepressant "
                "trials in this episode)",
                failed)
          : fmt::format(
                "Esketamine: label criterion not met ({} of {} failed adequate "
                "antidepressant trials in this episode)",
                failed, rule.min_failed_trials);
  const std::string detail =
      fmt::format("Label criterion: {}. Source: {}", rule.text, rule.provenance.source);
  return NewCard(settings, met ? "info" : "warning", "eligibility", summary, detail);
}

}  // namespace

std::vector<DraftOrder> ReadDraftOrders(const json& context, bool selected_only,
                                        const KnowledgeBase& knowledge) {
  std::vector<DraftOrder> orders;
  const json bundle = context.value("draftOrders", json::object());
  const std::set<std::string> selected = Selections(context);
  for (const json& entry : bundle.value("entry", json::array())) {
    if (!entry.is_object() || !entry.contains("resource")) continue;
    const json& resource = entry["resource"];
    if (!resource.is_object() || resource.value("resourceType", "") != "MedicationRequest") {
      continue;
    }
    const std::string id = "MedicationRequest/" + resource.value("id", "");
    if (selected_only && !selected.contains(id)) continue;
    const std::string agent = AgentOf(WrittenNames(resource), knowledge);
    if (agent.empty()) continue;
    const Antidepressant* drug = knowledge.FindAntidepressant(agent);
    orders.push_back({id, agent, drug != nullptr ? drug->name : "Esketamine"});
  }
  return orders;
}

std::vector<Card> OrderCards(const Assessment& assessment, const std::vector<DraftOrder>& orders,
                             const KnowledgeBase& knowledge, const std::string& patient_ref,
                             const CardSettings& settings) {
  std::vector<Card> cards;
  for (const DraftOrder& order : orders) {
    for (std::optional<Card> card :
         {InteractionCard(assessment, order, knowledge, settings),
          EsketamineCard(assessment, order, settings),
          PsychotherapyCard(assessment, order, knowledge, patient_ref, settings)}) {
      if (card) cards.push_back(std::move(*card));
    }
  }
  return cards;
}

}  // namespace refract::cdshooks
