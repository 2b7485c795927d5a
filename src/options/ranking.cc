#include "refract/options/ranking.h"

#include <fmt/format.h>

#include <algorithm>

#include "evidence_grade.h"
#include "option_factors.h"
#include "option_guidelines.h"
#include "option_history.h"
#include "safety_action.h"

namespace refract {
namespace {

using options_internal::ApplyCautions;
using options_internal::ApplyEligibility;
using options_internal::ApplyModerators;
using options_internal::ApplyPreference;
using options_internal::AssessHistory;
using options_internal::SafetyActions;

// A short phrase per component for the one-line rationale.
std::string Phrase(const OptionComponent& component) {
  if (component.id.starts_with("evidence.")) {
    if (component.id == "evidence.no_clear_benefit") return "no clear benefit shown";
    if (component.id == "evidence.stage_match") return "evidence from patients at this stage";
    if (component.id == "evidence.small_trd_trials") return "small TRD trials";
    if (component.id == "evidence.investigational") return "investigational";
    if (component.id == "evidence.population_excluded") {
      return "its trials excluded patients like this";
    }
    return std::string(component.detail.substr(0, component.detail.find(" (")));
  }
  if (component.id == "history.never_tried" || component.id == "history.previous_benefit" ||
      component.id == "history.outcome_unknown") {
    return component.detail;
  }
  if (component.id == "history.inadequate_attempt") {
    return component.detail.starts_with("under way") ? "in progress, not yet an adequate course"
                                                     : "an earlier attempt was not adequate";
  }
  if (component.id == "history.partial_response") return "partly helped before";
  if (component.id == "history.class_failed") return "a treatment of the same kind failed";
  if (component.id == "history.psychotherapy_gap") return "no adequate psychotherapy yet";
  if (component.id == "preference.prefers") return "patient preference";
  if (component.id == "caution.relative") return "";  // named from the cautions below
  if (component.id == "context.applies") return component.detail;
  if (component.id == "context.add_on_without_antidepressant") {
    return "studied as an add-on; no antidepressant is ongoing";
  }
  if (component.id.starts_with("step.")) return "a later step at this stage";
  return "";
}

// "aripiprazole (T7A) already failed adequately in this episode: <the indication's
// despite_failure>", for an option kept in the indicated tier despite the failure of its class.
std::string PriorFailures(const OptionResult& result) {
  if (result.prior_failures.empty()) return "";
  std::vector<std::string> trials;
  for (const PriorFailure& failure : result.prior_failures) {
    trials.push_back(failure.agent.empty() ? failure.trial
                                           : fmt::format("{} ({})", failure.agent, failure.trial));
  }
  std::string what_instead;
  for (const Indication* indication : result.indications) {
    if (!indication->despite_failure.empty()) {
      what_instead = ": " + indication->despite_failure;
      break;
    }
  }
  return fmt::format("{} already failed adequately in this episode{}", fmt::join(trials, ", "),
                     what_instead);
}

std::string Rationale(const OptionResult& result) {
  std::vector<std::string> phrases;
  for (const Indication* indication : result.indications) {
    phrases.push_back("guideline indication: " + indication->label);
  }
  if (std::string failed = PriorFailures(result); !failed.empty()) phrases.push_back(failed);
  std::vector<std::string> moderators;
  for (const ModeratorView& view : result.moderators) {
    if (view.points > 0) moderators.push_back(view.moderator->label);
  }
  for (const OptionComponent& component : result.components) {
    if (component.id.starts_with("moderator.")) continue;
    std::string phrase = Phrase(component);
    if (!phrase.empty() && std::find(phrases.begin(), phrases.end(), phrase) == phrases.end()) {
      phrases.push_back(std::move(phrase));
    }
  }
  if (!moderators.empty()) {
    phrases.push_back(fmt::format("fits: {}", fmt::join(moderators, ", ")));
  }
  std::vector<std::string> cautions;
  for (const CautionView& view : result.cautions) {
    if (view.status == CautionStatus::kApplies && !view.hard && view.caution->scored) {
      cautions.push_back(InWords(view.caution->applies_when));
    }
  }
  if (!cautions.empty()) phrases.push_back(fmt::format("caution: {}", fmt::join(cautions, ", ")));
  if (result.provisional) {
    phrases.push_back(
        fmt::format("provisional: rests on {} unconfirmed value{} (refract options --explain {})",
                    result.relies_on_unconfirmed.size(),
                    result.relies_on_unconfirmed.size() == 1 ? "" : "s", result.option->id));
  }
  return fmt::format("{}", fmt::join(phrases, "; "));
}

// evidence.stage_match: a patient with at least one failed antidepressant trial but short of TRD
// is the population of the inadequate-response trials.
std::optional<OptionComponent> StageMatch(const Intervention& option, const OptionsInput& input,
                                          const RankingKnowledge& ranking) {
  const bool inadequate_response =
      option.evidence_level == EvidenceLevel::kInadequateResponseMetaAnalysis ||
      option.evidence_level == EvidenceLevel::kInadequateResponseRct;
  const int trd = static_cast<int>(ranking.Weight("facts.trd_failed_trials").value);
  const int failed = input.failed_antidepressant_trials;
  if (!inadequate_response || failed < 1 || failed >= trd) return std::nullopt;
  return options_internal::WeightComponent(
      ranking, "evidence.stage_match",
      fmt::format("{} failed antidepressant trial{}, short of TRD: the trials after one failed "
                  "antidepressant are the direct evidence",
                  failed, failed == 1 ? "" : "s"));
}

// An adequately failed option is excluded, unless an indication names it despite the failure (then
// it stays, with a 0-point history component that quotes the failure and what to try instead).
// The failed trials are kept in prior_failures, which the rationale names.
void KeepOrExclude(const options_internal::HistoryResult& history, const RankingKnowledge& ranking,
                   OptionResult& result) {
  const Exclusion& failed = *history.already_failed;
  for (const Indication* indication : result.indications) {
    if (indication->despite_failure.empty()) continue;
    result.components.push_back(options_internal::WeightComponent(
        ranking, "history.failed_but_indicated",
        fmt::format("{}; {}", failed.detail, indication->despite_failure)));
    result.prior_failures = history.failed_trials;
    return;
  }
  result.exclusions.push_back(failed);
}

OptionResult AssessOption(const Intervention& option, const OptionsInput& input,
                          const OptionsKnowledge& knowledge) {
  const RankingKnowledge& ranking = knowledge.ranking;
  OptionResult result;
  result.option = &option;
  result.indications = options_internal::MatchIndications(option, input, ranking);
  const EvidenceGrade& grade = knowledge.GradeOf(option);
  result.components = grade.components;
  result.evidence_points = grade.points;
  if (std::optional<OptionComponent> match = StageMatch(option, input, ranking)) {
    result.evidence_points += match->points;
    result.components.push_back(std::move(*match));
  }
  const std::string limited_by =
      options_internal::ApplyApplicability(option, input, ranking, result);
  result.relies_on_unconfirmed = grade.relies_on_unconfirmed;
  result.syntheses = SynthesesFor(knowledge.syntheses, option.id);
  options_internal::HistoryResult history = AssessHistory(option, input, ranking);
  if (history.already_failed) KeepOrExclude(history, ranking, result);
  result.relies_on_unconfirmed.insert(result.relies_on_unconfirmed.end(),
                                      history.relies_on_unconfirmed.begin(),
                                      history.relies_on_unconfirmed.end());
  result.components.insert(result.components.end(), history.components.begin(),
                           history.components.end());
  ApplyModerators(option, input, ranking, limited_by, result);
  ApplyPreference(option, input, ranking, result);
  ApplyCautions(option, input, ranking, result);
  options_internal::ApplyStepRules(option, input, ranking, result);
  options_internal::ApplyAddOnContext(option, input, ranking, result);
  ApplyEligibility(option, input, ranking, result);
  for (const OptionComponent& component : result.components) result.score += component.points;
  for (const Indication* indication : result.indications) {
    if (indication->provenance.tag == Tag::kUnconfirmed) {
      result.relies_on_unconfirmed.push_back("indication " + indication->id);
    }
  }
  result.provisional = !result.relies_on_unconfirmed.empty();
  result.rationale = Rationale(result);
  return result;
}

// The indicated tier first, by the priority of the first indication (the order of ranking.json's
// indications); then by score, evidence and catalogue order.
void Order(std::vector<OptionResult>& ranked, const OptionsKnowledge& knowledge) {
  const auto& indications = knowledge.ranking.indications;
  auto priority = [&](const OptionResult& r) {
    return r.indications.empty() ? indications.size()
                                 : static_cast<size_t>(r.indications.front() - indications.data());
  };
  auto index = [&](const OptionResult& r) {
    return r.option - knowledge.catalogue.interventions.data();
  };
  std::sort(ranked.begin(), ranked.end(), [&](const OptionResult& a, const OptionResult& b) {
    if (priority(a) != priority(b)) return priority(a) < priority(b);
    if (a.score != b.score) return a.score > b.score;
    if (a.evidence_points != b.evidence_points) return a.evidence_points > b.evidence_points;
    return index(a) < index(b);
  });
  for (size_t i = 0; i < ranked.size(); ++i) {
    ranked[i].rank = static_cast<int>(i) + 1;
    auto same = [&](size_t j) {
      return ranked[j].score == ranked[i].score && priority(ranked[j]) == priority(ranked[i]);
    };
    ranked[i].tied = (i > 0 && same(i - 1)) || (i + 1 < ranked.size() && same(i + 1));
  }
}

}  // namespace

std::string_view ToString(ExclusionKind kind) {
  switch (kind) {
    case ExclusionKind::kDeclined:
      return "declined";
    case ExclusionKind::kContraindicated:
      return "contraindicated";
    case ExclusionKind::kAlreadyFailed:
      return "already_failed";
    case ExclusionKind::kNotYetIndicated:
      return "not_yet_indicated";
    case ExclusionKind::kSituationAbsent:
      return "situation_absent";
  }
  return "?";
}

std::string_view ToString(SafetyLevel level) {
  switch (level) {
    case SafetyLevel::kRoutine:
      return "routine";
    case SafetyLevel::kUrgent:
      return "urgent";
    case SafetyLevel::kEmergency:
      return "emergency";
  }
  return "?";
}

const Fact* OptionsInput::Find(std::string_view id) const {
  for (const std::vector<Fact>* list : {&facts, &conditions, &contexts}) {
    for (const Fact& fact : *list) {
      if (fact.id == id) return &fact;
    }
  }
  return nullptr;
}

std::string_view ToString(CautionStatus status) {
  switch (status) {
    case CautionStatus::kApplies:
      return "applies";
    case CautionStatus::kScreen:
      return "screen";
    case CautionStatus::kNotPresent:
      return "not_present";
    case CautionStatus::kGeneral:
      return "general";
  }
  return "?";
}

const OptionResult* OptionsReport::Find(std::string_view id) const {
  for (const std::vector<OptionResult>* list : {&ranked, &excluded}) {
    for (const OptionResult& result : *list) {
      if (result.option->id == id) return &result;
    }
  }
  return nullptr;
}

OptionsReport RankOptions(const OptionsInput& input,
                          std::shared_ptr<const OptionsKnowledge> knowledge) {
  OptionsReport report;
  report.knowledge = knowledge;
  report.input = input;
  const RankingKnowledge& ranking = knowledge->ranking;
  report.safety_actions = SafetyActions(input, ranking);
  report.notes = input.notes;
  if (input.diagnosis != Diagnosis::kMdd) {
    report.applicable = false;
    report.not_applicable_reason = input.diagnosis == Diagnosis::kBipolar
                                       ? ranking.Message("not_applicable_bipolar").text
                                       : ranking.Message("not_applicable_other").text;
    return report;
  }
  for (const Intervention& option : knowledge->catalogue.interventions) {
    OptionResult result = AssessOption(option, input, *knowledge);
    (result.exclusions.empty() ? report.ranked : report.excluded).push_back(std::move(result));
  }
  Order(report.ranked, *knowledge);
  if (input.prefers.empty() && input.declines.empty()) {
    report.notes.push_back(ranking.Message("no_preference_recorded").text);
  }
  return report;
}

}  // namespace refract
