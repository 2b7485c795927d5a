// Conway, George & Sackeim (2017), staging-decisions.md §4.6 [V criteria as quoted by Markowitz
// 2022]: Stage 1 = two adequate failed trials of antidepressants or evidence-based psychotherapies
// from different classes in the current episode; Stage 2 = Stage 1 plus a third failed trial.
// Psychotherapy adequacy =
// >= 8 attended sessions of a psychotherapy with demonstrated efficacy. Defaults per §4.6 [D, A21].
#include <fmt/format.h>

#include <set>

#include "model_common.h"
#include "models.h"

namespace refract {
namespace {

using staging_internal::NewResult;

std::string ClassKey(const Treatment& treatment, const KnowledgeBase& knowledge) {
  if (treatment.kind == TreatmentKind::kPsychotherapy) return "psychotherapy:" + treatment.agent;
  return std::string(ToString(ClassOf(treatment, knowledge)));
}

}  // namespace

ModelResult StageConway(const StagingContext& context) {
  ModelResult result =
      NewResult("conway_2017", "Conway, George & Sackeim (2017)",
                "Conway CR, George MS, Sackeim HA. JAMA Psychiatry 2017;74(1):9-10");
  const AdequacyRule rule = staging_internal::ModelRule(context.knowledge, "conway_2017.min_weeks",
                                                        "conway_2017.min_pt_sessions", false);
  SelectionSpec spec{
      {TreatmentKind::kAntidepressant, TreatmentKind::kCombination, TreatmentKind::kPsychotherapy},
      rule,
      FailureRule::kShortOfResponse,
      nullptr};
  const Selection selection = SelectFailedTrials(context, spec);
  RecordSelection(selection, result);

  std::set<std::string> units;
  std::set<std::string> classes;
  for (const CountedTrial& trial : selection.counted) {
    units.insert(trial.treatment->agent);
    classes.insert(ClassKey(*trial.treatment, context.knowledge));
  }
  const bool stage1 = units.size() >= 2 && classes.size() >= 2;
  const bool stage2 = stage1 && units.size() >= 3 &&
                      (!context.options.conway_stage2_requires_new_class || classes.size() >= 3);
  result.stage = stage2 ? 2 : stage1 ? 1 : 0;
  result.summary = stage2 ? "Stage 2 TRD" : stage1 ? "Stage 1 TRD" : "not TRD";
  if (context.options.describe) {
    for (const std::string& c : classes)
      result.components.push_back({c, 1, "class with a failed trial"});
  }
  if (context.options.explain) {
    result.assumptions = {
        staging_internal::DescribeWeeksRule(*rule.min_weeks),
        staging_internal::DescribeFailureRule(FailureRule::kShortOfResponse, context.knowledge),
        staging_internal::Decided(
            "A21",
            fmt::format("an adequate psychotherapy has at least {:g} attended sessions of an "
                        "evidence-based modality, with any therapist",
                        rule.min_pt_sessions->value)),
        staging_internal::Decided("A21",
                                  "each psychotherapy modality is its own class, and a "
                                  "psychotherapy is never the same class as a drug"),
        staging_internal::Decided(
            "A21", context.options.conway_stage2_requires_new_class
                       ? "the third failed trial (Stage 2) must come from a new class"
                       : "the third failed trial (Stage 2) may come from a class already tried"),
        staging_internal::Decided("A21",
                                  "ECT and other neurostimulation are not counted; an "
                                  "augmentation belongs to the trial it was added to"),
        staging_internal::DistinctAgentAssumption()};
  }
  if (!context.options.explain) return result;
  if (!stage1) {
    result.next_steps.push_back(
        fmt::format("{} more adequate failed trial(s) from a different class, e.g. an "
                    "evidence-based psychotherapy "
                    "(>= {:g} sessions), would give Stage 1",
                    units.size() >= 2 ? 1 : 2 - units.size(), rule.min_pt_sessions->value));
  } else if (!stage2) {
    result.next_steps.push_back("one more adequate failed trial would give Stage 2");
  }
  return result;
}

}  // namespace refract
