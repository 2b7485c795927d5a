#include "refract/app/imputed_dates.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "refract/domain/trial_dates.h"

namespace refract {
namespace {

using Field = PartialDateSlot::Field;
using Role = PartialDateSlot::Role;

void AddSlot(std::vector<PartialDateSlot>& slots, Field field, size_t index, size_t step, Role role,
             std::string path, std::string label, Date value,
             const std::optional<PartialDate>& partial) {
  if (!partial) return;
  slots.push_back({field, index, step, role,
                   DecidingDate{std::move(path), std::move(label), RecordedText(value, partial),
                                value, partial->earliest, partial->latest}});
}

void AddTreatmentSlots(const Treatment& t, size_t i, std::vector<PartialDateSlot>& slots) {
  const std::string path = fmt::format("$.treatments[{}]", i);
  AddSlot(slots, Field::kStart, i, 0, Role::kStart, path + ".start", t.id + " start", t.start,
          t.start_partial);
  for (size_t j = 0; j < t.doses.size(); ++j) {
    AddSlot(slots, Field::kDoseFrom, i, j, Role::kStart, fmt::format("{}.doses[{}].from", path, j),
            fmt::format("{} dose step {}", t.id, j + 1), t.doses[j].from, t.doses[j].from_partial);
  }
  if (t.end) {
    AddSlot(slots, Field::kEnd, i, 0, Role::kEnd, path + ".end", t.id + " end", *t.end,
            t.end_partial);
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

// The distinct results of one thing across the scenarios, the first at the imputed days, and the
// slots that change it, by the scope of the scenario that moved them.
struct Tracker {
  std::vector<std::string> keys;
  std::vector<std::string> results;
  std::map<Scope, std::set<size_t>> deciding;

  void Add(const std::string& key, const std::string& display, const Scenario* scenario) {
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
      keys.push_back(key);
      results.push_back(display);
    }
    if (scenario && key != keys.front()) {
      deciding[scenario->scope].insert(scenario->moved.begin(), scenario->moved.end());
    }
  }

  std::optional<ImputedDateEffect> Effect(const std::vector<PartialDateSlot>& slots) const {
    if (results.size() < 2) return std::nullopt;
    const std::set<size_t>* narrowest = nullptr;
    for (Scope scope : {Scope::kSingle, Scope::kTrial}) {
      auto it = deciding.find(scope);
      if (!narrowest && it != deciding.end() && !it->second.empty()) narrowest = &it->second;
    }
    ImputedDateEffect effect{results, {}};
    for (size_t i = 0; i < slots.size(); ++i) {
      if (!narrowest || narrowest->contains(i)) effect.dates.push_back(slots[i].date);
    }
    return effect;
  }
};

std::string Adequacy(const TrialReport& trial) {
  if (!trial.adequacy.applicable) return "n/a";
  return trial.adequacy.adequate ? "adequate" : "not adequate";
}

std::string Outcome(const TrialReport& trial) {
  return fmt::format("outcome {}", ToString(trial.outcome.category));
}

// One trial's verdict and outcome across the runs; a result names only the parts that vary.
std::optional<ImputedDateEffect> TrialEffect(const std::vector<Assessment>& runs, size_t t,
                                             const std::vector<const Scenario*>& scenario,
                                             const std::vector<PartialDateSlot>& slots) {
  bool adequacy_varies = false, outcome_varies = false;
  for (const Assessment& run : runs) {
    adequacy_varies = adequacy_varies || Adequacy(run.trials[t]) != Adequacy(runs[0].trials[t]);
    outcome_varies = outcome_varies || Outcome(run.trials[t]) != Outcome(runs[0].trials[t]);
  }
  Tracker tracker;
  for (size_t r = 0; r < runs.size(); ++r) {
    const TrialReport& trial = runs[r].trials[t];
    std::vector<std::string> parts;
    if (adequacy_varies) parts.push_back(Adequacy(trial));
    if (outcome_varies) parts.push_back(Outcome(trial));
    const std::string result = fmt::format("{}", fmt::join(parts, ", "));
    tracker.Add(result, result, scenario[r]);
  }
  return tracker.Effect(slots);
}

std::string ModelKey(const ModelResult& model) {
  return fmt::format("{}|{}|{}|{}|{}", model.summary, model.stage.value_or(-1),
                     model.score.value_or(-1), model.category.value_or(""),
                     model.meets ? (*model.meets ? 1 : 0) : -1);
}

std::vector<std::string> UntriedIds(const Assessment& assessment) {
  std::vector<std::string> ids;
  for (const UntriedClass& entry : assessment.not_adequately_tried) ids.push_back(entry.id);
  return ids;
}

// The never-adequately-tried lists in words: for each distinct list, the classes some lists name
// and others do not, and whether this list names them.
std::optional<ImputedDateEffect> UntriedEffect(const std::vector<Assessment>& runs,
                                               const std::vector<const Scenario*>& scenario,
                                               const std::vector<PartialDateSlot>& slots) {
  std::map<std::string, std::string> labels;
  std::map<std::string, size_t> listed;
  for (const Assessment& run : runs) {
    for (const UntriedClass& entry : run.not_adequately_tried) {
      labels[entry.id] = entry.label;
      ++listed[entry.id];
    }
  }
  Tracker tracker;
  for (size_t r = 0; r < runs.size(); ++r) {
    const std::vector<std::string> ids = UntriedIds(runs[r]);
    std::vector<std::string> words;
    for (const auto& [id, count] : listed) {
      if (count == runs.size()) continue;
      const bool named = std::find(ids.begin(), ids.end(), id) != ids.end();
      words.push_back(labels[id] + (named ? " never adequately tried" : " adequately tried"));
    }
    tracker.Add(fmt::format("{}", fmt::join(ids, ",")), fmt::format("{}", fmt::join(words, ", ")),
                scenario[r]);
  }
  return tracker.Effect(slots);
}

}  // namespace

std::vector<PartialDateSlot> PartialDateSlots(const PatientRecord& record) {
  std::vector<PartialDateSlot> slots;
  AddSlot(slots, Field::kOnset, 0, 0, Role::kStart, "$.episode.onset", "episode onset",
          record.episode.onset, record.episode.onset_partial);
  if (record.demographics.birth_date) {
    AddSlot(slots, Field::kBirthDate, 0, 0, Role::kOther, "$.demographics.birth_date", "birth date",
            *record.demographics.birth_date, record.demographics.birth_date_partial);
  }
  for (size_t i = 0; i < record.treatments.size(); ++i) {
    AddTreatmentSlots(record.treatments[i], i, slots);
  }
  for (size_t i = 0; i < record.assessments.size(); ++i) {
    const Administration& a = record.assessments[i];
    const std::string recorded = RecordedText(a.date, a.date_partial);
    AddSlot(slots, Field::kAssessment, i, 0, Role::kOther,
            fmt::format("$.assessments[instrument={}, date={}]", a.instrument, recorded),
            a.instrument + " assessment", a.date, a.date_partial);
  }
  return slots;
}

PatientRecord WithDays(const PatientRecord& record, const std::vector<PartialDateSlot>& slots,
                       const std::vector<Date>& days) {
  PatientRecord moved = record;
  for (size_t i = 0; i < slots.size(); ++i) DayOf(moved, slots[i]) = days[i];
  for (Treatment& treatment : moved.treatments) RepairTrialDates(treatment, moved.as_of);
  std::stable_sort(
      moved.assessments.begin(), moved.assessments.end(),
      [](const Administration& a, const Administration& b) { return a.date < b.date; });
  return moved;
}

void MarkImputedDateEffects(const PatientRecord& record,
                            const std::function<Assessment(const PatientRecord&)>& assess,
                            Assessment& assessment) {
  const std::vector<PartialDateSlot> slots = PartialDateSlots(record);
  if (slots.empty()) return;
  const std::vector<Scenario> scenarios = Scenarios(slots);
  std::vector<Assessment> runs = {assessment};
  std::vector<const Scenario*> scenario = {nullptr};
  for (const Scenario& moved : scenarios) {
    runs.push_back(assess(WithDays(record, slots, moved.days)));
    scenario.push_back(&moved);
  }
  for (size_t t = 0; t < assessment.trials.size(); ++t) {
    assessment.trials[t].imputed_dates = TrialEffect(runs, t, scenario, slots);
  }
  for (size_t m = 0; m < assessment.staging.size(); ++m) {
    Tracker tracker;
    for (size_t r = 0; r < runs.size(); ++r) {
      tracker.Add(ModelKey(runs[r].staging[m]), runs[r].staging[m].summary, scenario[r]);
    }
    ModelResult& model = assessment.staging[m];
    model.imputed_dates = tracker.Effect(slots);
    if (model.imputed_dates) model.provisional = true;
  }
  assessment.not_adequately_tried_imputed_dates = UntriedEffect(runs, scenario, slots);
}

}  // namespace refract
