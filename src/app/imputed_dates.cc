#include "refract/app/imputed_dates.h"

#include <fmt/format.h>

#include <algorithm>
#include <concepts>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <tuple>

#include "refract/domain/record_rules.h"
#include "refract/domain/trial_dates.h"

namespace refract {
namespace {

using Field = PartialDateSlot::Field;
using Role = PartialDateSlot::Role;

// Adds a slot when `partial` is set; `path()` and `label()` give its JSON path and name in words
// (built only then: most dates are complete).
template <std::invocable Path, std::invocable Label>
void AddSlot(std::vector<PartialDateSlot>& slots, Field field, size_t index, size_t step, Role role,
             Path path, Label label, Date value, const std::optional<PartialDate>& partial) {
  if (!partial) return;
  slots.push_back(
      {field, index, step, role,
       DecidingDate{std::string(path()), std::string(label()), RecordedText(value, partial), value,
                    partial->earliest, partial->latest}});
}

void AddTreatmentSlots(const Treatment& t, size_t i, std::vector<PartialDateSlot>& slots) {
  const auto path = [i](std::string_view field) {
    return fmt::format("$.treatments[{}]{}", i, field);
  };
  AddSlot(
      slots, Field::kStart, i, 0, Role::kStart, [&] { return path(".start"); },
      [&] { return t.id + " start"; }, t.start, t.start_partial);
  for (size_t j = 0; j < t.doses.size(); ++j) {
    AddSlot(
        slots, Field::kDoseFrom, i, j, Role::kStart,
        [&] { return path(fmt::format(".doses[{}].from", j)); },
        [&] { return fmt::format("{} dose step {}", t.id, j + 1); }, t.doses[j].from,
        t.doses[j].from_partial);
  }
  if (t.end) {
    AddSlot(
        slots, Field::kEnd, i, 0, Role::kEnd, [&] { return path(".end"); },
        [&] { return t.id + " end"; }, *t.end, t.end_partial);
  }
}

Date& DayOf(PatientRecord& record, const PartialDateSlot& slot) {
  switch (slot.field) {
    case Field::kOnset:
      return record.episode.onset;
    case Field::kBirthDate:
      return *record.demographics.birth_date;
    case Field::kStart:
      return record.treatments[slot.index].start;
    case Field::kEnd:
      return *record.treatments[slot.index].end;
    case Field::kDoseFrom:
      return record.treatments[slot.index].doses[slot.step].from;
    case Field::kAssessment:
      return record.assessments[slot.index].date;
  }
  return record.episode.onset;
}

enum class Position { kImputed, kEarliest, kLatest };

Date At(const PartialDateSlot& slot, Position position) {
  switch (position) {
    case Position::kEarliest:
      return slot.date.earliest;
    case Position::kLatest:
      return slot.date.latest;
    case Position::kImputed:
      return slot.date.imputed;
  }
  return slot.date.imputed;
}

// The days of one scenario: each slot's position by its role.
std::vector<Date> Days(const std::vector<PartialDateSlot>& slots, Position start, Position end,
                       Position other) {
  std::vector<Date> days;
  for (const PartialDateSlot& slot : slots) {
    days.push_back(At(slot, slot.role == Role::kStart ? start
                            : slot.role == Role::kEnd ? end
                                                      : other));
  }
  return days;
}

// Which slots a scenario moves: all of them, the slots of one trial, or one slot. A result that
// changes when one slot moves is decided by that slot; else by the trial whose slots changed it
// together (a start and its first dose step, say); else by all.
enum class Scope { kAll, kTrial, kSingle };

struct Scenario {
  std::vector<Date> days;
  Scope scope = Scope::kAll;
  std::vector<size_t> moved;  // for kTrial and kSingle
};

// The trial-scope scenarios: each trial with two or more partial dates, at its longest and its
// shortest duration, the other slots at the imputed days.
void AddTrialScenarios(const std::vector<PartialDateSlot>& slots, std::vector<Scenario>& out) {
  std::map<size_t, std::vector<size_t>> by_trial;
  for (size_t i = 0; i < slots.size(); ++i) {
    const Field f = slots[i].field;
    if (f == Field::kStart || f == Field::kEnd || f == Field::kDoseFrom) {
      by_trial[slots[i].index].push_back(i);
    }
  }
  for (const auto& [trial, moved] : by_trial) {
    if (moved.size() < 2) continue;
    for (bool longest : {true, false}) {
      std::vector<Date> days;
      for (const PartialDateSlot& slot : slots) days.push_back(slot.date.imputed);
      for (size_t i : moved) {
        const bool early = (slots[i].role == Role::kStart) == longest;
        days[i] = early ? slots[i].date.earliest : slots[i].date.latest;
      }
      out.push_back({std::move(days), Scope::kTrial, moved});
    }
  }
}

std::vector<Scenario> Scenarios(const std::vector<PartialDateSlot>& slots) {
  using P = Position;
  std::vector<Scenario> scenarios;
  for (const auto& [start, end, other] : {std::tuple{P::kEarliest, P::kEarliest, P::kEarliest},
                                          std::tuple{P::kLatest, P::kLatest, P::kLatest},
                                          std::tuple{P::kEarliest, P::kLatest, P::kImputed},
                                          std::tuple{P::kLatest, P::kEarliest, P::kImputed}}) {
    scenarios.push_back({Days(slots, start, end, other), Scope::kAll, {}});
  }
  AddTrialScenarios(slots, scenarios);
  const std::vector<Date> imputed = Days(slots, P::kImputed, P::kImputed, P::kImputed);
  for (size_t i = 0; i < slots.size(); ++i) {
    for (Position position : {P::kEarliest, P::kLatest}) {
      if (At(slots[i], position) == slots[i].date.imputed) continue;
      std::vector<Date> days = imputed;
      days[i] = At(slots[i], position);
      scenarios.push_back({std::move(days), Scope::kSingle, {i}});
    }
  }
  return scenarios;
}

// One thing a clinician reads, as it is in an assessment: a key to compare and the words to show.
struct Reading {
  std::function<std::string(const Assessment&)> key;
  std::function<std::string(const Assessment&)> words;
};

// The runs of the assessment: at the imputed days (runs[0], scenario nullptr) and in each
// scenario; and the means to assess a record with some slots moved to one day.
struct Runs {
  const PatientRecord& record;
  const std::vector<PartialDateSlot>& slots;
  const std::function<Assessment(const PatientRecord&)>& assess;
  std::vector<Assessment> assessments;
  std::vector<const Scenario*> scenarios;
  std::map<std::vector<size_t>, std::vector<std::pair<Date, Assessment>>> day_scans;

  // The assessments with the slots `moved` all on each day of their common possible days, the
  // other slots at the imputed days; empty unless the slots share one range of at most two
  // months and one role (so that "on or before" reads true).
  const std::vector<std::pair<Date, Assessment>>& DayScan(const std::vector<size_t>& moved) {
    auto [it, inserted] = day_scans.try_emplace(moved);
    if (!inserted) return it->second;
    const DecidingDate& first = slots[moved.front()].date;
    for (size_t i : moved) {
      if (slots[i].date.earliest != first.earliest || slots[i].date.latest != first.latest ||
          slots[i].role != slots[moved.front()].role) {
        return it->second;
      }
    }
    if (DaysBetween(first.earliest, first.latest) > 61) return it->second;
    for (Date day = first.earliest; day <= first.latest; day = AddDays(day, 1)) {
      std::vector<Date> days;
      for (const PartialDateSlot& slot : slots) days.push_back(slot.date.imputed);
      for (size_t i : moved) days[i] = day;
      it->second.emplace_back(day, assess(WithDays(record, slots, days)));
    }
    return it->second;
  }
};

// "adequate if T1 start was on or before 2024-04-14, not adequate from 2024-04-15": when moving the
// deciding slots day by day changes the result exactly once; else "".
std::string Condition(Runs& runs, const std::vector<size_t>& deciding, const Reading& reading) {
  if (deciding.empty()) return "";
  const auto& scan = runs.DayScan(deciding);
  std::vector<size_t> changes;
  for (size_t d = 1; d < scan.size(); ++d) {
    if (reading.key(scan[d].second) != reading.key(scan[d - 1].second)) changes.push_back(d);
  }
  if (changes.size() != 1) return "";
  const size_t d = changes.front();
  return fmt::format("{} if {} was on or before {}, {} from {}", reading.words(scan[d - 1].second),
                     runs.slots[deciding.front()].date.label, scan[d - 1].first.ToString(),
                     reading.words(scan[d].second), scan[d].first.ToString());
}

// Whether `reading` differs between the runs, and if so the effect: the distinct results (the
// first at the imputed days), the slots that change it (those moved alone, else a trial's slots
// moved together, else all) and, where one day is the boundary, the condition.
std::optional<ImputedDateEffect> EffectOf(Runs& runs, const Reading& reading) {
  std::vector<std::string> keys;
  ImputedDateEffect effect;
  std::map<Scope, std::set<size_t>> deciding;
  for (size_t r = 0; r < runs.assessments.size(); ++r) {
    const std::string key = reading.key(runs.assessments[r]);
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
      keys.push_back(key);
      effect.results.push_back(reading.words(runs.assessments[r]));
    }
    if (const Scenario* scenario = runs.scenarios[r]; scenario && key != keys.front()) {
      deciding[scenario->scope].insert(scenario->moved.begin(), scenario->moved.end());
    }
  }
  if (keys.size() < 2) return std::nullopt;
  std::vector<size_t> narrowest;
  for (Scope scope : {Scope::kSingle, Scope::kTrial}) {
    if (narrowest.empty()) narrowest.assign(deciding[scope].begin(), deciding[scope].end());
  }
  for (size_t i = 0; i < runs.slots.size(); ++i) {
    if (narrowest.empty() || std::find(narrowest.begin(), narrowest.end(), i) != narrowest.end()) {
      effect.dates.push_back(runs.slots[i].date);
    }
  }
  effect.condition = Condition(runs, narrowest, reading);
  return effect;
}

std::string Adequacy(const TrialReport& trial) {
  if (!trial.adequacy.applicable) return "n/a";
  return trial.adequacy.adequate ? "adequate" : "not adequate";
}

std::string Outcome(const TrialReport& trial) {
  return fmt::format("outcome {}", ToString(trial.outcome.category));
}

// One trial's verdict and outcome; its words name only the parts that vary between the runs.
Reading TrialReading(const std::vector<Assessment>& runs, size_t t) {
  bool adequacy_varies = false, outcome_varies = false;
  for (const Assessment& run : runs) {
    adequacy_varies = adequacy_varies || Adequacy(run.trials[t]) != Adequacy(runs[0].trials[t]);
    outcome_varies = outcome_varies || Outcome(run.trials[t]) != Outcome(runs[0].trials[t]);
  }
  auto words = [=](const Assessment& a) {
    std::vector<std::string> parts;
    if (adequacy_varies) parts.push_back(Adequacy(a.trials[t]));
    if (outcome_varies) parts.push_back(Outcome(a.trials[t]));
    return fmt::format("{}", fmt::join(parts, ", "));
  };
  return {[=](const Assessment& a) { return Adequacy(a.trials[t]) + "|" + Outcome(a.trials[t]); },
          words};
}

Reading ModelReading(size_t m) {
  return {[m](const Assessment& a) {
            const ModelResult& model = a.staging[m];
            return fmt::format("{}|{}|{}|{}|{}", model.summary, model.stage.value_or(-1),
                               model.score.value_or(-1), model.category.value_or(""),
                               model.meets ? (*model.meets ? 1 : 0) : -1);
          },
          [m](const Assessment& a) { return a.staging[m].summary; }};
}

bool Lists(const Assessment& assessment, const std::string& id) {
  return std::any_of(assessment.not_adequately_tried.begin(), assessment.not_adequately_tried.end(),
                     [&](const UntriedClass& entry) { return entry.id == id; });
}

// The never-adequately-tried list; its words name the classes some runs list and others do not.
Reading UntriedReading(const std::vector<Assessment>& runs) {
  std::map<std::string, std::string> labels;
  std::map<std::string, size_t> listed;
  for (const Assessment& run : runs) {
    for (const UntriedClass& entry : run.not_adequately_tried) {
      labels[entry.id] = entry.label;
      ++listed[entry.id];
    }
  }
  std::vector<std::pair<std::string, std::string>> varying;
  for (const auto& [id, count] : listed) {
    if (count != runs.size()) varying.emplace_back(id, labels[id]);
  }
  auto key = [](const Assessment& a) {
    std::vector<std::string> ids;
    for (const UntriedClass& entry : a.not_adequately_tried) ids.push_back(entry.id);
    return fmt::format("{}", fmt::join(ids, ","));
  };
  auto words = [varying](const Assessment& a) {
    std::vector<std::string> parts;
    for (const auto& [id, label] : varying) {
      parts.push_back(label + (Lists(a, id) ? " never adequately tried" : " adequately tried"));
    }
    return fmt::format("{}", fmt::join(parts, ", "));
  };
  return {key, words};
}

}  // namespace

std::vector<PartialDateSlot> PartialDateSlots(const PatientRecord& record) {
  std::vector<PartialDateSlot> slots;
  AddSlot(
      slots, Field::kOnset, 0, 0, Role::kStart, [] { return "$.episode.onset"; },
      [] { return "episode onset"; }, record.episode.onset, record.episode.onset_partial);
  if (record.demographics.birth_date) {
    AddSlot(
        slots, Field::kBirthDate, 0, 0, Role::kOther, [] { return "$.demographics.birth_date"; },
        [] { return "birth date"; }, *record.demographics.birth_date,
        record.demographics.birth_date_partial);
  }
  for (size_t i = 0; i < record.treatments.size(); ++i) {
    AddTreatmentSlots(record.treatments[i], i, slots);
  }
  for (size_t i = 0; i < record.assessments.size(); ++i) {
    const Administration& a = record.assessments[i];
    AddSlot(
        slots, Field::kAssessment, i, 0, Role::kOther,
        [&] {
          return fmt::format("$.assessments[instrument={}, date={}]", a.instrument,
                             RecordedText(a.date, a.date_partial));
        },
        [&] { return a.instrument + " assessment"; }, a.date, a.date_partial);
  }
  return slots;
}

PatientRecord WithDays(const PatientRecord& record, const std::vector<PartialDateSlot>& slots,
                       const std::vector<Date>& days) {
  PatientRecord moved = record;
  for (size_t i = 0; i < slots.size(); ++i) DayOf(moved, slots[i]) = days[i];
  for (Treatment& treatment : moved.treatments) RepairTrialDates(treatment, moved.as_of);
  SortAssessments(moved.assessments);
  return moved;
}

void MarkImputedDateEffects(const PatientRecord& record,
                            const std::function<Assessment(const PatientRecord&)>& assess,
                            Assessment& assessment) {
  const std::vector<PartialDateSlot> slots = PartialDateSlots(record);
  if (slots.empty()) return;
  const std::vector<Scenario> scenarios = Scenarios(slots);
  Runs runs{record, slots, assess, {assessment}, {nullptr}, {}};
  for (const Scenario& moved : scenarios) {
    runs.assessments.push_back(assess(WithDays(record, slots, moved.days)));
    runs.scenarios.push_back(&moved);
  }
  for (size_t t = 0; t < assessment.trials.size(); ++t) {
    assessment.trials[t].imputed_dates = EffectOf(runs, TrialReading(runs.assessments, t));
  }
  for (size_t m = 0; m < assessment.staging.size(); ++m) {
    ModelResult& model = assessment.staging[m];
    model.imputed_dates = EffectOf(runs, ModelReading(m));
    if (model.imputed_dates) model.provisional = true;
  }
  assessment.not_adequately_tried_imputed_dates = EffectOf(runs, UntriedReading(runs.assessments));
}

}  // namespace refract
