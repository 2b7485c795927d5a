// Markowitz, Wright, Peeters, Thase, Kocsis & Sudak (2022), staging-decisions.md §4.7 [V]: TRD
// requires nonresponse to >= 2 prospective adequate antidepressant trials AND to >= 1 adequate
// evidence-based psychotherapy (experienced therapist, 9-16 completed sessions). Optional strict
// variant: also a failed combined psychotherapy + pharmacotherapy trial. Retrospective trials are
// not accepted by default (A16).
#include <fmt/format.h>

#include "model_common.h"
#include "models.h"

namespace refract {
namespace {

using staging_internal::NewResult;

struct Counts {
  int prospective_agents = 0;
  int all_agents = 0;
  int psychotherapies = 0;
  bool combined = false;
};

bool IsPharmacotherapy(TreatmentKind kind) {
  return IsAntidepressantKind(kind) || kind == TreatmentKind::kAugmentation;
}

Counts Count(const StagingContext& context, const Selection& selection) {
  Counts counts;
  std::vector<std::string> prospective;
  for (const CountedTrial& trial : selection.counted) {
    const Treatment& t = *trial.treatment;
    if (t.kind == TreatmentKind::kPsychotherapy) {
      ++counts.psychotherapies;
      const Treatment* partner = FindTreatment(context.record, t.combined_with);
      counts.combined = counts.combined || (partner && IsPharmacotherapy(partner->kind));
    } else if (t.prospective &&
               std::find(prospective.begin(), prospective.end(), t.agent) == prospective.end()) {
      prospective.push_back(t.agent);
    }
  }
  counts.prospective_agents = static_cast<int>(prospective.size());
  counts.all_agents = static_cast<int>(DistinctAgents(selection, context.knowledge).size());
  return counts;
}

bool Meets(const Counts& counts, bool allow_retrospective, bool require_combined) {
  const int agents = allow_retrospective ? counts.all_agents : counts.prospective_agents;
  return agents >= 2 && counts.psychotherapies >= 1 && (!require_combined || counts.combined);
}

}  // namespace

ModelResult StageMarkowitz(const StagingContext& context) {
  ModelResult result = NewResult(
      "markowitz_2022", "Markowitz et al. (2022)",
      "Markowitz JC et al. Am J Psychiatry 2022;179(2):90-93, doi:10.1176/appi.ajp.2021.21050535");
  const StagingOptions& options = context.options;
  const AdequacyRule rule = staging_internal::ModelRule(
      context.knowledge, "markowitz_2022.min_weeks", "markowitz_2022.min_pt_sessions", true);
  SelectionSpec spec{
      {TreatmentKind::kAntidepressant, TreatmentKind::kCombination, TreatmentKind::kPsychotherapy},
      rule,
      FailureRule::kShortOfResponse,
      nullptr};
  const Selection selection = SelectFailedTrials(context, spec);
  RecordSelection(selection, result);
  const Counts counts = Count(context, selection);

  const bool meets = Meets(counts, options.markowitz_allow_retrospective,
                           options.markowitz_require_combined_trial);
  result.meets = meets;
  result.category = meets ? "meets" : "does_not_meet";
  result.summary = meets ? "meets" : "does not meet";
  result.variants = {{"allow_retrospective", "retrospective antidepressant trials accepted",
                      Meets(counts, true, options.markowitz_require_combined_trial)},
                     {"strict_combined_trial",
                      "also requires a failed combined psychotherapy + pharmacotherapy trial",
                      Meets(counts, options.markowitz_allow_retrospective, true)}};
  const int agents =
      options.markowitz_allow_retrospective ? counts.all_agents : counts.prospective_agents;
  if (agents < 2 && context.options.describe) {
    result.missing.push_back(
        fmt::format("{} more adequate failed {}antidepressant trial(s) (have {}{})", 2 - agents,
                    options.markowitz_allow_retrospective ? "" : "prospective ", agents,
                    options.markowitz_allow_retrospective
                        ? ""
                        : fmt::format("; {} retrospective distinct drug(s) recorded",
                                      counts.all_agents - agents)));
  }
  if (counts.psychotherapies == 0 && context.options.describe) {
    result.missing.push_back(
        fmt::format("an adequate failed evidence-based psychotherapy (>= {:g} completed sessions "
                    "with an experienced therapist)",
                    rule.min_pt_sessions->value));
  }
  if (options.markowitz_require_combined_trial && !counts.combined && context.options.describe) {
    result.missing.push_back(
        "a failed combined psychotherapy + pharmacotherapy trial (strict variant)");
  }
  if (context.options.explain) {
    result.next_steps = result.missing;
    result.assumptions = {
        staging_internal::DescribeWeeksRule(*rule.min_weeks),
        staging_internal::DescribeFailureRule(FailureRule::kShortOfResponse, context.knowledge),
        staging_internal::Decided(
            "A16", options.markowitz_allow_retrospective
                       ? "antidepressant trials known only from the history are accepted (variant)"
                       : "only antidepressant trials followed prospectively count (Markowitz: "
                         "prospective nonresponse is more rigorous)"),
        staging_internal::Decided(
            "A17", fmt::format("an adequate psychotherapy is an evidence-based modality with at "
                               "least {:g} completed sessions and an experienced therapist; more "
                               "than 16 sessions is not held against it",
                               rule.min_pt_sessions->value)),
        staging_internal::FromSource(options.markowitz_require_combined_trial
                                         ? "a failed combined psychotherapy and medication trial "
                                           "is also required (strict variant)"
                                         : "a failed combined psychotherapy and medication trial "
                                           "is not required (the authors hedge)"),
        staging_internal::FromSource(
            "a combined trial is an adequate failed psychotherapy recorded "
            "as given with a medication trial (combined_with)"),
        staging_internal::DistinctAgentAssumption()};
  }
  return result;
}

}  // namespace refract
