// Grading an option's evidence (private to refract::options; the rule is in ranking.h and
// docs/options.md): design and directness from the catalogue's evidence_level, then the "no clear
// benefit" and "small TRD trials" deductions computed from its entries, arm effects and
// option-scope syntheses, then the investigational deduction.
#pragma once

#include <optional>
#include <span>

#include "refract/options/ranking.h"

namespace refract::options_internal {

EvidenceGrade GradeEvidence(const Intervention& option,
                            std::span<const std::optional<ArmEffect>> arm_effects,
                            std::span<const ComputedSynthesis* const> syntheses,
                            const RankingKnowledge& ranking);

// A weight as a score component.
OptionComponent WeightComponent(const Parameter& weight, std::string detail);
inline OptionComponent WeightComponent(const RankingKnowledge& ranking, WeightId weight_id,
                                       std::string detail) {
  return WeightComponent(ranking.Weight(weight_id), std::move(detail));
}

}  // namespace refract::options_internal
