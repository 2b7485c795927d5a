// Massachusetts General Hospital staging (Fava 2003), staging-decisions.md §4.3: +1 per adequate
// failed antidepressant trial, +0.5 for dose optimisation [U scope], +0.5 for augmentation or
// combination within the trial [U scope], +3 per failed adequate ECT course [V value; per course D,
// A6]. Duration optimisation (+0.5 at >= 12 weeks) is [U]: it is not scored; when it would change
// the score the result is marked provisional and the alternative score is noted.
#include <fmt/format.h>

#include "model_common.h"
#include "models.h"

namespace refract {
namespace {

using staging_internal::NewResult;

constexpr int kDaysPerWeek = 7;  // calendar arithmetic, not a clinical threshold

// Dose raised after >= min_weeks at an adequate dose (A5 [D]).
bool DoseOptimised(const Treatment& treatment, double min_mg, double min_weeks) {
  int days_adequate = 0;
  for (size_t i = 1; i < treatment.doses.size(); ++i) {
    const DoseStep& previous = treatment.doses[i - 1];
    if (previous.mg_per_day + 1e-9 >= min_mg) {
      days_adequate += DaysBetween(previous.from, treatment.doses[i].from);
    }
    if (treatment.doses[i].mg_per_day > previous.mg_per_day &&
        previous.mg_per_day + 1e-9 >= min_mg && days_adequate >= min_weeks * kDaysPerWeek) {
      return true;
    }
  }
  return false;
}

// An adequate failed augmentation or combination attached to `base_id` in the current episode.
bool AugmentedOrCombined(const StagingContext& context, const std::string& base_id,
                         const AdequacyRule& rule) {
  const auto& treatments = context.record.treatments;
  for (size_t i = 0; i < treatments.size(); ++i) {
    const Treatment& t = treatments[i];
    if (t.augments != base_id || !context.in_current_episode[i]) continue;
    if (t.kind != TreatmentKind::kAugmentation && t.kind != TreatmentKind::kCombination) continue;
    if (TrialAdequacy(context, i, rule).adequate &&
        CountsAsFailure(
            context, i, FailureRule::kShortOfResponse,
            static_cast<int>(
                DefaultFailureThreshold(FailureRule::kShortOfResponse, context.knowledge).value))) {
      return true;
    }
  }
  return false;
}

}  // namespace

ModelResult StageMgh(const StagingContext& context) {
  ModelResult result = NewResult("mgh_2003", "MGH staging (Fava 2003)",
                                 "Fava M. Biol Psychiatry 2003;53(8):649-659");
  const KnowledgeBase& kb = context.knowledge;
  const AdequacyRule rule = staging_internal::ModelRule(kb, "mgh_2003.min_weeks");
  SelectionSpec spec{{TreatmentKind::kAntidepressant, TreatmentKind::kEct},
                     rule,
                     FailureRule::kShortOfResponse,
                     nullptr};
  for (TreatmentKind kind : {TreatmentKind::kAugmentation, TreatmentKind::kCombination}) {
    spec.scored_elsewhere[kind] =
        "not a trial of its own; an adequate failed augmentation or added antidepressant adds to "
        "the trial it was added to";
  }
  const Selection selection = SelectFailedTrials(context, spec);
  RecordSelection(selection, result);

  const Parameter& trial_points = kb.Param("mgh_2003.trial_points");
  const Parameter& dose_points = kb.Param("mgh_2003.dose_optimisation_points");
  const Parameter& aug_points = kb.Param("mgh_2003.augmentation_points");
  const Parameter& duration_points = kb.Param("mgh_2003.duration_optimisation_points");
  const Parameter& duration_weeks = kb.Param("mgh_2003.duration_optimisation_weeks");
  const Parameter& ect_points = kb.Param("mgh_2003.ect_points");
  const bool describe = context.options.describe;
  double score = 0;
  double duration_bonus = 0;
  for (const CountedTrial& trial : selection.counted) {
    const Treatment& t = *trial.treatment;
    if (t.kind == TreatmentKind::kEct) {
      score += ect_points.value;
      if (describe)
        result.components.push_back(
            {t.id + " ECT", ect_points.value, "failed adequate ECT course"});
      continue;
    }
    score += trial_points.value;
    if (describe)
      result.components.push_back(
          {t.id + " " + t.agent, trial_points.value, "adequate failed trial"});
    const Antidepressant* drug = kb.FindAntidepressant(t.agent);
    if (drug && DoseOptimised(t, kb.MinDose(*drug).value_or(0), rule.min_weeks->value)) {
      score += dose_points.value;
      if (describe)
        result.components.push_back({t.id + " dose optimisation", dose_points.value,
                                     "dose raised after an adequate period"});
      AddUncertain(result, dose_points.id);
    }
    if (AugmentedOrCombined(context, t.id, rule)) {
      score += aug_points.value;
      if (describe)
        result.components.push_back({t.id + " augmentation/combination", aug_points.value,
                                     "adequate failed augmentation or combination"});
      AddUncertain(result, aug_points.id);
    }
    if (trial.verdict->weeks_at_min_dose.value_or(0) >= duration_weeks.value) {
      duration_bonus += duration_points.value;
    }
  }
  result.score = score;
  result.summary = fmt::format("{:.1f}", score);
  if (duration_bonus > 0) {
    AddUncertain(result, duration_points.id);
    if (describe)
      result.notes.push_back(
          fmt::format("duration optimisation (+{:g} per trial kept >= {:g} weeks at an adequate "
                      "dose) is unconfirmed "
                      "and not scored; with it the score would be {:.1f}",
                      duration_points.value, duration_weeks.value, score + duration_bonus));
  }
  if (context.options.explain) {
    result.assumptions = {
        staging_internal::DescribeWeeksRule(*rule.min_weeks),
        staging_internal::DescribeFailureRule(FailureRule::kShortOfResponse, context.knowledge),
        staging_internal::Decided("A5",
                                  "dose optimisation: the dose was raised after at least the "
                                  "minimum weeks at an adequate dose; scored once per trial"),
        staging_internal::Decided("A5",
                                  "an adequate failed augmentation or added antidepressant adds "
                                  "0.5 to the trial it was added to, once per trial; the added "
                                  "antidepressant is not scored as a trial of its own"),
        staging_internal::Decided("A6",
                                  "each failed adequate ECT course adds 3 (a partial response "
                                  "counts as a failure)"),
        staging_internal::FromSource("each trial is scored: a second trial of the same drug scores "
                                     "again")};
  }
  if (!context.options.explain) return result;
  result.next_steps.push_back(fmt::format(
      "each further adequate failed antidepressant trial adds {:g}; a failed ECT course adds {:g}",
      trial_points.value, ect_points.value));
  return result;
}

}  // namespace refract
