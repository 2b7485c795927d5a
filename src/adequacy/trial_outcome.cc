#include "refract/adequacy/trial_outcome.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

namespace refract {
namespace {

struct Boundaries {
  ResponseThresholds thresholds;
  std::optional<int> remission_max;
};

OutcomeCategory CategoryOf(int baseline, int end, const Boundaries& b) {
  if (b.remission_max && end <= *b.remission_max) return OutcomeCategory::kRemission;
  return ClassifyImprovement(baseline, end, b.thresholds);
}

std::string Points(int points) { return fmt::format("{} point{}", points, points == 1 ? "" : "s"); }

std::string Direction(int from, int to) { return to < from ? "lower" : "higher"; }

// "24.1 % improvement is 0.9 percentage points below the 25 % partial-response boundary".
std::string PercentPosition(const OutcomeAssessment& outcome, int threshold_pct,
                            const std::string& name) {
  const bool exact = 100LL * (*outcome.baseline - *outcome.end) ==
                     static_cast<long long>(threshold_pct) * *outcome.baseline;
  const double gap = *outcome.improvement_pct - threshold_pct;
  const std::string where = exact ? "exactly at"
                                  : fmt::format("{:.1f} percentage points {}", std::abs(gap),
                                                gap < 0 ? "below" : "above");
  return fmt::format("{:.1f} % improvement is {} the {} % {} boundary", *outcome.improvement_pct,
                     where, threshold_pct, name);
}

// The nearest end score on the other side of the boundary whose better side is end <= better_max,
// when it lies within `max_points` and the instrument range and gives another category.
std::optional<NearBoundary> Near(const OutcomeAssessment& outcome, int better_max,
                                 const Boundaries& b, int max_total, int max_points) {
  const int end = *outcome.end;
  const int other = end <= better_max ? better_max + 1 : better_max;
  const int points = std::abs(other - end);
  if (other < 0 || other > max_total || points > max_points) return std::nullopt;
  NearBoundary near;
  near.end = other;
  near.points = points;
  near.category = CategoryOf(*outcome.baseline, other, b);
  if (near.category == outcome.category) return std::nullopt;
  return near;
}

std::optional<NearBoundary> NearRemission(const Instrument& instrument, const Boundaries& b,
                                          int max_points, const OutcomeAssessment& outcome) {
  std::optional<NearBoundary> near =
      Near(outcome, instrument.remission_max, b, instrument.max_total, max_points);
  if (!near) return std::nullopt;
  near->boundary =
      fmt::format("the {} remission cut-off (<= {})", instrument.name, instrument.remission_max);
  const int gap = *outcome.end - instrument.remission_max;
  const std::string where =
      gap == 0 ? "exactly at"
               : fmt::format("{} {}", Points(std::abs(gap)), gap > 0 ? "above" : "below");
  near->detail =
      fmt::format("the end score {} is {} {}; an end score of {} would be {}", *outcome.end, where,
                  near->boundary, near->end, CategoryInWords(near->category));
  return near;
}

// improvement >= pct  <=>  100 * end <= (100 - pct) * baseline
std::optional<NearBoundary> NearPercent(int pct, const char* name, const Instrument& instrument,
                                        const Boundaries& b, int max_points,
                                        const OutcomeAssessment& outcome) {
  const int better_max = (100 - pct) * *outcome.baseline / 100;
  std::optional<NearBoundary> near = Near(outcome, better_max, b, instrument.max_total, max_points);
  if (!near) return std::nullopt;
  near->boundary = fmt::format("the {} % {} boundary", pct, name);
  near->threshold_pct = pct;
  near->detail = fmt::format("{}; an end score of {} ({} {}) would be {}",
                             PercentPosition(outcome, pct, name), near->end, Points(near->points),
                             Direction(*outcome.end, near->end), CategoryInWords(near->category));
  return near;
}

// The remission cut-off first, then the percentages; one entry per nearby end score.
void AddNearBoundaries(const Instrument& instrument, const Boundaries& b, int max_points,
                       OutcomeAssessment& outcome) {
  std::vector<NearBoundary>& found = outcome.near_boundaries;
  auto add = [&](std::optional<NearBoundary> near) {
    if (!near) return;
    const bool seen = std::any_of(found.begin(), found.end(), [&](const NearBoundary& other) {
      return other.end == near->end;
    });
    if (!seen) found.push_back(std::move(*near));
  };
  add(NearRemission(instrument, b, max_points, outcome));
  add(NearPercent(b.thresholds.response_pct, "response", instrument, b, max_points, outcome));
  add(NearPercent(b.thresholds.partial_pct, "partial-response", instrument, b, max_points,
                  outcome));
  std::stable_sort(found.begin(), found.end(), [](const NearBoundary& x, const NearBoundary& y) {
    return x.points < y.points;
  });
}

OutcomeAssessment FromScores(const ScoredOutcome& scores, const KnowledgeBase& knowledge,
                             OutcomeDetail detail) {
  OutcomeAssessment result;
  const bool in_words = detail == OutcomeDetail::kInWords;
  const Instrument* instrument = knowledge.FindInstrument(scores.instrument);
  const std::string& name = instrument ? instrument->name : scores.instrument;
  if (!scores.baseline || !scores.end) {
    if (in_words) result.detail = fmt::format("{}: baseline or end score missing", name);
    return result;
  }
  if (*scores.baseline == 0) {
    if (in_words) result.detail = fmt::format("{}: baseline score 0, improvement undefined", name);
    return result;
  }
  const Boundaries boundaries{
      {static_cast<int>(knowledge.Param("outcome.response_pct").value),
       static_cast<int>(knowledge.Param("outcome.partial_response_pct").value)},
      instrument ? std::optional<int>(instrument->remission_max) : std::nullopt};
  result.source = OutcomeSource::kScores;
  result.baseline = *scores.baseline;
  result.end = *scores.end;
  result.improvement_pct = ImprovementPercent(*scores.baseline, *scores.end);
  result.category = CategoryOf(*scores.baseline, *scores.end, boundaries);
  result.score_category = result.category;
  if (!in_words) return result;
  result.detail = fmt::format("{} {} -> {}: {:.1f} % improvement", name, *scores.baseline,
                              *scores.end, *result.improvement_pct);
  if (instrument) {
    AddNearBoundaries(*instrument, boundaries,
                      static_cast<int>(knowledge.Param("outcome.near_boundary_points").value),
                      result);
  }
  return result;
}

// Complete scores decide; a judgement that gives another category is named beside them.
void NoteJudgement(OutcomeCategory judgement, OutcomeDetail detail, OutcomeAssessment& scored) {
  scored.judgement = judgement;
  if (judgement == OutcomeCategory::kUnknown || judgement == scored.category) return;
  scored.conflict = true;
  if (detail == OutcomeDetail::kCategoryOnly) return;
  scored.decision = fmt::format(
      "{} = {}; the clinician judged {}; the scores decided (docs/patient-record.md#outcome)",
      scored.detail, CategoryInWords(scored.category), CategoryInWords(judgement));
}

}  // namespace

std::string CategoryInWords(OutcomeCategory category) {
  std::string words(ToString(category));
  std::replace(words.begin(), words.end(), '_', ' ');
  return words;
}

OutcomeAssessment AssessOutcome(const Treatment& treatment, const KnowledgeBase& knowledge,
                                OutcomeDetail detail) {
  if (treatment.outcome.scores) {
    OutcomeAssessment scored = FromScores(*treatment.outcome.scores, knowledge, detail);
    if (scored.source == OutcomeSource::kScores) {
      if (treatment.outcome.judgement) NoteJudgement(*treatment.outcome.judgement, detail, scored);
      return scored;
    }
    if (!treatment.outcome.judgement) return scored;
  }
  OutcomeAssessment result;
  const bool in_words = detail == OutcomeDetail::kInWords;
  if (treatment.outcome.judgement) {
    result.category = *treatment.outcome.judgement;
    result.judgement = result.category;
    result.source = OutcomeSource::kClinicianJudgement;
    if (in_words) result.detail = fmt::format("clinician judgement: {}", ToString(result.category));
  } else if (in_words) {
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
