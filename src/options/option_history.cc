#include "option_history.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "evidence_grade.h"

namespace refract::options_internal {
namespace {

constexpr char kEvidenceBasedPsychotherapy[] = "psychotherapy_evidence_based";

struct Variant {
  std::string label;
  std::function<bool(const TrialSummary&)> matches;
};

enum class VariantState {
  kNeverTried,
  kInadequate,  // tried, never adequately, and it did not help
  kFailed,      // the latest adequate trial: nonresponse
  kPartial,     // the latest adequate trial: partial response
  kBenefit,     // the latest adequate trial helped, or an inadequate one did
  kOutcomeUnknown
};

struct VariantStatus {
  const Variant* variant = nullptr;
  VariantState state = VariantState::kNeverTried;
  std::vector<const TrialSummary*> trials;  // the matching trials (the deciding one last)
};

bool IsFailure(OutcomeCategory outcome) { return outcome == OutcomeCategory::kNonresponse; }

bool IsBenefit(OutcomeCategory outcome) {
  return outcome == OutcomeCategory::kResponse || outcome == OutcomeCategory::kRemission;
}

bool InClass(const TrialSummary& trial, std::string_view class_id) {
  return std::find(trial.treatment_classes.begin(), trial.treatment_classes.end(), class_id) !=
         trial.treatment_classes.end();
}

std::vector<Variant> VariantsOf(const Intervention& option, const OptionsInput& input) {
  std::vector<Variant> variants;
  for (const std::string& modality : option.psychotherapy_modalities) {
    variants.push_back({modality, [modality](const TrialSummary& t) {
                          return t.kind == TreatmentKind::kPsychotherapy && t.agent == modality;
                        }});
  }
  if (!variants.empty()) return variants;
  for (TreatmentKind kind : option.trial_kinds) {
    variants.push_back(
        {std::string(ToString(kind)), [kind](const TrialSummary& t) { return t.kind == kind; }});
  }
  if (!variants.empty()) return variants;
  for (const std::string& class_id : option.treatment_classes) {
    auto label = input.class_labels.find(class_id);
    variants.push_back({label == input.class_labels.end() ? class_id : label->second,
                        [class_id](const TrialSummary& t) { return InClass(t, class_id); }});
  }
  return variants;
}

VariantState StateOf(const TrialSummary& latest_adequate) {
  switch (latest_adequate.outcome) {
    case OutcomeCategory::kNonresponse:
      return VariantState::kFailed;
    case OutcomeCategory::kPartialResponse:
      return VariantState::kPartial;
    case OutcomeCategory::kResponse:
    case OutcomeCategory::kRemission:
      return VariantState::kBenefit;
    case OutcomeCategory::kUnknown:
      return VariantState::kOutcomeUnknown;
  }
  return VariantState::kOutcomeUnknown;
}

// The latest adequate trial decides; without one, an inadequate trial that helped still counts as
// having helped (a full MBCT course of 8 sessions is below the 9-session minimum).
VariantStatus StatusOf(const Variant& variant, const OptionsInput& input) {
  VariantStatus status{&variant, VariantState::kNeverTried, {}};
  const TrialSummary* latest_adequate = nullptr;
  const TrialSummary* helped = nullptr;
  for (const TrialSummary& trial : input.trials) {
    if (!variant.matches(trial)) continue;
    status.trials.push_back(&trial);
    if (trial.adequate && (!latest_adequate || trial.start >= latest_adequate->start)) {
      latest_adequate = &trial;
    }
    if (IsBenefit(trial.outcome)) helped = &trial;
  }
  const TrialSummary* deciding = latest_adequate ? latest_adequate : helped;
  if (deciding) {
    status.state = latest_adequate ? StateOf(*latest_adequate) : VariantState::kBenefit;
    std::erase(status.trials, deciding);
    status.trials.push_back(deciding);
  } else if (!status.trials.empty()) {
    status.state = VariantState::kInadequate;
  }
  return status;
}

std::string TrialLabel(const TrialSummary& trial) {
  return trial.agent.empty() ? fmt::format("{} ({})", trial.id, ToString(trial.kind))
                             : fmt::format("{} ({})", trial.id, trial.agent);
}

std::string Deciding(const VariantStatus& status) {
  const TrialSummary& trial = *status.trials.back();
  return fmt::format("{}: {}{}", TrialLabel(trial), ToString(trial.outcome),
                     trial.adequate ? "" : ", although shorter than an adequate course");
}

std::string AdequateCourse(const Intervention& option) {
  for (const CourseItem& item : option.course) {
    if (item.sessions || item.weeks) return item.text;
  }
  return option.course.empty() ? "" : option.course.front().text;
}

std::string InadequateDetail(const Intervention& option, const VariantStatus& status) {
  std::vector<std::string> attempts;
  bool ongoing = false;
  for (const TrialSummary* trial : status.trials) {
    attempts.push_back(fmt::format("{}{}: {}", TrialLabel(*trial),
                                   trial->ongoing ? ", ongoing" : "", trial->shortfall));
    ongoing = ongoing || trial->ongoing;
  }
  const std::string course = AdequateCourse(option);
  return fmt::format(
      "{} ({}){}", ongoing ? "under way, not yet an adequate course" : "tried, never adequately",
      fmt::join(attempts, "; "), course.empty() ? "" : "; the course in the trials: " + course);
}

std::vector<std::string> Labels(const std::vector<VariantStatus>& statuses, VariantState state) {
  std::vector<std::string> labels;
  for (const VariantStatus& status : statuses) {
    if (status.state == state) labels.push_back(status.variant->label);
  }
  return labels;
}

const VariantStatus* First(const std::vector<VariantStatus>& statuses, VariantState state) {
  for (const VariantStatus& status : statuses) {
    if (status.state == state) return &status;
  }
  return nullptr;
}

// "; not yet tried: TCA, MAOI" for the never-tried variants of a multi-variant option.
std::string NeverTriedTail(const std::vector<VariantStatus>& statuses) {
  const std::vector<std::string> never = Labels(statuses, VariantState::kNeverTried);
  return never.empty() ? "" : fmt::format("; not yet tried: {}", fmt::join(never, ", "));
}

// The one component that describes the option's own history (the variants not failed), by
// priority: helped, an inadequate attempt, never tried, partial response, outcome unknown.
OptionComponent OwnHistory(const Intervention& option, const std::vector<VariantStatus>& statuses,
                           const RankingKnowledge& ranking) {
  if (const VariantStatus* benefit = First(statuses, VariantState::kBenefit)) {
    return WeightComponent(ranking, "history.previous_benefit",
                           fmt::format("helped in this episode ({})", Deciding(*benefit)));
  }
  if (const VariantStatus* inadequate = First(statuses, VariantState::kInadequate)) {
    return WeightComponent(ranking, "history.inadequate_attempt",
                           InadequateDetail(option, *inadequate) + NeverTriedTail(statuses));
  }
  if (std::vector<std::string> never = Labels(statuses, VariantState::kNeverTried);
      !never.empty()) {
    const bool all = never.size() == statuses.size();
    return WeightComponent(
        ranking, "history.never_tried",
        all ? "never tried in this episode"
            : fmt::format("not yet tried in this episode: {}", fmt::join(never, ", ")));
  }
  if (const VariantStatus* partial = First(statuses, VariantState::kPartial)) {
    return WeightComponent(
        ranking, "history.partial_response",
        fmt::format("partly helped in this episode ({}): an optimised or longer course may be "
                    "considered",
                    Deciding(*partial)));
  }
  const VariantStatus* unknown = First(statuses, VariantState::kOutcomeUnknown);
  return WeightComponent(
      ranking, "history.outcome_unknown",
      fmt::format("an adequate trial with no recorded outcome ({}): record it",
                  unknown ? TrialLabel(*unknown->trials.back()) : std::string("?")));
}

// Adequate failures in the option's treatment classes that are not the option itself. None for a
// psychotherapy: modalities are different treatments, and the catalogue has no finding that one
// failed psychotherapy predicts the failure of another.
std::vector<const TrialSummary*> ClassFailures(const Intervention& option,
                                               const OptionsInput& input,
                                               const std::vector<Variant>& variants) {
  std::vector<const TrialSummary*> failures;
  if (!option.psychotherapy_modalities.empty()) return failures;
  for (const TrialSummary& trial : input.trials) {
    if (!trial.adequate || !IsFailure(trial.outcome)) continue;
    const bool own = std::any_of(variants.begin(), variants.end(),
                                 [&](const Variant& v) { return v.matches(trial); });
    const bool same_class =
        std::any_of(option.treatment_classes.begin(), option.treatment_classes.end(),
                    [&](const std::string& c) { return InClass(trial, c); });
    if (same_class && !own) failures.push_back(&trial);
  }
  return failures;
}

std::optional<OptionComponent> PsychotherapyGap(const Intervention& option,
                                                const OptionsInput& input,
                                                const RankingKnowledge& ranking) {
  const auto& classes = option.treatment_classes;
  if (std::find(classes.begin(), classes.end(), kEvidenceBasedPsychotherapy) == classes.end()) {
    return std::nullopt;
  }
  const int needed = static_cast<int>(ranking.Weight("facts.trd_failed_trials").value);
  if (input.failed_antidepressant_trials < needed) return std::nullopt;
  const bool had_adequate =
      std::any_of(input.trials.begin(), input.trials.end(),
                  [](const auto& t) { return t.evidence_based_psychotherapy && t.adequate; });
  if (had_adequate) return std::nullopt;
  return WeightComponent(
      ranking, "history.psychotherapy_gap",
      fmt::format("{} adequate antidepressant trials failed and no adequate evidence-based "
                  "psychotherapy yet: Markowitz 2022 asks for one before calling depression "
                  "treatment-resistant",
                  input.failed_antidepressant_trials));
}

// The unconfirmed values behind the adequacy verdicts of `trials`.
void NoteUncertainAdequacy(const std::vector<const TrialSummary*>& trials, HistoryResult& result) {
  for (const TrialSummary* trial : trials) {
    if (trial->uncertain_params.empty()) continue;
    result.relies_on_unconfirmed.push_back(
        fmt::format("adequacy of {} ({})", trial->id, fmt::join(trial->uncertain_params, ", ")));
  }
}

}  // namespace

HistoryResult AssessHistory(const Intervention& option, const OptionsInput& input,
                            const RankingKnowledge& ranking) {
  HistoryResult result;
  const std::vector<Variant> variants = VariantsOf(option, input);
  if (variants.empty() && !option.applies_only_when.empty()) return result;  // its situation says
  if (variants.empty()) {
    result.components.push_back(WeightComponent(
        ranking, "history.not_tracked",
        "the record has no treatment kind for this option: ask whether it was tried"));
    return result;
  }
  std::vector<VariantStatus> statuses;
  for (const Variant& variant : variants) statuses.push_back(StatusOf(variant, input));
  for (const VariantStatus& status : statuses) NoteUncertainAdequacy(status.trials, result);
  const bool all_failed = std::all_of(statuses.begin(), statuses.end(), [](const auto& s) {
    return s.state == VariantState::kFailed;
  });
  if (all_failed) {
    std::vector<std::string> failed;
    for (const VariantStatus& status : statuses) failed.push_back(Deciding(status));
    result.already_failed = Exclusion{
        ExclusionKind::kAlreadyFailed,
        fmt::format("adequately tried and failed in this episode ({})", fmt::join(failed, "; ")),
        {Tag::kDecision,
         "docs/options.md (history): an option adequately tried and failed is not proposed again "
         "(docs/options.md)"}};
    for (const TrialSummary& trial : input.trials) {
      const bool failed_variant = std::any_of(statuses.begin(), statuses.end(), [&](const auto& s) {
        return std::find(s.trials.begin(), s.trials.end(), &trial) != s.trials.end();
      });
      if (failed_variant && trial.adequate && IsFailure(trial.outcome)) {
        result.failed_trials.push_back({trial.id, trial.agent});
      }
    }
    return result;
  }
  result.components.push_back(OwnHistory(option, statuses, ranking));
  if (std::vector<const TrialSummary*> others = ClassFailures(option, input, variants);
      !others.empty()) {
    std::vector<std::string> labels;
    for (const TrialSummary* trial : others) labels.push_back(TrialLabel(*trial));
    result.components.push_back(
        WeightComponent(ranking, "history.class_failed",
                        fmt::format("another option of the same class failed adequately ({})",
                                    fmt::join(labels, ", "))));
    NoteUncertainAdequacy(others, result);
  }
  if (std::optional<OptionComponent> gap = PsychotherapyGap(option, input, ranking)) {
    result.components.push_back(std::move(*gap));
  }
  return result;
}

}  // namespace refract::options_internal
