// The guideline-driven parts of an option's result (private to refract::options; the rules and
// their sources are in knowledge/ranking.json and docs/options.md):
//   - indications: the ranking.json indications whose situation is present (the indicated tier);
//   - applicability: when the option's trials excluded a condition this patient has (a caution with
//     limits_evidence), its evidence part counts at most evidence.population_excluded;
//   - step order: the ranking.json step rules (NICE NG222 1.9: after a first failure, dose, switch
//     or psychotherapy before specialist combinations);
//   - add-on context: an option studied as an add-on to an antidepressant when one was tried and
//     none is ongoing.
#pragma once

#include <string>
#include <vector>

#include "refract/options/ranking.h"

namespace refract::options_internal {

// The indications naming `option` with at least one `when_any` id true for the patient.
std::vector<const Indication*> MatchIndications(const Intervention& option,
                                                const OptionsInput& input,
                                                const RankingKnowledge& ranking);

// The condition (in words) of the first limits_evidence caution of `option` present for the
// patient, or "" when the option's trials did not exclude anything this patient has. When one is
// present and the evidence part exceeds evidence.population_excluded, adds the component that caps
// it (and lowers result.evidence_points).
std::string ApplyApplicability(const Intervention& option, const OptionsInput& input,
                               const RankingKnowledge& ranking, OptionResult& result);

// The points of each step rule that applies to `option` for this patient.
void ApplyStepRules(const Intervention& option, const OptionsInput& input,
                    const RankingKnowledge& ranking, OptionResult& result);

// For an add-on option when an antidepressant was tried in this episode and none is ongoing (and no
// indication names the option): a medication add-on (augmentation, combination) is excluded as
// kSituationAbsent (nothing to add it to); a psychotherapy add-on gets
// context.add_on_without_antidepressant.
void ApplyAddOnContext(const Intervention& option, const OptionsInput& input,
                       const RankingKnowledge& ranking, OptionResult& result);

}  // namespace refract::options_internal
