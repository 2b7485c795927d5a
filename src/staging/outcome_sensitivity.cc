#include "outcome_sensitivity.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>

#include "refract/staging/trial_selection.h"

namespace refract::staging_internal {
namespace {

// Stages the model again with one trial's outcome replaced, unless the replacement answers every
// failure question the model asked of that trial as the recorded outcome does.
class VariantStager {
 public:
  VariantStager(StageFn stage, const StagingContext& context,
                const std::vector<FailureQuestion>* asked, const ModelResult& result)
      : stage_(stage),
        context_(context),
        asked_(asked),
        result_(result),
        options_(VerdictOnly(context.options)) {}

  // The model's result, in its one-line summary, when trial `index`'s outcome is `outcome`; ""
  // when the verdict stays the same.
  std::string ResultWith(size_t index, const OutcomeAssessment& outcome) const {
    if (AnswersAlike(index, outcome)) return "";
    StagingContext variant{context_.record,   context_.knowledge,          options_,
                           context_.outcomes, context_.in_current_episode, context_.adequacy};
    variant.outcomes[index] = outcome;
    ModelResult other = stage_(variant);
    return SameVerdict(other, result_) ? "" : std::move(other.summary);
  }

 private:
  bool AnswersAlike(size_t index, const OutcomeAssessment& outcome) const {
    if (!asked_) return false;
    const OutcomeAssessment& recorded = context_.outcomes[index];
    return std::all_of(asked_->begin(), asked_->end(), [&](const FailureQuestion& q) {
      return q.trial != index ||
             IsFailure(recorded, q.rule, q.below_pct) == IsFailure(outcome, q.rule, q.below_pct);
    });
  }

  StageFn stage_;
  const StagingContext& context_;
  const std::vector<FailureQuestion>* asked_;
  const ModelResult& result_;
  StagingOptions options_;
};

// The nearest end score, at most outcome.near_boundary_points away, that changes the verdict.
std::optional<int> VerdictChangingEnd(const VariantStager& stager, NearbyOutcomes& nearby,
                                      size_t index) {
  for (const auto& [end, outcome] : nearby.Of(index)) {
    if (!stager.ResultWith(index, outcome).empty()) return end;
  }
  return std::nullopt;
}

std::vector<NearbyOutcomes::EndAndOutcome> AssessNearbyOutcomes(const StagingContext& context,
                                                                size_t index) {
  std::vector<NearbyOutcomes::EndAndOutcome> nearby;
  const OutcomeAssessment& outcome = context.outcomes[index];
  const Treatment& treatment = context.record.treatments[index];
  if (outcome.source != OutcomeSource::kScores || !outcome.end || !treatment.outcome.scores) {
    return nearby;
  }
  const Instrument* instrument =
      context.knowledge.FindInstrument(treatment.outcome.scores->instrument);
  if (!instrument) return nearby;
  const int max_points =
      static_cast<int>(context.knowledge.Param("outcome.near_boundary_points").value);
  for (int points = 1; points <= max_points; ++points) {
    for (int end : {*outcome.end - points, *outcome.end + points}) {
      if (end < 0 || end > instrument->max_total) continue;
      Treatment variant = treatment;
      variant.outcome.scores->end = end;
      nearby.emplace_back(end,
                          AssessOutcome(variant, context.knowledge, OutcomeDetail::kCategoryOnly));
    }
  }
  return nearby;
}

// The result with the conflicting judgement deciding, or "" when it is the same.
std::string ResultWithJudgement(const VariantStager& stager, const StagingContext& context,
                                size_t index) {
  if (!context.outcomes[index].conflict) return "";
  Treatment variant = context.record.treatments[index];
  variant.outcome.scores.reset();
  return stager.ResultWith(index,
                           AssessOutcome(variant, context.knowledge, OutcomeDetail::kCategoryOnly));
}

// An unknown outcome is never a failure (docs/patient-record.md#outcome); when recording it as
// nonresponse would change the verdict, a note says so. The result is not provisional (nothing
// unconfirmed was used), but a missing outcome is worth recording.
void NoteUnknownOutcome(const VariantStager& stager, const StagingContext& context, size_t index,
                        ModelResult& result) {
  const Treatment& treatment = context.record.treatments[index];
  if (context.outcomes[index].category != OutcomeCategory::kUnknown ||
      treatment.kind == TreatmentKind::kIntensifiedCare)
    return;
  Treatment variant = treatment;
  variant.outcome = TrialOutcome{};
  variant.outcome.judgement = OutcomeCategory::kNonresponse;
  const std::string other = stager.ResultWith(
      index, AssessOutcome(variant, context.knowledge, OutcomeDetail::kCategoryOnly));
  if (other.empty()) return;
  result.notes.push_back(fmt::format(
      "outcome unknown: {} has no recorded outcome and is not counted as a failure; recorded as "
      "nonresponse, the result would be {}",
      treatment.id, other));
}

// The end score `end` in words, against the boundary it crosses when the outcome names one.
std::string NearInWords(const std::string& id, const OutcomeAssessment& outcome, int end,
                        bool counted) {
  auto boundary = std::find_if(outcome.near_boundaries.begin(), outcome.near_boundaries.end(),
                               [&](const NearBoundary& b) { return b.end == end; });
  if (boundary == outcome.near_boundaries.end()) {
    return fmt::format("{} ({}, {}): an end score of {} would change this result", id,
                       outcome.detail,
                       counted ? "counted as a failure" : "not counted as a failure", end);
  }
  if (counted && boundary->threshold_pct && *outcome.improvement_pct < *boundary->threshold_pct) {
    return fmt::format(
        "{} counts as a failure by {:.1f} percentage points of improvement ({:.1f} % against < {} "
        "%; an end score of {}, {} point{} lower, would not count)",
        id, *boundary->threshold_pct - *outcome.improvement_pct, *outcome.improvement_pct,
        *boundary->threshold_pct, end, boundary->points, boundary->points == 1 ? "" : "s");
  }
  return fmt::format("{} ({}): {}", id,
                     counted ? "counted as a failure" : "not counted as a failure",
                     boundary->detail);
}

std::string Reason(const std::string& id, const OutcomeAssessment& outcome, std::optional<int> end,
                   const std::string& with_judgement, bool counted) {
  std::string text = end ? NearInWords(id, outcome, *end, counted) : "";
  if (outcome.conflict) {
    if (text.empty()) {
      text = fmt::format("{} {} on its scores ({} = {})", id,
                         counted ? "counts as a failure" : "is not counted as a failure",
                         outcome.detail, CategoryInWords(*outcome.score_category));
    }
    text += fmt::format("; the clinician judged {}", CategoryInWords(*outcome.judgement));
    if (!with_judgement.empty())
      text += fmt::format(" (with the judgement deciding, the result would be {})", with_judgement);
  }
  return "provisional: " + text;
}

}  // namespace

const std::vector<NearbyOutcomes::EndAndOutcome>& NearbyOutcomes::Of(std::size_t index) {
  if (index >= by_trial_.size()) by_trial_.resize(index + 1);
  if (!by_trial_[index]) by_trial_[index] = AssessNearbyOutcomes(context_, index);
  return *by_trial_[index];
}

StagingOptions VerdictOnly(StagingOptions options) {
  options.explain = false;
  options.describe = false;
  return options;
}

bool SameVerdict(const ModelResult& a, const ModelResult& b) {
  return a.stage == b.stage && a.score == b.score && a.category == b.category && a.meets == b.meets;
}

void CheckOutcomeSensitivity(StageFn stage, const StagingContext& context,
                             const std::vector<FailureQuestion>* asked, NearbyOutcomes& nearby,
                             ModelResult& result) {
  // The stager compares verdicts with `result`, whose verdict the notes added below leave alone.
  const VariantStager stager(stage, context, asked, result);
  const auto& treatments = context.record.treatments;
  for (size_t i = 0; i < treatments.size(); ++i) {
    if (!context.in_current_episode[i]) continue;
    if (context.options.note_unknown_outcomes && context.options.describe)
      NoteUnknownOutcome(stager, context, i, result);
    const std::optional<int> end = VerdictChangingEnd(stager, nearby, i);
    const std::string with_judgement = ResultWithJudgement(stager, context, i);
    if (!end && with_judgement.empty()) continue;
    const std::string& id = treatments[i].id;
    const bool counted = std::find(result.counted_trials.begin(), result.counted_trials.end(),
                                   id) != result.counted_trials.end();
    if (context.options.describe)
      result.notes.push_back(Reason(id, context.outcomes[i], end, with_judgement, counted));
    AddUncertain(result, "trial_outcome." + id);
  }
}

}  // namespace refract::staging_internal
