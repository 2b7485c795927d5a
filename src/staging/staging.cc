#include "refract/staging/staging.h"

#include "models.h"

namespace refract {
namespace {

ModelResult NotApplicable(ModelResult result, Diagnosis diagnosis) {
  result.applicable = false;
  result.category = "not_applicable";
  result.summary = "not applicable";
  result.counted_trials.clear();
  result.excluded_trials.clear();
  result.components.clear();
  result.next_steps.clear();
  result.missing.clear();
  result.variants.clear();
  result.notes = {diagnosis == Diagnosis::kBipolar
                      ? "bipolar diagnosis: unipolar TRD staging does not apply (staging.md §7 A14; "
                        "Sforzini 2022 excludes bipolar depression)"
                      : "diagnosis is not major depressive disorder: unipolar TRD staging does not apply"};
  result.stage.reset();
  result.score.reset();
  result.meets.reset();
  return result;
}

}  // namespace

StagingContext MakeStagingContext(const PatientRecord& record, const KnowledgeBase& knowledge,
                                  const StagingOptions& options) {
  StagingContext context{record, knowledge, options, {}, {}};
  for (const Treatment& treatment : record.treatments) {
    context.outcomes.push_back(AssessOutcome(treatment, knowledge));
    // A12 [D]: trials that started before the onset of the current episode belong to earlier episodes.
    context.in_current_episode.push_back(treatment.start >= record.episode.onset);
  }
  return context;
}

std::vector<ModelResult> StageAllModels(const StagingContext& context) {
  using StageFn = ModelResult (*)(const StagingContext&);
  constexpr StageFn kModels[] = {StageThaseRush, StageEuropean, StageMgh,
                                 StageMaudsley,  StageDmTrd,    StageConway,
                                 StageMarkowitz, StageTwoFailures, StageSforzini};
  std::vector<ModelResult> results;
  for (StageFn stage : kModels) {
    ModelResult result = stage(context);
    if (context.record.diagnosis != Diagnosis::kMdd) {
      result = NotApplicable(std::move(result), context.record.diagnosis);
    }
    results.push_back(std::move(result));
  }
  return results;
}

}  // namespace refract
