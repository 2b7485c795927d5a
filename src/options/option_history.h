// The history part of an option's score (private to refract::options; rules in ranking.h and
// docs/options.md).
//
// An option's "variants" are its psychotherapy modalities, else its trial kinds, else its treatment
// classes (switch_class has six). Each variant's state comes from the current episode's trials that
// match it: the latest adequate trial decides failed (nonresponse), partial response, helped
// (response or remission) or outcome unknown; without an adequate trial, one that helped still
// counts as helped, else the variant was tried but never adequately, or never tried. Every variant
// failed: the option is excluded. Otherwise one history component describes the most useful state
// (helped first, then an inadequate attempt: "an adequate course is ..."), plus
// history.class_failed when another option of the same mechanism failed adequately (not between
// psychotherapies), plus history.psychotherapy_gap for an evidence-based psychotherapy when the
// patient meets the medication part of Markowitz 2022 without an adequate evidence-based
// psychotherapy.
#pragma once

#include <optional>
#include <vector>

#include "refract/options/ranking.h"

namespace refract::options_internal {

struct HistoryResult {
  std::vector<OptionComponent> components;
  std::optional<Exclusion> already_failed;
  // With already_failed: every adequate failed trial of the option's variants, in record order.
  std::vector<PriorFailure> failed_trials;
  // "adequacy of T2 (adequacy.rtms_min_sessions)": the verdicts it used rest on unconfirmed values.
  std::vector<std::string> relies_on_unconfirmed;
};

HistoryResult AssessHistory(const Intervention& option, const OptionsInput& input,
                            const RankingKnowledge& ranking);

}  // namespace refract::options_internal
