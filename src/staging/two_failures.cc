// The common regulatory definition (FDA label wording for esketamine; EMA guideline; AHRQ/CMS;
// Rybak 2021): inadequate response to >= 2 different oral antidepressants of adequate dose and
// duration in the current episode (staging-decisions.md §4.8). The EMA "different classes" wording
// is reported as a variant [U].
#include <fmt/format.h>

#include <set>

#include "model_common.h"
#include "models.h"

namespace refract {

ModelResult StageTwoFailures(const StagingContext& context) {
  ModelResult result = staging_internal::NewResult(
      "two_failures", "Two-failure definition (FDA/EMA-style)",
      "FDA esketamine label (2019); EMA/CHMP/185423/2010 Rev. 2; Gaynes 2020; Rybak 2021");
  const KnowledgeBase& kb = context.knowledge;
  const AdequacyRule rule = staging_internal::ModelRule(kb, "two_failures.min_weeks");
  SelectionSpec spec{{TreatmentKind::kAntidepressant, TreatmentKind::kCombination},
                     rule,
                     FailureRule::kShortOfResponse,
                     [&kb](const Treatment& treatment) -> std::string {
                       const Antidepressant* drug = kb.FindAntidepressant(treatment.agent);
                       return drug && !drug->oral ? "not an oral antidepressant" : "";
                     }};
  const Selection selection = SelectFailedTrials(context, spec);
  RecordSelection(selection, result);

  const int agents = static_cast<int>(DistinctAgents(selection, context.knowledge).size());
  std::set<DrugClass> classes;
  for (const CountedTrial& trial : selection.counted) classes.insert(ClassOf(*trial.treatment, kb));
  const bool meets = agents >= 2;
  result.failed_antidepressants = agents;
  result.meets = meets;
  result.category = meets ? "trd" : "not_trd";
  result.summary = meets ? "TRD" : "not TRD";
  if (context.options.describe) {
    result.components = {{"distinct failed antidepressants", static_cast<double>(agents), ""},
                         {"distinct classes", static_cast<double>(classes.size()), ""}};
  }
  result.variants = {{"ema_different_classes", "EMA wording requiring two different classes [U]",
                      classes.size() >= 2}};
  if (!meets && context.options.describe) {
    result.missing.push_back(fmt::format(
        "{} more adequate failed trial(s) of a different oral antidepressant", 2 - agents));
    if (context.options.explain) result.next_steps = result.missing;
  }
  if (context.options.explain) {
    result.assumptions = {
        staging_internal::DescribeWeeksRule(*rule.min_weeks),
        staging_internal::DescribeFailureRule(FailureRule::kShortOfResponse, context.knowledge),
        staging_internal::DistinctAgentAssumption(),
        staging_internal::FromSource(
            "augmentation, ECT and psychotherapy are not counted by this definition")};
  }
  return result;
}

}  // namespace refract
