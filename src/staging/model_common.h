// Private helpers shared by the model files (not part of the public API).
#pragma once

#include <string>

#include "refract/staging/staging.h"
#include "refract/staging/trial_selection.h"

namespace refract::staging_internal {

ModelResult NewResult(std::string model_id, std::string name, std::string citation);

// Adequacy rule with the model's minimum weeks and (optionally) its psychotherapy rule.
AdequacyRule ModelRule(const KnowledgeBase& knowledge, ParamId min_weeks_param,
                       ParamId pt_sessions_param = "adequacy.psychotherapy_min_sessions",
                       bool require_experienced_therapist = false);

// An assumption that is implementer decision `decision` ("A3"), linked to its anchor on
// docs/staging-decisions.md.
Assumption Decided(std::string_view decision, std::string text);

// An assumption taken from the model's source (no implementer decision), linked to the model's
// rules on docs/staging-models.md.
Assumption FromSource(std::string text);

// "an adequate antidepressant trial: at least 6 weeks at or above the minimum dose (...)".
Assumption DescribeWeeksRule(const Parameter& min_weeks);

// The failure rule of the model, with its threshold (default: DefaultFailureThreshold).
Assumption DescribeFailureRule(FailureRule rule, const Parameter& below_pct);
Assumption DescribeFailureRule(FailureRule rule, const KnowledgeBase& knowledge);

// A tag in words: "confirmed in the source", "unconfirmed", "a Refract decision", "established".
std::string_view TagInWords(Tag tag);

// The standard assumption on counting units.
Assumption DistinctAgentAssumption();

}  // namespace refract::staging_internal
