// Next-step options for one assessed patient: what the ranking reads about the patient,
// derived from the record and its assessment, and the facade that adds the options section.
//
// Derivations (docs/options.md, "What Refract reads from the record"):
// - trials: the current episode's trials (not intensified care) with their treatment classes,
//   adequacy under the default rule and outcome (recorded, or derived from the scores);
// - failures: the distinct molecules among the two-failure model's counted antidepressant trials
//   (the label rule; a re-trial of the same drug is one failure), and every adequate failed trial
//   of any kind;
// - facts (kFactIds): from the episode, demographics and clinical fields, with the thresholds of
//   knowledge/ranking.json (facts.*), and from the trials and signals (severe_after_failures,
//   self_harm_signal, antidepressant_ongoing, ...); a missing field is "not recorded";
// - conditions (kCautionConditions): bipolar from the diagnosis, psychotic_features from the
//   episode, active_substance_use from clinical.substance_use, the recorded conditions, and the
//   derived ones (suicide_risk_high from the clinician's record only, suicide_risk_signal also from
//   an urgent self-harm item, maoi_ongoing, serotonergic_medication, previous_ect_response,
//   age_65_or_over; pregnancy false for a male patient);
// - safety signals: a positive or unanswered self-harm item on the latest administration of its
//   instrument, active suicidality or a recent attempt recorded as present (never suppressed, never
//   imputed), and how long ago any self-harm item was last recorded;
// - situations (kOptionContexts): the antidepressant dose can be optimised, none tried or none
//   ongoing, the latest treatment with an outcome helped and no relapse followed (in remission);
// - notes: what is under way (ongoing trials, the latest not-on-track signal of each instrument);
//   the latest trial with an outcome helped (continue what works); no ongoing antidepressant (the
//   add-on options assume one); earlier positive self-harm items (ask again); for bipolar
//   depression, an antidepressant without antimanic cover.
// Pure: no I/O, no clock.
#pragma once

#include <memory>

#include "refract/app/assess.h"
#include "refract/options/ranking.h"

namespace refract {

OptionsInput BuildOptionsInput(const PatientRecord& record, const Assessment& assessment,
                               const KnowledgeBase& knowledge, const RankingKnowledge& ranking);

// AssessPatient, then RankOptions: the assessment with `options` set.
// REQUIRES: options_knowledge != nullptr.
Assessment AssessPatient(const PatientRecord& record, const KnowledgeBase& knowledge,
                         const MeasuresKnowledge& measures_knowledge,
                         std::shared_ptr<const OptionsKnowledge> options_knowledge,
                         const StagingOptions& options);

}  // namespace refract
