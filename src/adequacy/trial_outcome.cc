#include "refract/adequacy/trial_outcome.h"

#include <fmt/format.h>

namespace refract {
namespace {

OutcomeAssessment FromScores(const ScoredOutcome& scores, const KnowledgeBase& knowledge) {
  OutcomeAssessment result;
  const Instrument* instrument = knowledge.FindInstrument(scores.instrument);
  const std::string name = instrument ? instrument->name : scores.instrument;
  if (!scores.baseline || !scores.end) {
    result.detail = fmt::format("{}: baseline or end score missing", name);
    return result;
  }
  if (*scores.baseline == 0) {
    result.detail = fmt::format("{}: baseline score 0, improvement undefined", name);
    return result;
  }
  const int baseline = *scores.baseline;
  const int end = *scores.end;
  result.source = OutcomeSource::kScores;
  result.baseline = baseline;
  result.end = end;
  result.improvement_pct = ImprovementPercent(baseline, end);
  result.category = ClassifyImprovement(
      baseline, end,
      {static_cast<int>(knowledge.Param("outcome.response_pct").value),
       static_cast<int>(knowledge.Param("outcome.partial_response_pct").value)});
  if (instrument && end <= instrument->remission_max) result.category = OutcomeCategory::kRemission;
  result.detail = fmt::format("{} {} -> {}: {:.1f} % improvement", name, baseline, end,
                              *result.improvement_pct);
  return result;
}

}  // namespace

OutcomeAssessment AssessOutcome(const Treatment& treatment, const KnowledgeBase& knowledge) {
  if (treatment.outcome.scores) {
    OutcomeAssessment scored = FromScores(*treatment.outcome.scores, knowledge);
    if (scored.source == OutcomeSource::kScores || !treatment.outcome.judgement) return scored;
  }
  OutcomeAssessment result;
  if (treatment.outcome.judgement) {
    result.category = *treatment.outcome.judgement;
    result.source = OutcomeSource::kClinicianJudgement;
    result.detail = fmt::format("clinician judgement: {}", ToString(result.category));
  } else {
    result.detail = "no outcome recorded";
  }
  return result;
}

bool IsFailure(const OutcomeAssessment& outcome, FailureRule rule) {
  switch (outcome.category) {
    case OutcomeCategory::kNonresponse:
      return true;
    case OutcomeCategory::kPartialResponse:
      return rule == FailureRule::kShortOfResponse;
    default:
      return false;
  }
}

bool IsFailure(const OutcomeAssessment& outcome, FailureRule rule, int below_pct) {
  if (outcome.source != OutcomeSource::kScores || !outcome.baseline || !outcome.end) {
    return IsFailure(outcome, rule);
  }
  if (outcome.category == OutcomeCategory::kRemission) return false;
  const long long drop_x100 = 100LL * (static_cast<long long>(*outcome.baseline) - *outcome.end);
  return drop_x100 < static_cast<long long>(below_pct) * *outcome.baseline;
}

}  // namespace refract
