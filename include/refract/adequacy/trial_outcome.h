// The outcome of one trial: from scores on a named instrument (improvement percentage with exact
// integer arithmetic, remission by the instrument's threshold), else from the clinician's
// judgement, else unknown. What counts as a *failure* differs by model (staging-decisions.md §3):
// most models count anything short of response (< 50 %); Sforzini 2022 counts only nonresponse (<
// 25 %).
//
// Complete scores decide even when a clinician judgement is recorded too (docs/patient-record.md
// "Outcome"); when the two give different categories the result says so (`conflict`, `decision`).
// A scored outcome is *near a boundary* when an end score at most outcome.near_boundary_points
// [D] scale points away would give another category: the response and partial-response
// percentages (outcome.response_pct, outcome.partial_response_pct; Sforzini's 25 % is the same
// boundary at its default) and the instrument's remission cut-off.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "refract/domain/patient.h"
#include "refract/knowledge/knowledge.h"

namespace refract {

enum class OutcomeSource { kScores, kClinicianJudgement, kNone };

// An end score on the other side of a category boundary, close to the recorded one.
struct NearBoundary {
  std::string boundary;              // "the 25 % partial-response boundary"
  std::optional<int> threshold_pct;  // percent boundaries; empty for the remission cut-off
  int end = 0;                       // the nearest end score on the other side
  int points = 0;                    // |end - recorded end|, 1 .. outcome.near_boundary_points
  OutcomeCategory category = OutcomeCategory::kUnknown;  // what `end` would give
  // "24.1 % improvement is 0.9 percentage points below the 25 % partial-response boundary; an end
  // score of 21 (1 point lower) would be partial response"
  std::string detail;
};

struct OutcomeAssessment {
  OutcomeCategory category = OutcomeCategory::kUnknown;
  OutcomeSource source = OutcomeSource::kNone;  // what decided the category
  std::optional<double> improvement_pct;
  std::optional<int>
      baseline;  // the scores behind improvement_pct, for exact threshold comparisons
  std::optional<int> end;
  std::string detail;                             // "MADRS 30 -> 26: 13.3 % improvement"
  std::optional<OutcomeCategory> score_category;  // from complete scores, whatever decided
  std::optional<OutcomeCategory> judgement;       // the clinician judgement, when recorded
  // Complete scores and a judgement (other than unknown) give different categories.
  bool conflict = false;
  // With a conflict: "MADRS 29 -> 22: 24.1 % improvement = nonresponse; the clinician judged
  // partial response; the scores decided (docs/patient-record.md#outcome)".
  std::string decision;
  std::vector<NearBoundary> near_boundaries;  // scored outcomes only, nearest first
};

enum class FailureRule {
  kShortOfResponse,  // nonresponse or partial response (< 50 %) counts as failure
  kNonresponseOnly   // only nonresponse (< 25 %) counts
};

// kCategoryOnly leaves the words out: `detail` and `decision` stay empty and `near_boundaries`
// is not searched. For callers that read only the category, source, scores, judgement and conflict
// (the outcome-sensitivity variants, staging/outcome_sensitivity.h).
enum class OutcomeDetail { kInWords, kCategoryOnly };

OutcomeAssessment AssessOutcome(const Treatment& treatment, const KnowledgeBase& knowledge,
                                OutcomeDetail detail = OutcomeDetail::kInWords);

// "partial response" for kPartialResponse: the category in prose.
std::string CategoryInWords(OutcomeCategory category);

// True when the outcome is a failure under `rule`; unknown outcomes are never failures (§3 [D]).
bool IsFailure(const OutcomeAssessment& outcome, FailureRule rule);

// As above with a model's own improvement threshold for scored outcomes: failure iff
// 100 * (baseline - end) < below_pct * baseline (exact integers); remission is never a failure.
// Judgements are classified as above.
bool IsFailure(const OutcomeAssessment& outcome, FailureRule rule, int below_pct);

}  // namespace refract
