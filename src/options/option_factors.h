// The patient-specific parts of an option's score other than history (private to
// refract::options): moderators, preference, cautions and hard exclusions, eligibility and the
// required situation. Each returns the components it adds and the exclusions it finds.
#pragma once

#include <vector>

#include "refract/options/ranking.h"

namespace refract::options_internal {

// The fact (or condition / context) named `id`, or nullptr when the input has none.
const Fact* FindFact(const std::vector<Fact>& facts, std::string_view id);

// Every moderator naming `option` (viewed in `result.moderators`); the applied ones become
// components, with a moderator.cap adjustment when their sum exceeds the cap.
void ApplyModerators(const Intervention& option, const OptionsInput& input,
                     const RankingKnowledge& ranking, OptionResult& result);

// preference.prefers when the patient prefers the option or its category; kDeclined when the
// patient declines either.
void ApplyPreference(const Intervention& option, const OptionsInput& input,
                     const RankingKnowledge& ranking, OptionResult& result);

// Every caution, viewed with its status; caution.relative per scored relative caution that applies;
// kContraindicated per hard exclusion whose condition is present.
void ApplyCautions(const Intervention& option, const OptionsInput& input,
                   const RankingKnowledge& ranking, OptionResult& result);

// kNotYetIndicated below the option's eligibility rule (failures, and one of its facts when it
// names some); context.applies or kSituationAbsent for an option restricted to a situation.
void ApplyEligibility(const Intervention& option, const OptionsInput& input,
                      const RankingKnowledge& ranking, OptionResult& result);

}  // namespace refract::options_internal
