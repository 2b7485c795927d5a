#include "refract/app/next_steps.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "patient_facts.h"
#include "refract/app/not_adequately_tried.h"

namespace refract {
namespace {

bool IsFailure(OutcomeCategory outcome) {
  return outcome == OutcomeCategory::kNonresponse || outcome == OutcomeCategory::kPartialResponse;
}

TrialSummary Summarise(const TrialReport& trial, const std::vector<TreatmentClass>& classes,
                       const KnowledgeBase& knowledge) {
  TrialSummary summary;
  summary.id = trial.id;
  summary.kind = trial.kind;
  summary.agent = trial.agent;
  summary.start = trial.start;
  for (const TreatmentClass& treatment_class : classes) {
    if (treatment_class.matches(trial)) summary.treatment_classes.push_back(treatment_class.id);
  }
  summary.adequate = trial.adequacy.adequate;
  const PsychotherapyModality* modality = trial.kind == TreatmentKind::kPsychotherapy
                                              ? knowledge.FindPsychotherapy(trial.agent)
                                              : nullptr;
  summary.evidence_based_psychotherapy = modality && modality->evidence_based;
  summary.outcome = trial.outcome.category;
  summary.ongoing = trial.ongoing;
  summary.shortfall = trial.adequacy.FailedSummary();
  summary.uncertain_params = trial.adequacy.uncertain_params;
  return summary;
}

// The distinct molecules among the two-failure model's counted trials: a re-trial of the same drug
// is one failure (staging.md §7 A9), as the model and the esketamine label count them.
int CountedByTwoFailures(const Assessment& assessment, const KnowledgeBase& knowledge) {
  std::set<std::string> molecules;
  for (const ModelResult& model : assessment.staging) {
    if (model.model_id != "two_failures" || !model.applicable) continue;
    for (const std::string& id : model.counted_trials) {
      auto trial = std::find_if(assessment.trials.begin(), assessment.trials.end(),
                                [&](const TrialReport& t) { return t.id == id; });
      if (trial != assessment.trials.end()) molecules.insert(knowledge.MoleculeOf(trial->agent));
    }
  }
  return static_cast<int>(molecules.size());
}

// Positive self-harm items on the latest administration of each instrument.
std::vector<SafetySignal> CurrentSelfHarm(const MeasuresReport& measures,
                                          measures::SafetyAlertKind kind) {
  std::vector<SafetySignal> signals;
  for (const InstrumentSeries& series : measures.series) {
    if (series.administrations.empty()) continue;
    for (const measures::SafetyAlert& alert : series.administrations.back().safety) {
      if (alert.kind == kind) signals.push_back({alert.code, alert.message});
    }
  }
  return signals;
}

std::vector<SafetySignal> SafetySignals(const PatientRecord& record,
                                        const MeasuresReport& measures) {
  std::vector<SafetySignal> signals =
      CurrentSelfHarm(measures, measures::SafetyAlertKind::kItemPositive);
  for (SafetySignal& unanswered :
       CurrentSelfHarm(measures, measures::SafetyAlertKind::kItemUnanswered)) {
    signals.push_back(std::move(unanswered));
  }
  if (auto it = record.conditions.find("active_suicidality");
      it != record.conditions.end() && it->second) {
    signals.push_back({"ACTIVE_SUICIDALITY", "active suicidality recorded as present"});
  }
  return signals;
}

Fact OngoingInadequateAntidepressant(const std::vector<TrialSummary>& trials) {
  for (const TrialSummary& trial : trials) {
    if (trial.kind == TreatmentKind::kAntidepressant && trial.ongoing && !trial.adequate) {
      return {"ongoing_antidepressant_not_yet_adequate", true,
              fmt::format("{} ({}, ongoing) is not yet an adequate trial: {}", trial.id,
                          trial.agent, trial.shortfall)};
    }
  }
  return {"ongoing_antidepressant_not_yet_adequate", false,
          "no ongoing antidepressant trial short of an adequate dose or duration"};
}

// The latest adequate trial with a known outcome, when it helped.
std::vector<std::string> StatusNotes(const std::vector<TrialSummary>& trials,
                                     const RankingKnowledge& ranking) {
  const TrialSummary* latest = nullptr;
  for (const TrialSummary& trial : trials) {
    if (!trial.adequate || trial.outcome == OutcomeCategory::kUnknown) continue;
    if (!latest || trial.start >= latest->start) latest = &trial;
  }
  if (!latest || IsFailure(latest->outcome)) return {};
  return {fmt::format("{} Latest: {} ({}): {}.", ranking.Message("continue_what_works").text,
                      latest->id, latest->agent.empty() ? ToString(latest->kind) : latest->agent,
                      ToString(latest->outcome))};
}

}  // namespace

OptionsInput BuildOptionsInput(const PatientRecord& record, const Assessment& assessment,
                               const KnowledgeBase& knowledge, const RankingKnowledge& ranking) {
  OptionsInput input;
  input.diagnosis = record.diagnosis;
  const std::vector<TreatmentClass> classes = TreatmentClasses(knowledge);
  for (const TreatmentClass& treatment_class : classes) {
    input.class_labels.emplace(treatment_class.id, treatment_class.label);
  }
  for (const TrialReport& trial : assessment.trials) {
    if (!trial.in_current_episode || trial.kind == TreatmentKind::kIntensifiedCare) continue;
    input.trials.push_back(Summarise(trial, classes, knowledge));
    if (input.trials.back().adequate && IsFailure(trial.outcome.category)) {
      ++input.failed_treatments;
    }
  }
  input.failed_antidepressant_trials = CountedByTwoFailures(assessment, knowledge);
  input.safety_signals = SafetySignals(record, assessment.measures);
  input.facts = app_internal::DeriveFacts(record, ranking, input.failed_antidepressant_trials);
  input.conditions = app_internal::DeriveConditions(
      record, CurrentSelfHarm(assessment.measures, measures::SafetyAlertKind::kItemPositive));
  input.contexts = {OngoingInadequateAntidepressant(input.trials)};
  input.prefers = record.preferences.prefers;
  input.declines = record.preferences.declines;
  input.notes = StatusNotes(input.trials, ranking);
  return input;
}

Assessment AssessPatient(const PatientRecord& record, const KnowledgeBase& knowledge,
                         const MeasuresKnowledge& measures_knowledge,
                         std::shared_ptr<const OptionsKnowledge> options_knowledge,
                         const StagingOptions& options) {
  Assessment assessment = AssessPatient(record, knowledge, measures_knowledge, options);
  const OptionsInput input =
      BuildOptionsInput(record, assessment, knowledge, options_knowledge->ranking);
  assessment.options = RankOptions(input, std::move(options_knowledge));
  return assessment;
}

}  // namespace refract
