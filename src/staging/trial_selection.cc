#include "refract/staging/trial_selection.h"

#include <fmt/format.h>

#include <algorithm>
#include <concepts>

namespace refract {
namespace {

void AddUnique(std::vector<std::string>& items, const std::string& item) {
  if (std::find(items.begin(), items.end(), item) == items.end()) items.push_back(item);
}

// Records trial `id` as not counted, with `reason()` in words, when the context explains.
template <std::invocable Reason>
void Exclude(const StagingContext& context, const std::string& id, Reason reason,
             Selection& selection) {
  if (context.options.explain) selection.excluded.push_back({id, reason()});
}

std::string OutcomeExclusion(const OutcomeAssessment& outcome) {
  if (outcome.category == OutcomeCategory::kUnknown) {
    return fmt::format("outcome unknown ({}): not counted as a failure", outcome.detail);
  }
  return fmt::format("not a failure under this model: {}", outcome.detail);
}

}  // namespace

bool IsAntidepressantKind(TreatmentKind kind) {
  return kind == TreatmentKind::kAntidepressant || kind == TreatmentKind::kCombination;
}

DrugClass ClassOf(const Treatment& treatment, const KnowledgeBase& knowledge) {
  const Antidepressant* drug = knowledge.FindAntidepressant(treatment.agent);
  return drug ? drug->drug_class : DrugClass::kOther;
}

Selection SelectFailedTrials(const StagingContext& context, const SelectionSpec& spec) {
  Selection selection;
  const Parameter& threshold = spec.failure_below_pct
                                   ? *spec.failure_below_pct
                                   : DefaultFailureThreshold(spec.failure, context.knowledge);
  const auto& treatments = context.record.treatments;
  for (size_t i = 0; i < treatments.size(); ++i) {
    const Treatment& treatment = treatments[i];
    if (!context.in_current_episode[i]) {
      Exclude(
          context, treatment.id,
          [&] {
            return fmt::format("before the current episode (onset {})",
                               context.record.episode.onset.ToString());
          },
          selection);
      continue;
    }
    if (!spec.countable_kinds.contains(treatment.kind)) {
      Exclude(
          context, treatment.id,
          [&] {
            auto elsewhere = spec.scored_elsewhere.find(treatment.kind);
            return elsewhere != spec.scored_elsewhere.end()
                       ? elsewhere->second
                       : fmt::format("{} trials are not counted by this model",
                                     ToString(treatment.kind));
          },
          selection);
      continue;
    }
    if (spec.extra_gate) {
      std::string reason = spec.extra_gate(treatment);
      if (!reason.empty()) {
        Exclude(
            context, treatment.id, [&] { return std::move(reason); }, selection);
        continue;
      }
    }
    const AdequacyVerdict& verdict = TrialAdequacy(context, i, spec.rule);
    if (!verdict.adequate) {
      for (const auto& param : verdict.uncertain_params)
        AddUnique(selection.uncertain_params, param);
      Exclude(
          context, treatment.id, [&] { return "not adequate: " + verdict.FailedSummary(); },
          selection);
      continue;
    }
    const OutcomeAssessment& outcome = context.outcomes[i];
    if (!CountsAsFailure(context, i, spec.failure, static_cast<int>(threshold.value))) {
      Exclude(
          context, treatment.id, [&] { return OutcomeExclusion(outcome); }, selection);
      continue;
    }
    for (const auto& param : verdict.uncertain_params) AddUnique(selection.uncertain_params, param);
    selection.counted.push_back({i, &treatment, &verdict, &outcome});
  }
  return selection;
}

bool CountsAsFailure(const StagingContext& context, std::size_t index, FailureRule rule,
                     int below_pct) {
  if (context.failure_questions) {
    const FailureQuestion question{index, rule, below_pct};
    auto& asked = *context.failure_questions;
    if (std::find(asked.begin(), asked.end(), question) == asked.end()) asked.push_back(question);
  }
  return IsFailure(context.outcomes[index], rule, below_pct);
}

void AddUncertain(ModelResult& result, const std::string& param_id) {
  AddUnique(result.uncertain_params, param_id);
  result.provisional = true;
}

void RecordSelection(const Selection& selection, ModelResult& result) {
  for (const CountedTrial& trial : selection.counted)
    result.counted_trials.push_back(trial.treatment->id);
  result.excluded_trials = selection.excluded;
  for (const auto& param : selection.uncertain_params) AddUncertain(result, param);
}

std::vector<std::string> DistinctAgents(const Selection& selection,
                                        const KnowledgeBase& knowledge) {
  std::vector<std::string> agents;
  for (const CountedTrial& trial : selection.counted) {
    if (!IsAntidepressantKind(trial.treatment->kind)) continue;
    AddUnique(agents, knowledge.MoleculeOf(trial.treatment->agent));
  }
  return agents;
}

const Parameter& DefaultFailureThreshold(FailureRule rule, const KnowledgeBase& knowledge) {
  return rule == FailureRule::kShortOfResponse ? knowledge.Param("outcome.response_pct")
                                               : knowledge.Param("outcome.partial_response_pct");
}

}  // namespace refract
