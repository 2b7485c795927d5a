// The safety action shown above every option (private to refract::options): its level from the
// current self-harm signals and the recorded risk facts, and its text from knowledge/ranking.json
// (safety_routine / safety_urgent / safety_emergency). Rules in ranking.h (SafetyLevel).
#pragma once

#include <vector>

#include "refract/options/ranking.h"

namespace refract::options_internal {

// No action when there is no current signal and no recorded active suicidality or recent attempt.
std::vector<SafetyAction> SafetyActions(const OptionsInput& input, const RankingKnowledge& ranking);

}  // namespace refract::options_internal
