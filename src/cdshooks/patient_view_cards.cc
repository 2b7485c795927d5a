// patient-view cards (include/refract/cdshooks/cards.h).
#include <fmt/format.h>

#include "card_text.h"
#include "refract/cdshooks/cards.h"

namespace refract::cdshooks {
namespace {

using internal::NewCard;

constexpr const char* kDefaultModel = "maudsley_2009";
constexpr const char* kMarkowitzModel = "markowitz_2022";

const ModelResult* FindModel(const Assessment& assessment, const std::string& id) {
  for (const ModelResult& result : assessment.staging) {
    if (result.model_id == id) return &result;
  }
  return nullptr;
}

std::string ShortResult(const ModelResult* result) {
  if (result == nullptr) return "not staged";
  if (!result->applicable) return "not applicable";
  return result->summary + (result->provisional ? " (provisional)" : "");
}

std::string ModelLine(const ModelResult* result) {
  if (result == nullptr) return "";
  std::string line = fmt::format("- **{}**: {}", result->name, ShortResult(result));
  if (!result->missing.empty()) {
    line += fmt::format(" (still needs: {})", fmt::join(result->missing, "; "));
  }
  return line + "\n";
}

std::string OptionsLines(const Assessment& assessment) {
  if (!assessment.options || assessment.options->ranked.empty()) return "";
  std::string lines = "\nNext-step options Refract ranks first:\n";
  const size_t shown = std::min<size_t>(3, assessment.options->ranked.size());
  for (size_t i = 0; i < shown; ++i) {
    const OptionResult& option = assessment.options->ranked[i];
    lines += fmt::format("{}. {}\n", i + 1, option.option->name);
  }
  return lines;
}

const SafetyAction* FindSafetyAction(const Assessment& assessment, std::string_view code) {
  if (!assessment.options) return nullptr;
  for (const SafetyAction& action : assessment.options->safety_actions) {
    if (action.code == code) return &action;
  }
  return nullptr;
}

Suggestion OrderPhq9(const std::string& patient_ref, const SafetyAction& reason,
                     const CardSettings& settings) {
  const nlohmann::json code = {
      {"coding",
       {{{"system", "http://loinc.org"},
         {"code", "44249-1"},
         {"display", "PHQ-9 quick depression assessment panel [Reported.PHQ]"}}}},
      {"text", "PHQ-9"}};
  Suggestion suggestion;
  suggestion.label = "Order a PHQ-9 (it asks about self-harm, item 9)";
  suggestion.uuid = settings.new_uuid();
  suggestion.actions.push_back({"create", "Propose a PHQ-9 for the patient to complete",
                                internal::ServiceRequest(patient_ref, code, reason.why), ""});
  return suggestion;
}

Card SummaryCard(const Assessment& assessment, const std::string& patient_ref,
                 const CardSettings& settings) {
  const ModelResult* maudsley = FindModel(assessment, kDefaultModel);
  const ModelResult* markowitz = FindModel(assessment, kMarkowitzModel);
  const bool no_psychotherapy = NoAdequatePsychotherapy(assessment);
  std::string summary = fmt::format("TRD stage: Maudsley {}; Markowitz {}", ShortResult(maudsley),
                                    ShortResult(markowitz));
  if (no_psychotherapy) summary += "; no adequate psychotherapy yet";
  std::string detail = "Treatment-resistance stage of the current depressive episode:\n\n" +
                       ModelLine(maudsley) + ModelLine(markowitz);
  if (no_psychotherapy) {
    detail +=
        "\nNo adequate trial of an evidence-based psychotherapy in this episode (Markowitz et al. "
        "2022 count a psychotherapy trial as adequate only with enough sessions).\n";
  }
  if (!assessment.not_adequately_tried_note.empty()) {
    detail += "\n" + assessment.not_adequately_tried_note + "\n";
  }
  detail += OptionsLines(assessment);
  Card card = NewCard(settings, "info", "staging", summary, detail);
  if (const SafetyAction* not_assessed = FindSafetyAction(assessment, "SAFETY_NOT_ASSESSED")) {
    card.suggestions.push_back(OrderPhq9(patient_ref, *not_assessed, settings));
    card.selection_behavior = "at-most-one";
  }
  return card;
}

std::vector<const measures::SafetyAlert*> CriticalAlerts(const Assessment& assessment) {
  std::vector<const measures::SafetyAlert*> alerts;
  for (const measures::SafetyAlert& alert : assessment.measures.alerts) {
    if (alert.severity == measures::AlertSeverity::kCritical) alerts.push_back(&alert);
  }
  return alerts;
}

std::optional<Card> SafetyCard(const Assessment& assessment, const CardSettings& settings) {
  const std::vector<const measures::SafetyAlert*> alerts = CriticalAlerts(assessment);
  std::vector<const SafetyAction*> actions;
  if (assessment.options) {
    for (const SafetyAction& action : assessment.options->safety_actions) {
      if (action.code != "SAFETY_NOT_ASSESSED") actions.push_back(&action);
    }
  }
  if (alerts.empty() && actions.empty()) return std::nullopt;
  std::string detail;
  for (const SafetyAction* action : actions) {
    detail += fmt::format("**{} ({})**: {} Why: {}\n\n", action->code, ToString(action->level),
                          action->text, action->why);
  }
  for (const measures::SafetyAlert* alert : alerts) detail += "- " + alert->message + "\n";
  const std::string summary = !alerts.empty()
                                  ? "Self-harm item positive: " + alerts.back()->message
                                  : fmt::format("Safety: {} action needed ({})",
                                                ToString(actions[0]->level), actions[0]->code);
  return NewCard(settings, "critical", "safety", summary, detail);
}

Card AppLinkCard(const CardSettings& settings) {
  Card card = NewCard(settings, "info", "app",
                      "Review the full treatment history and next steps in Refract",
                      "The Refract app shows every counted trial, the staging under each model, "
                      "the measures and the ranked next-step options with their evidence.");
  card.links.push_back({"Open Refract", settings.app_url + "#/patients", "absolute", "", {}});
  return card;
}

}  // namespace

bool NoAdequatePsychotherapy(const Assessment& assessment) {
  for (const UntriedClass& untried : assessment.not_adequately_tried) {
    if (untried.id == "psychotherapy_evidence_based") return true;
  }
  return false;
}

std::vector<Card> PatientViewCards(const Assessment& assessment, const std::string& patient_ref,
                                   const CardSettings& settings) {
  std::vector<Card> cards;
  if (std::optional<Card> safety = SafetyCard(assessment, settings)) {
    cards.push_back(std::move(*safety));
  }
  cards.push_back(SummaryCard(assessment, patient_ref, settings));
  cards.push_back(AppLinkCard(settings));
  return cards;
}

}  // namespace refract::cdshooks
