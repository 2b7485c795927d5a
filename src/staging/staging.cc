#include "refract/staging/staging.h"

#include <fmt/format.h>

#include "models.h"
#include "outcome_sensitivity.h"

namespace refract {
namespace {

ModelResult NotApplicable(ModelResult result, Diagnosis diagnosis, bool describe) {
  result.applicable = false;
  result.category = "not_applicable";
  result.summary = "not applicable";
  result.counted_trials.clear();
  result.failed_antidepressants.reset();
  result.excluded_trials.clear();
  result.components.clear();
  result.next_steps.clear();
  result.missing.clear();
  result.variants.clear();
  result.assumptions.clear();
  result.uncertain_params.clear();
  result.provisional = false;
  result.stage.reset();
  result.score.reset();
  result.meets.reset();
  result.notes.clear();
  if (describe) {
    result.notes.push_back(
        diagnosis == Diagnosis::kBipolar
            ? "bipolar diagnosis: unipolar TRD staging does not apply (Sforzini 2022 excludes "
              "bipolar depression; docs/staging-decisions.md#bipolar-depression)"
            : "diagnosis is not major depressive disorder: unipolar TRD staging does not apply");
  }
  return result;
}

using staging_internal::SameVerdict;
using staging_internal::StageFn;

// An unconfirmed parameter with a plausible range affected the result only if re-staging with the
// parameter at either end of the range changes the verdict; otherwise it is noted and dropped, so
// that `provisional` means "the result itself depends on an unconfirmed value".
ModelResult CheckSensitivity(StageFn stage, const StagingContext& context, ModelResult result) {
  std::vector<std::string> relied;
  const StagingOptions verdict_only = staging_internal::VerdictOnly(context.options);
  for (const std::string& id : result.uncertain_params) {
    const Parameter* parameter = context.knowledge.parameters.Find(id);
    if (!parameter || !parameter->range) {
      relied.push_back(id);
      continue;
    }
    bool changes = false;
    for (double value : {parameter->range->first, parameter->range->second}) {
      KnowledgeBase variant = context.knowledge;
      variant.parameters.Find(id)->value = value;
      changes =
          changes ||
          !SameVerdict(stage(MakeStagingContext(context.record, variant, verdict_only)), result);
    }
    if (changes) {
      relied.push_back(id);
    } else if (context.options.describe) {
      result.notes.push_back(
          fmt::format("{} is unconfirmed, but the result is the same for any value "
                      "from {:g} to {:g}",
                      id, parameter->range->first, parameter->range->second));
    }
  }
  result.uncertain_params = relied;
  result.provisional = !relied.empty();
  return result;
}

}  // namespace

const AdequacyVerdict& AdequacyMemo::Verdict(const PatientRecord& record, std::size_t index,
                                             const KnowledgeBase& knowledge,
                                             const AdequacyRule& rule, AdequacyDetail detail) {
  if (index >= by_trial_.size()) by_trial_.resize(index + 1);
  for (const Entry* entry : by_trial_[index]) {
    if (entry->record == &record && entry->knowledge == &knowledge &&
        entry->rule.min_weeks == rule.min_weeks &&
        entry->rule.min_pt_sessions == rule.min_pt_sessions &&
        entry->rule.require_experienced_therapist == rule.require_experienced_therapist &&
        (entry->verdict.explained || detail == AdequacyDetail::kVerdictOnly))
      return entry->verdict;
  }
  entries_.push_back(
      {&record, index, &knowledge, rule,
       AssessAdequacy(record.treatments[index], record.as_of, knowledge, rule, detail)});
  by_trial_[index].push_back(&entries_.back());
  return entries_.back().verdict;
}

const AdequacyVerdict& TrialAdequacy(const StagingContext& context, std::size_t index,
                                     const AdequacyRule& rule) {
  return context.adequacy->Verdict(
      context.record, index, context.knowledge, rule,
      context.options.explain ? AdequacyDetail::kInWords : AdequacyDetail::kVerdictOnly);
}

StagingContext MakeStagingContext(const PatientRecord& record, const KnowledgeBase& knowledge,
                                  const StagingOptions& options) {
  StagingContext context{record, knowledge, options, {}, {}, std::make_shared<AdequacyMemo>()};
  for (const Treatment& treatment : record.treatments) {
    context.outcomes.push_back(
        AssessOutcome(treatment, knowledge,
                      options.describe ? OutcomeDetail::kInWords : OutcomeDetail::kCategoryOnly));
    // A12 [D]: trials that started before the onset of the current episode belong to earlier
    // episodes.
    context.in_current_episode.push_back(treatment.start >= record.episode.onset);
  }
  return context;
}

std::vector<ModelResult> StageAllModels(const StagingContext& context) {
  constexpr StageFn kModels[] = {StageThaseRush, StageEuropean,    StageMgh,
                                 StageMaudsley,  StageDmTrd,       StageConway,
                                 StageMarkowitz, StageTwoFailures, StageSforzini};
  std::vector<ModelResult> results;
  results.reserve(std::size(kModels));
  StagingContext recording = context;
  recording.failure_questions = std::make_shared<std::vector<FailureQuestion>>();
  staging_internal::NearbyOutcomes nearby(context);
  for (StageFn stage : kModels) {
    recording.failure_questions->clear();
    ModelResult result = CheckSensitivity(stage, context, stage(recording));
    if (context.record.diagnosis != Diagnosis::kMdd) {
      result = NotApplicable(std::move(result), context.record.diagnosis, context.options.describe);
    } else {
      staging_internal::CheckOutcomeSensitivity(stage, context, recording.failure_questions.get(),
                                                nearby, result);
    }
    results.push_back(std::move(result));
  }
  return results;
}

}  // namespace refract
