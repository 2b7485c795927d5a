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

std::string DescribeFailureRule(FailureRule rule) {
  return rule == FailureRule::kShortOfResponse
             ? "A11: failure = improvement < 50 % (nonresponse or partial response) or clinician "
               "judgement of nonresponse/partial response"
             : "failure = improvement < 25 % (nonresponse) or clinician judgement of nonresponse";
}

}  // namespace refract::staging_internal
