// Moderator facts, caution conditions and situations derived from a record (private to
// refract::app; the derivations are listed in include/refract/app/next_steps.h and
// docs/options.md, "What Refract reads from the record").
#pragma once

#include <vector>

#include "refract/app/assess.h"
#include "refract/domain/patient.h"
#include "refract/options/ranking.h"

namespace refract::app_internal {

// Every record-derived kFactIds fact (the episode, person and clinical fields), in that order.
std::vector<Fact> DeriveFacts(const PatientRecord& record, const RankingKnowledge& ranking,
                              int failed_antidepressant_trials);

// The trial- and signal-derived facts: trd_failures_reached, severe_after_failures (needs `facts`
// to hold severity_high),
// self_harm_signal, antidepressant_ongoing, latest_antidepressant_partial_response.
void AddTreatmentFacts(const std::vector<TrialSummary>& trials,
                       const std::vector<SafetySignal>& signals, const RankingKnowledge& ranking,
                       int failed_antidepressant_trials, std::vector<Fact>& facts);

// Every kCautionConditions condition, in that order: recorded ones from the record (diagnosis,
// episode, clinical fields, conditions); suicide_risk_high from recorded active suicidality or a
// recent attempt (never from a questionnaire item: a positive item is a prompt, not a risk
// estimate); suicide_risk_signal from suicide_risk_high or a current self-harm item at its urgent
// level (precautionary: the overdose and hospitalisation cautions); maoi_ongoing and (unless
// recorded) serotonergic_medication from the ongoing trials; previous_ect_response also from any
// ECT trial of the record that helped; antipsychotic_akathisia from akathisia recorded on an
// atypical antipsychotic trial; age_65_or_over from `facts`.
std::vector<Fact> DeriveConditions(const PatientRecord& record,
                                   const std::vector<TrialReport>& all_trials,
                                   const std::vector<TrialSummary>& episode_trials,
                                   const std::vector<SafetySignal>& signals,
                                   const std::vector<Fact>& facts);

// Sets the derived conditions in `conditions` (DeriveConditions' rules for suicide_risk_high,
// maoi_ongoing, serotonergic_medication, previous_ect_response, antipsychotic_akathisia and
// age_65_or_over).
void AddDerivedConditions(const PatientRecord& record, const std::vector<TrialReport>& all_trials,
                          const std::vector<TrialSummary>& episode_trials,
                          const std::vector<SafetySignal>& signals, const std::vector<Fact>& facts,
                          std::vector<Fact>& conditions);

// The situations other than ongoing_antidepressant_not_yet_adequate (catalogue.h kOptionContexts).
std::vector<Fact> DeriveSituations(const PatientRecord& record, const Assessment& assessment,
                                   const std::vector<TrialSummary>& episode_trials,
                                   const KnowledgeBase& knowledge);

// An antidepressant (or combination) trial is ongoing at as_of.
bool AntidepressantOngoing(const std::vector<TrialSummary>& trials);

// Notes for bipolar depression: an ongoing antidepressant without lithium or an antipsychotic.
std::vector<std::string> BipolarNotes(const std::vector<TrialSummary>& trials,
                                      const RankingKnowledge& ranking);

}  // namespace refract::app_internal
