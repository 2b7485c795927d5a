#include "refract/app/measures_report.h"

#include <fmt/format.h>

#include <algorithm>

#include "refract/measures/safety.h"

namespace refract {
namespace {

measures::ItemResponses ToResponses(const Administration& administration) {
  measures::ItemResponses responses;
  responses.date = administration.date;
  responses.items = administration.items;
  responses.variants = administration.variants;
  responses.total = administration.total;
  responses.safety_item = administration.safety_item;
  return responses;
}

// The treatment step active at `date`: the latest-starting trial (not intensified care) that
// started on or before `date` and had not ended before it.
const Treatment* ActiveStep(const PatientRecord& record, Date date) {
  const Treatment* step = nullptr;
  for (const Treatment& t : record.treatments) {
    if (t.kind == TreatmentKind::kIntensifiedCare || t.start > date) continue;
    if (EffectiveEnd(t, record.as_of) < date) continue;
    if (!step || t.start > step->start) step = &t;
  }
  return step;
}

// The step baseline: the latest scored administration on or before the step start plus
// outcome.derived_baseline_days_after (a baseline taken in the first week, as for a derived trial
// outcome), else none.
const measures::ScoredAdministration* StepBaseline(const InstrumentSeries& series,
                                                   const Treatment& step, const KnowledgeBase& kb) {
  const Date last_day =
      AddDays(step.start, static_cast<int>(kb.Param("outcome.derived_baseline_days_after").value));
  const measures::ScoredAdministration* baseline = nullptr;
  for (const auto& administration : series.administrations) {
    if (!administration.total || !administration.date) continue;
    if (*administration.date <= last_day) baseline = &administration;
  }
  return baseline;
}

void EvaluateStep(const PatientRecord& record, const measures::InstrumentDefinition& instrument,
                  const KnowledgeBase& kb, const MeasuresKnowledge& knowledge,
                  const Administration& latest_source, InstrumentSeries& series) {
  const measures::ScoredAdministration& latest = series.administrations.back();
  const Treatment* step = ActiveStep(record, *latest.date);
  if (!step) return;
  const measures::ScoredAdministration* baseline = StepBaseline(series, *step, kb);
  if (!baseline || baseline == &latest) return;
  measures::NotOnTrackContext context;
  context.time_unit = measures::TimeUnit::kWeeks;
  context.elapsed = DaysBetween(step->start, *latest.date) / 7;
  if (step->kind == TreatmentKind::kPsychotherapy) context.modality = step->agent;
  if (latest_source.treatment == step->id && latest_source.session) {
    context.sessions_since_step_start = latest_source.session;
  }
  StatusOr<measures::NotOnTrackResult> result =
      measures::EvaluateNotOnTrack(instrument, *baseline, latest, context, knowledge.parameters);
  if (!result.ok()) {
    series.notes.push_back("not-on-track not evaluated: " + result.status().message());
    return;
  }
  series.not_on_track = *result;
  series.not_on_track_step =
      fmt::format("{} ({} {}) from {}, week {}", step->id, ToString(step->kind), step->agent,
                  step->start.ToString(), context.elapsed);
}

void Classify(const measures::InstrumentDefinition& instrument, const KnowledgeBase& kb,
              const MeasuresKnowledge& knowledge, InstrumentSeries& series) {
  std::vector<const measures::ScoredAdministration*> scored;
  for (const auto& administration : series.administrations) {
    if (administration.total) scored.push_back(&administration);
  }
  if (scored.size() < 2) return;
  auto classify = [&](const measures::ScoredAdministration& from,
                      std::optional<measures::ChangeResult>& out) {
    StatusOr<measures::ChangeResult> change =
        measures::ClassifyChange(instrument, from, *scored.back(), knowledge.parameters,
                                 measures::PercentChangeThresholds(kb));
    if (change.ok()) {
      out = *change;
    } else {
      series.notes.push_back("change not classified: " + change.status().message());
    }
  };
  classify(*scored.front(), series.since_first);
  if (scored.size() > 2) classify(*scored[scored.size() - 2], series.since_previous);
}

InstrumentSeries BuildSeries(const PatientRecord& record,
                             const measures::InstrumentDefinition& instrument,
                             const KnowledgeBase& kb, const MeasuresKnowledge& knowledge,
                             MeasuresReport& report) {
  InstrumentSeries series{
      instrument.id, instrument.name, instrument.direction, {}, {}, {}, {}, {}, {}};
  const Administration* latest_source = nullptr;
  for (const Administration& administration : record.assessments) {
    if (administration.instrument != instrument.id) continue;
    const measures::ItemResponses responses = ToResponses(administration);
    StatusOr<measures::ScoredAdministration> scored = measures::Score(instrument, responses);
    if (!scored.ok()) {
      // A record that cannot be scored still has its self-harm item read: alerts are never lost.
      for (const measures::SafetyAlert& alert : measures::EvaluateSafety(instrument, responses)) {
        report.alerts.push_back(alert);
      }
      series.notes.push_back(fmt::format("{}: not scored: {}", administration.date.ToString(),
                                         scored.status().message()));
      continue;
    }
    for (const measures::SafetyAlert& alert : scored->safety) report.alerts.push_back(alert);
    if (!scored->total) {
      series.notes.push_back(fmt::format("{}: no total: {}", administration.date.ToString(),
                                         scored->not_scored_reason));
    }
    series.administrations.push_back(std::move(*scored));
    latest_source = &administration;
  }
  if (series.administrations.empty()) return series;
  Classify(instrument, kb, knowledge, series);
  if (series.administrations.back().total && latest_source) {
    EvaluateStep(record, instrument, kb, knowledge, *latest_source, series);
  }
  return series;
}

std::optional<int> FirstTotal(const InstrumentSeries* series, bool last) {
  if (!series) return std::nullopt;
  std::optional<int> value;
  for (const auto& administration : series->administrations) {
    if (!administration.total_rounded) continue;
    if (!value || last) value = administration.total_rounded;
  }
  return value;
}

void AddTalkingTherapies(const PatientRecord& record, const MeasuresKnowledge& knowledge,
                         MeasuresReport& report) {
  const InstrumentSeries* phq9 = FindSeries(report, "phq9");
  const InstrumentSeries* gad7 = FindSeries(report, "gad7");
  const std::optional<int> phq_first = FirstTotal(phq9, false);
  const std::optional<int> phq_last = FirstTotal(phq9, true);
  if (!phq_first || !phq_last) {
    report.talking_therapies_note = "needs a first and a last PHQ-9 total";
    return;
  }
  measures::TalkingTherapiesScores scores;
  scores.phq9_first = *phq_first;
  scores.phq9_last = *phq_last;
  scores.gad7_first = FirstTotal(gad7, false);
  scores.gad7_last = scores.gad7_first ? FirstTotal(gad7, true) : std::nullopt;
  if (!scores.gad7_last) scores.gad7_first.reset();
  for (const Treatment& t : record.treatments) {
    if (t.kind == TreatmentKind::kPsychotherapy) scores.sessions_attended += t.sessions.value_or(0);
  }
  StatusOr<measures::TalkingTherapiesResult> result =
      measures::ClassifyTalkingTherapies(scores, knowledge.parameters.talking_therapies);
  if (result.ok()) {
    report.talking_therapies = *result;
    report.talking_therapies_note = scores.gad7_first ? "first and last PHQ-9 with GAD-7 pairs"
                                                      : "PHQ-9 only (no GAD-7 pair recorded)";
  } else {
    report.talking_therapies_note = result.status().message();
  }
}

}  // namespace

MeasuresReport AnalyseMeasures(const PatientRecord& record, const KnowledgeBase& kb,
                               const MeasuresKnowledge& knowledge) {
  MeasuresReport report;
  for (const measures::InstrumentDefinition& instrument : knowledge.instruments) {
    InstrumentSeries series = BuildSeries(record, instrument, kb, knowledge, report);
    if (!series.administrations.empty() || !series.notes.empty())
      report.series.push_back(std::move(series));
  }
  std::stable_sort(report.alerts.begin(), report.alerts.end(),
                   [](const measures::SafetyAlert& a, const measures::SafetyAlert& b) {
                     return a.date < b.date;
                   });
  AddTalkingTherapies(record, knowledge, report);
  return report;
}

const InstrumentSeries* FindSeries(const MeasuresReport& report, std::string_view instrument_id) {
  for (const InstrumentSeries& series : report.series) {
    if (series.instrument_id == instrument_id) return &series;
  }
  return nullptr;
}

}  // namespace refract
