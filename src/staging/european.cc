// European Staging Model (Souery et al. 1999), staging-decisions.md §4.2. Count-based level [D,
// A4]: n adequate failed trials (distinct antidepressants, plus ECT as one unit): 0 none, 1
// nonresponder, n >= 2 TRD level min(n - 1, 5); CRD when resistance lasts >= 12 months and an
// augmentation failed. The duration-based level (total adequate weeks against the published week
// bands) is reported beside it.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "model_common.h"
#include "models.h"

namespace refract {
namespace {

using staging_internal::NewResult;

// The Souery 1999 week bands TRD1..TRD5.
struct WeekBand {
  ParamId min_weeks;
  ParamId max_weeks;
};
constexpr std::array<WeekBand, 5> kWeekBands = {{
    {"european_1999.trd1_min_weeks", "european_1999.trd1_max_weeks"},
    {"european_1999.trd2_min_weeks", "european_1999.trd2_max_weeks"},
    {"european_1999.trd3_min_weeks", "european_1999.trd3_max_weeks"},
    {"european_1999.trd4_min_weeks", "european_1999.trd4_max_weeks"},
    {"european_1999.trd5_min_weeks", "european_1999.trd5_max_weeks"},
}};
constexpr int kWeekBandLevels = static_cast<int>(kWeekBands.size());

// The duration-based level of `total_weeks`: the first Souery 1999 week band (TRD1..TRD5,
// european_1999.trd<k>_min_weeks / _max_weeks) that contains it. The bands overlap (A4).
std::string DurationLevel(double total_weeks, const KnowledgeBase& kb) {
  for (size_t band = 0; band < kWeekBands.size(); ++band) {
    if (total_weeks >= kb.Param(kWeekBands[band].min_weeks).value &&
        total_weeks <= kb.Param(kWeekBands[band].max_weeks).value) {
      return fmt::format("TRD{}", band + 1);
    }
  }
  const double top = kb.Param(kWeekBands.back().max_weeks).value;
  return total_weeks > top ? fmt::format("beyond TRD{} (> {:g} weeks)", kWeekBandLevels, top)
                           : "between or below the published week bands";
}

// Adequate failed augmentations; their unconfirmed parameters matter only when they decide CRD.
Selection FailedAugmentations(const StagingContext& context) {
  SelectionSpec spec{{TreatmentKind::kAugmentation},
                     staging_internal::ModelRule(context.knowledge, "european_1999.min_weeks"),
                     FailureRule::kShortOfResponse,
                     nullptr};
  return SelectFailedTrials(context, spec);
}

}  // namespace

ModelResult StageEuropean(const StagingContext& context) {
  ModelResult result = NewResult("european_1999", "European Staging Model (Souery 1999)",
                                 "Souery D et al. Eur Neuropsychopharmacol 1999;9(1-2):83-91");
  const AdequacyRule rule =
      staging_internal::ModelRule(context.knowledge, "european_1999.min_weeks");
  SelectionSpec spec{
      {TreatmentKind::kAntidepressant, TreatmentKind::kCombination, TreatmentKind::kEct},
      rule,
      FailureRule::kShortOfResponse,
      nullptr};
  const Selection selection = SelectFailedTrials(context, spec);
  RecordSelection(selection, result);

  std::set<std::string> classes;
  bool ect = false;
  double total_weeks = 0;
  Date first_start = context.record.as_of;
  for (const CountedTrial& trial : selection.counted) {
    first_start = std::min(first_start, trial.treatment->start);
    if (trial.treatment->kind == TreatmentKind::kEct) {
      ect = true;
      classes.insert("ect");
    } else {
      classes.insert(std::string(ToString(ClassOf(*trial.treatment, context.knowledge))));
      total_weeks += trial.verdict->weeks_at_min_dose.value_or(0);
    }
  }
  const int n =
      static_cast<int>(DistinctAgents(selection, context.knowledge).size()) + (ect ? 1 : 0);
  const int resistance_days = n > 0 ? DaysBetween(first_start, context.record.as_of) : 0;
  const Parameter& crd_days = context.knowledge.Param("european_1999.crd_min_days");

  std::string category = n == 0   ? "none"
                         : n == 1 ? "nonresponder"
                                  : fmt::format("trd{}", std::min(n - 1, 5));
  if (n >= 2 && classes.size() < 2) {
    if (context.options.european_require_distinct_classes) {
      category = "nonresponder";
      if (context.options.describe)
        result.notes.push_back(
            "failed trials are all from one class; the distinct-class variant is on");
    } else {
      AddUncertain(result, "european_1999.distinct_classes");
      if (context.options.describe)
        result.notes.push_back(
            "all failed trials are from one class: TRD under the primary text only if "
            "different classes are not required [U]");
    }
  }
  if (n >= 2 && resistance_days >= crd_days.value) {
    const Selection augmentations = FailedAugmentations(context);
    if (!augmentations.counted.empty()) category = "crd";
    for (const std::string& param : augmentations.uncertain_params) AddUncertain(result, param);
  }
  result.category = category;
  result.summary = category == "none"           ? "no adequate failed trial"
                   : category == "nonresponder" ? "Nonresponder"
                   : category == "crd"          ? "CRD (chronic resistant depression)"
                                                : fmt::format("TRD{}", category.substr(3));
  if (context.options.describe) {
    result.components = {
        {"adequate failed trials (n)", static_cast<double>(n), "distinct antidepressants + ECT"},
        {"adequate weeks of counted antidepressant trials", total_weeks,
         "duration-based level: " + DurationLevel(total_weeks, context.knowledge)},
        {"resistance (days since first counted trial)", static_cast<double>(resistance_days),
         fmt::format("CRD needs >= {:g} days and a failed augmentation", crd_days.value)}};
  }
  if (context.options.explain) {
    result.assumptions = {
        staging_internal::DescribeWeeksRule(*rule.min_weeks),
        staging_internal::DescribeFailureRule(FailureRule::kShortOfResponse, context.knowledge),
        staging_internal::DistinctAgentAssumption(),
        staging_internal::Decided("A4",
                                  "the level is set by the number of failed trials (one level "
                                  "per trial after the first, up to 5); the level by weeks of "
                                  "treatment is shown beside it"),
        staging_internal::Decided(
            "A4", fmt::format("resistance is counted from the first adequate failed trial; chronic "
                              "resistant depression needs at least {:g} days and a failed "
                              "adequate augmentation",
                              crd_days.value)),
        staging_internal::FromSource(
            "ECT counts as one class (Souery 1999 lists ECT as a class; confirmed in the source)")};
  }
  if (!context.options.explain) return result;
  if (category == "none")
    result.next_steps.push_back("one adequate failed trial gives Nonresponder");
  else if (category == "nonresponder")
    result.next_steps.push_back(fmt::format(
        "one more adequate failed trial (>= {:g} weeks) gives TRD1", rule.min_weeks->value));
  else if (category != "crd" && n < 6)
    result.next_steps.push_back(
        fmt::format("one more adequate failed trial gives TRD{}", std::min(n, 5)));
  if (category != "crd" && n >= 2) {
    result.next_steps.push_back(
        fmt::format("CRD: resistance >= {:g} days together with a failed adequate augmentation",
                    crd_days.value));
  }
  return result;
}

}  // namespace refract
