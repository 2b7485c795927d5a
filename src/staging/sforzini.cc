// Sforzini et al. (2022) Delphi consensus, staging-decisions.md §4.8: TRD = >= 2 failed treatments
// with < 25 % improvement, each adequate (>= 4 weeks; stopping before the end of week 4 is not a
// failure) [V]; ECT may be one of the two (moderate consensus, A18 [D: counted]); partially
// responsive depression (PRD) = not TRD and >= 1 adequate trial with 25 to < 50 % improvement [U
// band].
#include <fmt/format.h>

#include "model_common.h"
#include "models.h"

namespace refract {
namespace {

SelectionSpec Spec(const StagingContext& context, FailureRule failure, const Parameter& below_pct) {
  std::set<TreatmentKind> kinds = {TreatmentKind::kAntidepressant, TreatmentKind::kCombination};
  if (context.options.sforzini_count_ect) kinds.insert(TreatmentKind::kEct);
  SelectionSpec spec{kinds,
                     staging_internal::ModelRule(context.knowledge, "sforzini_2022.min_weeks"),
                     failure, nullptr};
  spec.failure_below_pct = &below_pct;
  return spec;
}

// An adequate trial below the PRD ceiling that is not a TRD failure (25 to < 50 % improvement, or a
// clinician judgement of partial response).
bool AnyPartialResponse(const StagingContext& context, const Parameter& trd_max,
                        const Parameter& prd_max) {
  const Selection below_prd =
      SelectFailedTrials(context, Spec(context, FailureRule::kShortOfResponse, prd_max));
  for (const CountedTrial& trial : below_prd.counted) {
    if (!CountsAsFailure(context, trial.index, FailureRule::kNonresponseOnly,
                         static_cast<int>(trd_max.value))) {
      return true;
    }
  }
  return false;
}

}  // namespace

ModelResult StageSforzini(const StagingContext& context) {
  ModelResult result = staging_internal::NewResult(
      "sforzini_2022", "Sforzini et al. (2022) Delphi consensus",
      "Sforzini L et al. Mol Psychiatry 2022;27:1286-1299, doi:10.1038/s41380-021-01381-x");
  const Parameter& trd_max = context.knowledge.Param("sforzini_2022.trd_max_improvement_pct");
  const Parameter& prd_max = context.knowledge.Param("sforzini_2022.prd_max_improvement_pct");
  const Selection selection =
      SelectFailedTrials(context, Spec(context, FailureRule::kNonresponseOnly, trd_max));
  RecordSelection(selection, result);
  bool ect = false;
  for (const CountedTrial& trial : selection.counted)
    ect = ect || trial.treatment->kind == TreatmentKind::kEct;
  const int failures =
      static_cast<int>(DistinctAgents(selection, context.knowledge).size()) + (ect ? 1 : 0);

  std::string category = "neither";
  if (failures >= 2) {
    category = "trd";
  } else if (AnyPartialResponse(context, trd_max, prd_max)) {
    category = "partially_responsive";
    AddUncertain(result, prd_max.id);
  }
  result.category = category;
  result.summary = category == "trd"                    ? "TRD"
                   : category == "partially_responsive" ? "partially responsive (PRD)"
                                                        : "neither TRD nor PRD";
  if (context.options.describe) {
    result.components = {{fmt::format("failures with < {:g} % improvement", trd_max.value),
                          static_cast<double>(failures), "distinct antidepressants + ECT"}};
  }
  if (failures < 2 && context.options.explain) {
    result.next_steps.push_back(fmt::format(
        "{} more adequate treatment(s) (>= {:g} weeks) with < {:g} % improvement would meet TRD",
        2 - failures, context.knowledge.Param("sforzini_2022.min_weeks").value, trd_max.value));
  }
  if (context.options.explain) {
    result.assumptions = {
        staging_internal::DescribeWeeksRule(context.knowledge.Param("sforzini_2022.min_weeks")),
        staging_internal::DescribeFailureRule(FailureRule::kNonresponseOnly, trd_max),
        staging_internal::DistinctAgentAssumption(),
        staging_internal::Decided("A18", context.options.sforzini_count_ect
                                             ? "a failed ECT course counts as one of the treatments"
                                             : "ECT is not counted (variant)"),
        staging_internal::FromSource("a failed psychotherapy neither counts nor excludes (100 % "
                                     "agreement; confirmed in the source)"),
        staging_internal::FromSource(fmt::format(
            "partially responsive depression: {:g} to under {:g} % improvement (unconfirmed); "
            "exactly {:g} % is a response (a Refract decision)",
            trd_max.value, prd_max.value, prd_max.value)),
        staging_internal::FromSource(
            "the psychotic specifier is allowed: all specifiers count (confirmed in the source)")};
  }
  return result;
}

}  // namespace refract
