#include "refract/app/assess.h"

#include <fmt/format.h>

#include "refract/app/not_adequately_tried.h"

namespace refract {
namespace {

std::string AgentClass(const Treatment& treatment, const KnowledgeBase& knowledge) {
  switch (treatment.kind) {
    case TreatmentKind::kAntidepressant:
    case TreatmentKind::kCombination:
      if (const Antidepressant* drug = knowledge.FindAntidepressant(treatment.agent)) {
        return std::string(DisplayName(drug->drug_class));
      }
      return "antidepressant";
    case TreatmentKind::kAugmentation:
      if (const AugmentingAgent* agent = knowledge.FindAugmenter(treatment.agent)) {
        return std::string(ToString(agent->augmenter_class));
      }
      return "augmentation";
    default:
      return std::string(ToString(treatment.kind));
  }
}

TrialReport ReportTrial(const Treatment& treatment, const StagingContext& context, size_t index,
                        const AdequacyRule& rule) {
  TrialReport report;
  report.id = treatment.id;
  report.kind = treatment.kind;
  report.agent = treatment.agent;
  report.agent_class = AgentClass(treatment, context.knowledge);
  report.start = treatment.start;
  report.end = EffectiveEnd(treatment, context.record.as_of);
  report.ongoing = !treatment.end.has_value();
  report.in_current_episode = context.in_current_episode[index];
  report.adequacy = AssessAdequacy(treatment, context.record.as_of, context.knowledge, rule);
  report.outcome = context.outcomes[index];
  return report;
}

}  // namespace

Assessment AssessPatient(const PatientRecord& record, const KnowledgeBase& knowledge,
                         const StagingOptions& options) {
  const StagingContext context = MakeStagingContext(record, knowledge, options);
  Assessment assessment;
  assessment.patient_id = record.id;
  assessment.as_of = record.as_of;
  assessment.diagnosis = record.diagnosis;
  assessment.knowledge_version = knowledge.version;
  assessment.dose_convention = knowledge.dose_convention;
  const AdequacyRule rule = DefaultAdequacyRule(knowledge);
  assessment.default_rule = fmt::format(
      ">= {:g} weeks at or above the minimum dose ({} table); psychotherapy >= {:g} sessions of an "
      "evidence-based modality with an experienced therapist",
      rule.min_weeks->value, knowledge.dose_convention, rule.min_pt_sessions->value);
  for (size_t i = 0; i < record.treatments.size(); ++i) {
    assessment.trials.push_back(ReportTrial(record.treatments[i], context, i, rule));
  }
  assessment.staging = StageAllModels(context);
  assessment.not_adequately_tried = FindNotAdequatelyTried(assessment.trials, knowledge);
  return assessment;
}

}  // namespace refract
