#include "refract/app/assess.h"

#include <fmt/format.h>

#include "refract/app/derived_outcomes.h"
#include "refract/app/imputed_dates.h"
#include "refract/app/not_adequately_tried.h"
#include "refract/domain/record_rules.h"

namespace refract {
namespace {

TrialReport ReportTrial(const Treatment& treatment, const StagingContext& context, size_t index,
                        const AdequacyRule& rule, AdequacyDetail detail) {
  TrialReport report;
  report.id = treatment.id;
  report.kind = treatment.kind;
  report.agent = treatment.agent;
  report.agent_class = AgentClassName(treatment.kind, treatment.agent, context.knowledge);
  report.start = treatment.start;
  report.end = EffectiveEnd(treatment, context.record.as_of);
  report.start_partial = treatment.start_partial;
  report.end_partial = treatment.end_partial;
  report.ongoing = !treatment.end.has_value();
  report.adverse_effects = treatment.adverse_effects;
  report.in_current_episode = context.in_current_episode[index];
  // In words unless asked otherwise, whatever the staging options: the trial view and "never
  // adequately tried" show them.
  report.adequacy =
      context.adequacy->Verdict(context.record, index, context.knowledge, rule, detail);
  report.outcome = context.outcomes[index];
  return report;
}

std::string OutcomeFrom(const OutcomeAssessment& outcome, const std::string& derived) {
  if (!derived.empty()) return derived;
  switch (outcome.source) {
    case OutcomeSource::kScores:
      return "from the scores recorded on the trial";
    case OutcomeSource::kClinicianJudgement:
      return "from the clinician's judgement recorded on the trial";
    case OutcomeSource::kNone:
      break;
  }
  return "no outcome recorded or derivable from the assessments";
}

// A copy of the record in which trials without a recorded outcome carry the one derived from the
// assessments; `details` receives, per trial index, which scores were used.
PatientRecord WithDerivedOutcomes(const PatientRecord& record, const MeasuresReport& measures,
                                  const MeasuresKnowledge& measures_knowledge,
                                  const KnowledgeBase& knowledge,
                                  std::vector<std::string>& details) {
  PatientRecord staged = record;
  details.assign(record.treatments.size(), "");
  for (size_t i = 0; i < staged.treatments.size(); ++i) {
    Treatment& treatment = staged.treatments[i];
    if (treatment.kind == TreatmentKind::kIntensifiedCare || treatment.outcome.scores ||
        treatment.outcome.judgement) {
      continue;
    }
    if (std::optional<DerivedOutcome> derived =
            DeriveOutcome(treatment, record.as_of, measures, measures_knowledge, knowledge)) {
      treatment.outcome.scores = derived->scores;
      details[i] = derived->detail;
    }
  }
  return staged;
}

Assessment AssessRecord(const PatientRecord& record, const KnowledgeBase& knowledge,
                        const MeasuresKnowledge& measures_knowledge, const StagingOptions& options,
                        AssessParts parts, const MeasuresReport* analysed_measures) {
  Assessment assessment;
  std::optional<MeasuresReport> analysed;
  if (!analysed_measures) analysed = AnalyseMeasures(record, knowledge, measures_knowledge);
  const MeasuresReport& measures = analysed_measures ? *analysed_measures : *analysed;
  std::vector<std::string> derived;
  const PatientRecord staged =
      WithDerivedOutcomes(record, measures, measures_knowledge, knowledge, derived);
  if (parts != AssessParts::kStaging)
    assessment.measures = analysed ? std::move(*analysed) : *analysed_measures;
  const StagingContext context = MakeStagingContext(staged, knowledge, options);
  assessment.patient_id = record.id;
  assessment.as_of = record.as_of;
  assessment.input_notes = record.input_notes;
  assessment.diagnosis = record.diagnosis;
  assessment.knowledge_version =
      knowledge.version + ",measures_parameters@" + measures_knowledge.parameters.version;
  assessment.dose_convention = knowledge.dose_convention;
  const AdequacyRule rule = DefaultAdequacyRule(knowledge);
  if (parts == AssessParts::kAll) {
    assessment.default_rule = fmt::format(
        ">= {:g} weeks at or above the minimum dose ({} table); psychotherapy >= {:g} sessions of "
        "an evidence-based modality with an experienced therapist",
        rule.min_weeks->value, knowledge.dose_convention, rule.min_pt_sessions->value);
  }
  if (parts == AssessParts::kStaging) {
    assessment.staging = StageAllModels(context);
    return assessment;
  }
  const AdequacyDetail detail =
      parts == AssessParts::kAll ? AdequacyDetail::kInWords : AdequacyDetail::kVerdictOnly;
  for (size_t i = 0; i < staged.treatments.size(); ++i) {
    assessment.trials.push_back(ReportTrial(staged.treatments[i], context, i, rule, detail));
    assessment.trials.back().outcome_from_assessments = derived[i];
    assessment.trials.back().outcome_from =
        OutcomeFrom(assessment.trials.back().outcome, derived[i]);
  }
  assessment.staging = StageAllModels(context);
  if (parts != AssessParts::kAll) return assessment;
  if (record.diagnosis == Diagnosis::kMdd) {
    assessment.not_adequately_tried = FindNotAdequatelyTried(assessment.trials, knowledge);
  } else {
    assessment.not_adequately_tried_note =
        "not listed: the treatment classes are those of unipolar depression, which are not the "
        "next steps for this diagnosis (see the options section)";
  }
  return assessment;
}

}  // namespace

Assessment AssessPatient(const PatientRecord& given, const KnowledgeBase& knowledge,
                         const MeasuresKnowledge& measures_knowledge, const StagingOptions& options,
                         AssessParts parts, const MeasuresReport* analysed_measures) {
  PatientRecord record = given;
  NormalizeRecord(record);
  Assessment assessment =
      AssessRecord(record, knowledge, measures_knowledge, options, parts, analysed_measures);
  MarkImputedDateEffects(
      record,
      [&](const PatientRecord& moved) {
        return AssessRecord(moved, knowledge, measures_knowledge, options, parts, nullptr);
      },
      assessment);
  return assessment;
}

}  // namespace refract
