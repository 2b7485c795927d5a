#include "model_common.h"

#include <fmt/format.h>

namespace refract::staging_internal {

ModelResult NewResult(std::string model_id, std::string name, std::string citation) {
  ModelResult result;
  result.model_id = std::move(model_id);
  result.name = std::move(name);
  result.citation = std::move(citation);
  return result;
}

AdequacyRule ModelRule(const KnowledgeBase& knowledge, std::string_view min_weeks_param,
                       std::string_view pt_sessions_param, bool require_experienced_therapist) {
  return {&knowledge.Param(min_weeks_param), &knowledge.Param(pt_sessions_param),
          require_experienced_therapist};
}

std::string DescribeWeeksRule(const Parameter& min_weeks) {
  return fmt::format(
      "adequate antidepressant trial = >= {:g} weeks at or above the minimum dose ({}) "
      "[{}]",
      min_weeks.value, min_weeks.id, ToString(min_weeks.provenance.tag));
}

std::string DescribeFailureRule(FailureRule rule, const Parameter& below_pct) {
  return fmt::format(
      "A11: failure = improvement < {:g} % on the trial's scores ({}) or a clinician judgement of "
      "{}",
      below_pct.value, below_pct.id,
      rule == FailureRule::kShortOfResponse ? "nonresponse or partial response" : "nonresponse");
}

std::string DescribeFailureRule(FailureRule rule, const KnowledgeBase& knowledge) {
  return DescribeFailureRule(rule, DefaultFailureThreshold(rule, knowledge));
}

}  // namespace refract::staging_internal
