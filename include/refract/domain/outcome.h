// Trial outcomes: either derived from scores on a named instrument or recorded as a clinician
// judgement.
//
// Categories follow staging-decisions.md §3: response >= 50 % improvement, partial response 25 % to
// < 50 %, nonresponse < 25 % (J Clin Psychiatry 2020;81(3):OT19037BR2 [V]; response [E]); remission
// by the instrument's threshold. Edge cases [D]: exactly 25 % is partial, exactly 50 % is response,
// negative improvement is nonresponse, missing baseline is unknown.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace refract {

enum class OutcomeCategory { kNonresponse, kPartialResponse, kResponse, kRemission, kUnknown };

struct ScoredOutcome {
  std::string instrument;  // knowledge id: "madrs", "hamd17", "qids_sr16", "phq9", ...
  std::optional<int> baseline;
  std::optional<int> end;
};

struct TrialOutcome {
  std::optional<ScoredOutcome> scores;
  std::optional<OutcomeCategory> judgement;  // clinician judgement, used when scores are absent
};

std::string_view ToString(OutcomeCategory category);

// Percent-improvement boundaries (knowledge parameters outcome.response_pct,
// outcome.partial_response_pct).
struct ResponseThresholds {
  int response_pct = 50;
  int partial_pct = 25;
};

// Improvement category from integer scores (higher = worse), exact integer arithmetic at the
// boundaries: pct >= r  <=>  100 (baseline - end) >= r * baseline. REQUIRES: baseline > 0.
// Remission is not decided here (it needs the instrument's threshold).
OutcomeCategory ClassifyImprovement(int baseline, int end, ResponseThresholds thresholds);

// 100 * (baseline - end) / baseline, for display. REQUIRES: baseline > 0.
double ImprovementPercent(int baseline, int end);

}  // namespace refract
