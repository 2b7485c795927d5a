// The patient-specific parts of an option's score other than history (private to
// refract::options): moderators, preference, cautions and hard exclusions, eligibility and the
// required situation. Each returns the components it adds and the exclusions it finds.
#pragma once

#include <vector>

#include "refract/options/ranking.h"

namespace refract::options_internal {

// Every moderator naming `option` (viewed in `result.moderators`); the applied ones become
// components, with a moderator.cap adjustment when their sum exceeds the cap. When
// `evidence_limited_by` names a condition the option's trials excluded, no moderator gives points
// (they were estimated in those trials) and each true one says so.
void ApplyModerators(const Intervention& option, const OptionsInput& input,
                     const RankingKnowledge& ranking, const std::string& evidence_limited_by,
                     OptionResult& result);

// preference.prefers when the patient prefers the option or its category; kDeclined when the
// patient declines either.
void ApplyPreference(const Intervention& option, const OptionsInput& input,
                     const RankingKnowledge& ranking, OptionResult& result);

// Every caution, viewed with its status; caution.relative per scored relative caution that applies;
// kContraindicated per hard exclusion whose condition is present.
void ApplyCautions(const Intervention& option, const OptionsInput& input,
                   const RankingKnowledge& ranking, OptionResult& result);

// kNotYetIndicated below the option's eligibility rule (failures, and one of its facts when it
// names some), unless a guideline indication applies (result.indications: the guideline names the
// option for this situation); context.applies or kSituationAbsent for an option restricted to
// situations (any of them).
void ApplyEligibility(const Intervention& option, const OptionsInput& input,
                      const RankingKnowledge& ranking, OptionResult& result);

}  // namespace refract::options_internal
