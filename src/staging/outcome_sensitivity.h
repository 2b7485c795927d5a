// Whether a model's verdict rests on a fragile trial outcome (private to the staging target;
// docs/staging-decisions.md "Provisional results"). A scored outcome is fragile when an end score
// at most outcome.near_boundary_points [D] scale points away exists, and any outcome is when its
// complete scores and the clinician's judgement disagree. The model is staged again with each
// nearby end score (nearest first) and with the judgement deciding; when the verdict changes, the
// result rests on that trial: the pseudo-id "trial_outcome.<id>" joins `uncertain_params` (so the
// result is provisional) and a note says why in words ("T2 counts as a failure by 0.9 percentage
// points of improvement (24.1 % against < 25 %); the clinician judged partial response").
// `asked` holds the failure questions the model asked while staging `context` (StagingContext): a
// variant outcome that answers the ones asked of its trial alike cannot change the verdict and is
// not staged again. Null re-stages every variant.
#pragma once

#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

#include "refract/staging/staging.h"

namespace refract::staging_internal {

using StageFn = ModelResult (*)(const StagingContext&);

// Same stage, score, category and meets.
bool SameVerdict(const ModelResult& a, const ModelResult& b);

// `options` for a re-staging whose verdict alone is compared (SameVerdict) and whose summary at
// most is read: no words (StagingOptions::explain and ::describe off).
StagingOptions VerdictOnly(StagingOptions options);

// The outcomes of a scored trial with its end score moved 1 .. outcome.near_boundary_points scale
// points (nearest first, lower before higher, within the instrument's range), each assessed once
// per staging call and shared by every model: they depend on the trial and the knowledge only.
class NearbyOutcomes {
 public:
  using EndAndOutcome = std::pair<int, OutcomeAssessment>;

  explicit NearbyOutcomes(const StagingContext& context) : context_(context) {}

  // Empty unless trial `index`'s outcome came from its scores on a known instrument.
  const std::vector<EndAndOutcome>& Of(std::size_t index);

 private:
  const StagingContext& context_;
  std::vector<std::optional<std::vector<EndAndOutcome>>> by_trial_;
};

// `nearby` must be built on `context` (or on a context with the same record and knowledge).
void CheckOutcomeSensitivity(StageFn stage, const StagingContext& context,
                             const std::vector<FailureQuestion>* asked, NearbyOutcomes& nearby,
                             ModelResult& result);

}  // namespace refract::staging_internal
