// The outcome of one trial: from scores on a named instrument (improvement percentage with exact
// integer arithmetic, remission by the instrument's threshold), else from the clinician's
// judgement, else unknown. What counts as a *failure* differs by model (staging-decisions.md §3):
// most models count anything short of response (< 50 %); Sforzini 2022 counts only nonresponse (<
// 25 %).
#pragma once

#include <optional>
#include <string>

#include "refract/domain/patient.h"
#include "refract/knowledge/knowledge.h"

namespace refract {

enum class OutcomeSource { kScores, kClinicianJudgement, kNone };

struct OutcomeAssessment {
  OutcomeCategory category = OutcomeCategory::kUnknown;
  OutcomeSource source = OutcomeSource::kNone;
  std::optional<double> improvement_pct;
  std::optional<int>
      baseline;  // the scores behind improvement_pct, for exact threshold comparisons
  std::optional<int> end;
  std::string detail;  // "MADRS 30 -> 26: 13.3 % improvement"
};

enum class FailureRule {
  kShortOfResponse,  // nonresponse or partial response (< 50 %) counts as failure
  kNonresponseOnly   // only nonresponse (< 25 %) counts
};

OutcomeAssessment AssessOutcome(const Treatment& treatment, const KnowledgeBase& knowledge);

// True when the outcome is a failure under `rule`; unknown outcomes are never failures (§3 [D]).
bool IsFailure(const OutcomeAssessment& outcome, FailureRule rule);

// As above with a model's own improvement threshold for scored outcomes: failure iff
// 100 * (baseline - end) < below_pct * baseline (exact integers); remission is never a failure.
// Judgements are classified as above.
bool IsFailure(const OutcomeAssessment& outcome, FailureRule rule, int below_pct);

}  // namespace refract
