// Next-step options for one assessed patient: what the ranking reads about the patient,
// derived from the record and its assessment, and the facade that adds the options section.
//
// Derivations (docs/options.md, "What Refract reads from the record"):
// - trials: the current episode's trials (not intensified care) with their treatment classes,
//   adequacy under the default rule and outcome (recorded, or derived from the scores);
// - failures: the distinct molecules among the two-failure model's counted antidepressant trials
// (the
//   label rule; a re-trial of the same drug is one failure), and every adequate failed trial of any
//   kind;
// - facts (kFactIds): from the episode, demographics and clinical fields, with the thresholds of
//   knowledge/ranking.json (facts.*); a fact whose field is missing is "not recorded";
// - conditions (kCautionConditions): bipolar from the diagnosis, psychotic_features from the
//   episode, active_substance_use from clinical.substance_use, active_suicidality from the record's
//   conditions or a current self-harm signal, the rest from the record's conditions;
// - safety signals: a positive or unanswered self-harm item on the latest administration of its
//   instrument, and active_suicidality recorded as present (never suppressed, never imputed);
// - contexts: an ongoing antidepressant trial short of an adequate dose or duration;
// - notes: what is under way (ongoing trials, the latest not-on-track signal of each instrument);
//   the latest trial with an outcome helped (continue what works); no ongoing antidepressant (the
//   add-on options assume one); earlier positive self-harm items (ask again).
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
