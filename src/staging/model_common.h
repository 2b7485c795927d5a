// Private helpers shared by the model files (not part of the public API).
#pragma once

#include <string>

#include "refract/staging/staging.h"
#include "refract/staging/trial_selection.h"

namespace refract::staging_internal {

ModelResult NewResult(std::string model_id, std::string name, std::string citation);

// Adequacy rule with the model's minimum weeks and (optionally) its psychotherapy rule.
AdequacyRule ModelRule(const KnowledgeBase& knowledge, std::string_view min_weeks_param,
                       std::string_view pt_sessions_param = "adequacy.psychotherapy_min_sessions",
                       bool require_experienced_therapist = false);

// "6 weeks at or above the minimum dose (staging-decisions.md §2.1, tag V)" for the assumptions
// list.
std::string DescribeWeeksRule(const Parameter& min_weeks);

// A note for the failure rule of the model, with its threshold (default: DefaultFailureThreshold).
std::string DescribeFailureRule(FailureRule rule, const Parameter& below_pct);
std::string DescribeFailureRule(FailureRule rule, const KnowledgeBase& knowledge);

// The standard assumption on counting units (A9).
inline constexpr const char* kDistinctAgentAssumption =
    "A9: antidepressant failures are counted per distinct drug; a re-trial of the same drug counts "
    "once";

}  // namespace refract::staging_internal
