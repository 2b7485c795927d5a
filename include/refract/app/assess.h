// The use-case facade: assess one patient record. Pure (no I/O, no clock): the record's `as_of` is
// the staging date. The CLI, tests and benchmarks all go through AssessPatient.
//
// Example:
//   StatusOr<KnowledgeBase> kb = LoadKnowledge(EmbeddedKnowledgeTexts());
//   StatusOr<MeasuresKnowledge> measures = LoadMeasures(EmbeddedMeasuresTexts());
//   StatusOr<PatientRecord> record = ParsePatientJson(text, *kb, *measures);
//   Assessment assessment = AssessPatient(*record, *kb, *measures, StagingOptions{});
//   // assessment.staging[i].summary, assessment.not_adequately_tried, ...
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "refract/adequacy/adequacy.h"
#include "refract/adequacy/trial_outcome.h"
#include "refract/app/measures_report.h"
#include "refract/domain/patient.h"
#include "refract/knowledge/knowledge.h"
#include "refract/options/ranking.h"
#include "refract/staging/staging.h"

namespace refract {

// Printed with every report and embedded in every JSON output.
inline constexpr const char* kDecisionSupportDisclaimer =
    "Decision support for a clinician, not a diagnosis or a treatment decision. Check every "
    "counted "
    "trial and assumption against the clinical record; provisional results rely on unconfirmed "
    "values.";

// One trial under the default adequacy rule (adequacy.default_min_weeks; Markowitz psychotherapy
// rule).
struct TrialReport {
  std::string id;
  TreatmentKind kind = TreatmentKind::kAntidepressant;
  std::string agent;
  std::string agent_class;  // "SSRI", "atypical_antipsychotic", "psychotherapy", ...
  Date start;
  Date end;
  std::optional<PartialDate> start_partial;  // the start was recorded to the month or year only
  std::optional<PartialDate> end_partial;
  bool ongoing = false;
  std::vector<std::string> adverse_effects;  // knowledge/adverse_effects.json ids
  bool in_current_episode = true;
  AdequacyVerdict adequacy;
  OutcomeAssessment outcome;
  std::string
      outcome_from_assessments;  // which scores were used when the trial recorded no outcome
  // Where the outcome came from, in words: the derived scores (as outcome_from_assessments), "from
  // the scores recorded on the trial", "from the clinician's judgement recorded on the trial", or
  // "no outcome recorded or derivable from the assessments".
  std::string outcome_from;
  // Set when the days imputed for partial dates decide the adequacy verdict or the outcome
  // (app/imputed_dates.h): a provisional result.
  std::optional<ImputedDateEffect> imputed_dates;
};

// A treatment class with no adequate trial in the current episode.
struct UntriedClass {
  std::string id;                       // "ad_tca", "psychotherapy_evidence_based", "ect", ...
  std::string label;                    // "TCA", "evidence-based psychotherapy", ...
  bool tried = false;                   // tried in the current episode, but never adequately
  std::vector<ExcludedTrial> attempts;  // the inadequate attempts with the reason
};

struct Assessment {
  std::string patient_id;
  Date as_of;
  Diagnosis diagnosis = Diagnosis::kMdd;
  std::string knowledge_version;
  std::string dose_convention;
  // The per-trial adequacy rule in words, with its knowledge values; with AssessParts::kAll only.
  std::string default_rule;
  std::vector<InputNote> input_notes;  // names in the record read as another id (the record's)
  std::vector<TrialReport> trials;
  std::vector<ModelResult> staging;
  std::vector<UntriedClass> not_adequately_tried;  // MDD only
  std::string not_adequately_tried_note;           // why the list is not given, or ""
  // Set when the days imputed for partial dates decide which classes the list names.
  std::optional<ImputedDateEffect> not_adequately_tried_imputed_dates;
  MeasuresReport measures;
  std::optional<OptionsReport> options;  // next-step options (app/next_steps.h), when ranked
};

// What AssessPatient fills in, for callers that read less than a clinician's report (a population
// run): kAll, everything; kTrialVerdicts, the per-trial view with its adequacy verdicts without
// words (AdequacyVerdict::explained false) and no list of the classes never adequately tried (whose
// reasons are those words); kStaging, the staging alone (Assessment::trials, not_adequately_tried
// and measures stay empty: the measures are analysed only to derive outcomes from the scores).
enum class AssessParts { kAll, kTrialVerdicts, kStaging };

// Scores the assessments, derives the outcome of trials recorded without one from the scores dated
// around them, then stages the patient under every model. When the record has partial dates, marks
// every result the imputed days decide (app/imputed_dates.h). The overload in app/next_steps.h also
// ranks the next-step options. The result does not depend on the order of the record's arrays:
// a normalised copy is assessed (NormalizeRecord, domain/record_rules.h). The record is assumed
// valid (ValidateRecord); Engine::Assess checks it first.
//
// `analysed_measures`, when given, is the record's measures already analysed: the
// Assessment::measures of an assessment of a record that differs from this one at most in the
// trials' recorded outcomes (outcome.scores and outcome.judgement, which AnalyseMeasures does not
// read), such as the same person under another outcome rule. They are used (and copied into the
// assessment unless `parts` is kStaging), not analysed again; the caller vouches for the match.
// The records moved to test partial dates are analysed afresh.
Assessment AssessPatient(const PatientRecord& record, const KnowledgeBase& knowledge,
                         const MeasuresKnowledge& measures_knowledge, const StagingOptions& options,
                         AssessParts parts = AssessParts::kAll,
                         const MeasuresReport* analysed_measures = nullptr);

}  // namespace refract
