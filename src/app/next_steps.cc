#include "refract/app/next_steps.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <tuple>

#include "patient_facts.h"
#include "refract/app/not_adequately_tried.h"
#include "refract/domain/record_rules.h"
#include "refract/measures/self_harm.h"

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
    if (treatment_class.matches(trial.kind, trial.agent))
      summary.treatment_classes.push_back(treatment_class.id);
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

// The regulatory two-failure count (ModelResult::failed_antidepressants), 0 when no applicable
// model gives it.
int FailedAntidepressants(const Assessment& assessment) {
  for (const ModelResult& model : assessment.staging) {
    if (model.applicable && model.failed_antidepressants) return *model.failed_antidepressants;
  }
  return 0;
}

std::string DaysBefore(const std::optional<Date>& date, Date as_of) {
  return date ? fmt::format(" ({} days before the as-of date)", DaysBetween(*date, as_of)) : "";
}

std::vector<const measures::AdministrationSeries*> Series(const MeasuresReport& measures) {
  std::vector<const measures::AdministrationSeries*> series;
  for (const InstrumentSeries& one : measures.series) series.push_back(&one.administrations);
  return series;
}

// The current self-harm alerts of `kind` (measures/self_harm.h) as signals, with their age.
std::vector<SafetySignal> CurrentSelfHarm(const MeasuresReport& measures,
                                          measures::SafetyAlertKind kind, Date as_of) {
  std::vector<SafetySignal> signals;
  for (const measures::SafetyAlert& alert : measures::CurrentSafetyAlerts(Series(measures), kind)) {
    std::optional<int> days;
    if (alert.date) days = DaysBetween(*alert.date, as_of);
    signals.push_back({alert.code, alert.message + DaysBefore(alert.date, as_of),
                       measures::IsUrgent(alert), days});
  }
  return signals;
}

// The earlier positive self-harm items (measures/self_harm.h) in words, or "" when there is none.
// Never a signal on its own: a prompt to ask again.
std::string EarlierSelfHarm(const MeasuresReport& measures) {
  const std::vector<measures::SafetyAlert> earlier =
      measures::EarlierPositiveItems(Series(measures));
  if (earlier.empty()) return "";
  std::optional<Date> latest;
  for (const measures::SafetyAlert& alert : earlier) {
    if (alert.date && (!latest || *alert.date > *latest)) latest = alert.date;
  }
  return fmt::format(
      "{} earlier positive self-harm item(s) in this record{}: see the safety alerts, and ask "
      "again at every contact",
      earlier.size(), latest ? " (latest " + latest->ToString() + ")" : "");
}

std::vector<SafetySignal> SafetySignals(const PatientRecord& record,
                                        const MeasuresReport& measures) {
  std::vector<SafetySignal> signals =
      CurrentSelfHarm(measures, measures::SafetyAlertKind::kItemPositive, record.as_of);
  for (SafetySignal& unanswered :
       CurrentSelfHarm(measures, measures::SafetyAlertKind::kItemUnanswered, record.as_of)) {
    signals.push_back(std::move(unanswered));
  }
  for (auto [condition, code, text] :
       {std::tuple{"active_suicidality", "ACTIVE_SUICIDALITY", "active suicidality recorded"},
        std::tuple{"recent_suicide_attempt", "RECENT_SUICIDE_ATTEMPT",
                   "a recent suicide attempt recorded"}}) {
    if (auto it = record.conditions.find(condition); it != record.conditions.end() && it->second) {
      signals.push_back({code, text, false, std::nullopt});
    }
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

std::string Label(const TrialSummary& trial) {
  return fmt::format("{} ({})", trial.id,
                     trial.agent.empty() ? ToString(trial.kind) : std::string_view(trial.agent));
}

// The note that the latest treatment with an outcome helped, read from the
// current_treatment_helping situation (DeriveSituations: adequate or not, and no relapse since).
std::optional<std::string> ContinueNote(const std::vector<Fact>& situations,
                                        const RankingKnowledge& ranking) {
  for (const Fact& situation : situations) {
    if (situation.id == "current_treatment_helping" && situation.value.value_or(false)) {
      return fmt::format("{} {}.", ranking.Message("continue_what_works").text, situation.detail);
    }
  }
  return std::nullopt;
}

// What is under way, with the latest not-on-track signal of its instrument.
std::vector<std::string> CurrentStepNotes(const std::vector<TrialSummary>& trials,
                                          const MeasuresReport& measures) {
  std::vector<std::string> notes;
  for (const TrialSummary& trial : trials) {
    if (trial.ongoing) {
      notes.push_back(fmt::format(
          "Current step: {} in progress since {}{}.", Label(trial), trial.start.ToString(),
          trial.adequate ? "" : "; not yet an adequate trial: " + trial.shortfall));
    }
  }
  for (const InstrumentSeries& series : measures.series) {
    if (!series.not_on_track || series.not_on_track_step.empty()) continue;
    const measures::NotOnTrackFlag& flag = series.not_on_track->trajectory();
    if (flag.signal == measures::NotOnTrackSignal::kNoSignal) continue;
    notes.push_back(
        fmt::format("{} for step {}: {} ({}){}; review the current step before "
                    "changing it.",
                    series.name, series.not_on_track_step, ToString(flag.signal), flag.reason,
                    flag.annotation.empty() ? "" : "; " + flag.annotation));
  }
  return notes;
}

std::vector<std::string> StatusNotes(const std::vector<TrialSummary>& trials,
                                     const std::vector<Fact>& situations,
                                     const MeasuresReport& measures,
                                     const RankingKnowledge& ranking) {
  std::vector<std::string> notes = CurrentStepNotes(trials, measures);
  if (std::optional<std::string> note = ContinueNote(situations, ranking)) notes.push_back(*note);
  if (!app_internal::AntidepressantOngoing(trials)) {
    notes.push_back(ranking.Message("no_ongoing_antidepressant").text);
  }
  if (std::string earlier = EarlierSelfHarm(measures); !earlier.empty()) {
    notes.push_back(earlier);
  }
  return notes;
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
  input.failed_antidepressant_trials = FailedAntidepressants(assessment);
  input.safety_signals = SafetySignals(record, assessment.measures);
  input.self_harm_item_days =
      measures::DaysSinceSafetyItem(Series(assessment.measures), record.as_of);
  input.facts = app_internal::DeriveFacts(record, ranking, input.failed_antidepressant_trials);
  app_internal::AddTreatmentFacts(input.trials, input.safety_signals, ranking,
                                  input.failed_antidepressant_trials, input.facts);
  input.conditions = app_internal::DeriveConditions(record, assessment.trials, input.trials,
                                                    input.safety_signals, input.facts);
  input.contexts = {OngoingInadequateAntidepressant(input.trials)};
  for (Fact& context :
       app_internal::DeriveSituations(record, assessment, input.trials, knowledge)) {
    input.contexts.push_back(std::move(context));
  }
  input.prefers = record.preferences.prefers;
  input.declines = record.preferences.declines;
  input.notes = record.diagnosis == Diagnosis::kBipolar
                    ? app_internal::BipolarNotes(input.trials, ranking)
                    : StatusNotes(input.trials, input.contexts, assessment.measures, ranking);
  return input;
}

Assessment AssessPatient(const PatientRecord& given, const KnowledgeBase& knowledge,
                         const MeasuresKnowledge& measures_knowledge,
                         std::shared_ptr<const OptionsKnowledge> options_knowledge,
                         const StagingOptions& options) {
  PatientRecord record = given;
  NormalizeRecord(record);
  Assessment assessment = AssessPatient(record, knowledge, measures_knowledge, options);
  const OptionsInput input =
      BuildOptionsInput(record, assessment, knowledge, options_knowledge->ranking);
  assessment.options = RankOptions(input, std::move(options_knowledge));
  return assessment;
}

}  // namespace refract
