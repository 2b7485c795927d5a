// Moderator facts and caution conditions derived from a record (private to refract::app; the
// derivations are listed in include/refract/app/next_steps.h).
#pragma once

#include <vector>

#include "refract/domain/patient.h"
#include "refract/options/ranking.h"

namespace refract::app_internal {

// Every kFactIds fact, in that order.
std::vector<Fact> DeriveFacts(const PatientRecord& record, const RankingKnowledge& ranking,
                              int failed_antidepressant_trials);

// Every kCautionConditions condition, in that order. A current self-harm signal makes
// active_suicidality present until a risk assessment is recorded.
std::vector<Fact> DeriveConditions(const PatientRecord& record,
                                   const std::vector<SafetySignal>& self_harm_signals);

}  // namespace refract::app_internal
