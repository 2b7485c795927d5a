#include "refract/app/measures_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <map>

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
      instrument.id, instrument.name, instrument.direction, {}, {}, {}, {}, {}, {}, {}};
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
    series.tagged_treatment.push_back(administration.treatment);
    latest_source = &administration;
  }
  if (series.administrations.empty()) return series;
  Classify(instrument, kb, knowledge, series);
  if (series.administrations.back().total && latest_source) {
    EvaluateStep(record, instrument, kb, knowledge, *latest_source, series);
  }
  return series;
}

// The totals of a series in date order (empty without the series).
std::vector<int> Totals(const InstrumentSeries* series) {
  std::vector<int> totals;
  if (!series) return totals;
  for (const auto& administration : series->administrations) {
    if (administration.total_rounded) totals.push_back(*administration.total_rounded);
  }
  return totals;
}

// A course needs two administrations: a single PHQ-9 is no change (docs/measures-decisions.md
// §9.5).
void AddTalkingTherapies(const PatientRecord& record, const MeasuresKnowledge& knowledge,
                         MeasuresReport& report) {
  const std::vector<int> phq9 = Totals(FindSeries(report, "phq9"));
  const std::vector<int> gad7 = Totals(FindSeries(report, "gad7"));
  if (phq9.size() < 2) {
    report.talking_therapies_note =
        fmt::format("not classified: needs two PHQ-9 administrations ({} recorded)", phq9.size());
    return;
  }
  measures::TalkingTherapiesScores scores;
  scores.phq9_first = phq9.front();
  scores.phq9_last = phq9.back();
  if (gad7.size() >= 2) {
    scores.gad7_first = gad7.front();
    scores.gad7_last = gad7.back();
  }
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

// The latest administration date of each instrument in the record.
std::map<std::string, Date> LatestDates(const PatientRecord& record) {
  std::map<std::string, Date> latest;
  for (const Administration& administration : record.assessments) {
    auto [it, inserted] = latest.emplace(administration.instrument, administration.date);
    if (!inserted && administration.date > it->second) it->second = administration.date;
  }
  return latest;
}

std::string SummaryMessage(const measures::InstrumentDefinition& instrument,
                           const AlertSummary& summary) {
  const std::string dates = summary.count == 1
                                ? "on " + summary.first.ToString()
                                : summary.first.ToString() + " to " + summary.last.ToString();
  return fmt::format("{} earlier {} total{}, {}, had no item {} recorded", summary.count,
                     instrument.name, summary.count == 1 ? "" : "s", dates,
                     instrument.safety_item->item);
}

// Keeps every positive and unanswered alert; a "not available" notice only on the latest
// administration of its instrument, the older ones summarised in one line per instrument.
void GroupNotAvailable(const PatientRecord& record, const MeasuresKnowledge& knowledge,
                       MeasuresReport& report) {
  const std::map<std::string, Date> latest = LatestDates(record);
  std::vector<measures::SafetyAlert> kept;
  for (measures::SafetyAlert& alert : report.alerts) {
    auto newest = latest.find(alert.instrument_id);
    const bool older = alert.kind == measures::SafetyAlertKind::kItemNotAvailable && alert.date &&
                       newest != latest.end() && *alert.date < newest->second;
    if (!older) {
      kept.push_back(std::move(alert));
      continue;
    }
    auto summary =
        std::find_if(report.alert_summaries.begin(), report.alert_summaries.end(),
                     [&](const AlertSummary& s) { return s.instrument_id == alert.instrument_id; });
    if (summary == report.alert_summaries.end()) {
      report.alert_summaries.push_back(
          {alert.instrument_id, alert.kind, alert.severity, 0, *alert.date, *alert.date, ""});
      summary = std::prev(report.alert_summaries.end());
    }
    ++summary->count;
    summary->first = std::min(summary->first, *alert.date);
    summary->last = std::max(summary->last, *alert.date);
  }
  report.alerts = std::move(kept);
  for (AlertSummary& summary : report.alert_summaries) {
    for (const measures::InstrumentDefinition& instrument : knowledge.instruments) {
      if (instrument.id == summary.instrument_id)
        summary.message = SummaryMessage(instrument, summary);
    }
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
  GroupNotAvailable(record, knowledge, report);
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
