// The safety action shown above every option (private to refract::options): its level from the
// current self-harm signals and the recorded risk facts, and its text from knowledge/ranking.json
// (safety_routine / safety_urgent / safety_emergency). Rules in ranking.h (SafetyLevel).
#pragma once

#include <vector>

#include "refract/options/ranking.h"

namespace refract::options_internal {

// The suicide-risk action: SAFETY_ASSESSMENT at its level when there is a current signal; otherwise
// a routine SAFETY_NOT_ASSESSED prompt when no self-harm item was seen within safety.recent_days
// and active suicidality is not recorded either way. Then URGENT_MEDICAL_RISK (urgent) when
// catatonia or not eating or drinking is recorded: life-threatening whatever the suicide risk.
std::vector<SafetyAction> SafetyActions(const OptionsInput& input, const RankingKnowledge& ranking);

}  // namespace refract::options_internal
