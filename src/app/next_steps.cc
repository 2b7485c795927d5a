#include "refract/app/next_steps.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <tuple>

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
// is one failure (docs/staging-decisions.md A9), as the model and the esketamine label count them.
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

std::string DaysBefore(const std::optional<Date>& date, Date as_of) {
  return date ? fmt::format(" ({} days before the as-of date)", DaysBetween(*date, as_of)) : "";
}

// Self-harm items of `kind` on the latest administration of each instrument, with whether the item
// is at its instrument's urgent level and how old it is.
std::vector<SafetySignal> CurrentSelfHarm(const MeasuresReport& measures,
                                          measures::SafetyAlertKind kind, Date as_of) {
  std::vector<SafetySignal> signals;
  for (const InstrumentSeries& series : measures.series) {
    if (series.administrations.empty()) continue;
    for (const measures::SafetyAlert& alert : series.administrations.back().safety) {
      if (alert.kind != kind) continue;
      std::optional<int> days;
      if (alert.date) days = DaysBetween(*alert.date, as_of);
      signals.push_back({alert.code, alert.message + DaysBefore(alert.date, as_of),
                         alert.band == measures::ThresholdBand::kUrgentThreshold, days});
    }
  }
  return signals;
}

// Positive self-harm items on earlier administrations (not the latest of their instrument), in
// words, or "" when there is none. Never a signal on its own: a prompt to ask again.
std::string EarlierSelfHarm(const MeasuresReport& measures) {
  int count = 0;
  std::optional<Date> latest;
  for (const InstrumentSeries& series : measures.series) {
    for (size_t i = 0; i + 1 < series.administrations.size(); ++i) {
      for (const measures::SafetyAlert& alert : series.administrations[i].safety) {
        if (alert.kind != measures::SafetyAlertKind::kItemPositive) continue;
        ++count;
        if (alert.date && (!latest || *alert.date > *latest)) latest = alert.date;
      }
    }
  }
  if (count == 0) return "";
  return fmt::format(
      "{} earlier positive self-harm item(s) in this record{}: see the safety alerts, and ask "
      "again at every contact",
      count, latest ? " (latest " + latest->ToString() + ")" : "");
}

// Days from the latest administration with a self-harm item value to `as_of`, or nullopt.
std::optional<int> SelfHarmItemDays(const MeasuresReport& measures, Date as_of) {
  std::optional<int> days;
  for (const InstrumentSeries& series : measures.series) {
    for (const measures::ScoredAdministration& administration : series.administrations) {
      if (!administration.safety_item_value || !administration.date) continue;
      const int since = DaysBetween(*administration.date, as_of);
      if (!days || since < *days) days = since;
    }
  }
  return days;
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
  input.failed_antidepressant_trials = CountedByTwoFailures(assessment, knowledge);
  input.safety_signals = SafetySignals(record, assessment.measures);
  input.self_harm_item_days = SelfHarmItemDays(assessment.measures, record.as_of);
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
