// Which results the days imputed for partial dates decide (docs/patient-record.md, "Partial dates";
// docs/assessment-output.md, `imputed_date_decides`).
//
// A record date given as "YYYY-MM" or "YYYY" holds an imputed day and keeps its possible days
// (domain/partial_date.h). The assessment is repeated with every partial date moved within its
// possible days:
//   - all at the earliest; all at the latest;
//   - longest durations: episode onset, trial starts and dose steps at the earliest, trial ends at
//     the latest (other dates at the imputed day);
//   - shortest durations: starts, onset and dose steps at the latest, ends at the earliest;
//   - each partial date alone at its earliest and at its latest (this names the dates that decide).
// Each moved record is kept valid (domain/trial_dates.h RepairTrialDates; assessments re-sorted by
// date). What a clinician reads is compared with the assessment at the imputed days: each trial's
// adequacy verdict and outcome, each staging model's result (stage, score, category, meets) and
// the never-adequately-tried list. Whatever differs is marked with an ImputedDateEffect; a model so
// marked is also `provisional`. Results no possible day changes are not marked. Where the deciding
// dates share one range (a month) and one role, they are also moved together day by day to find the
// boundary day, if there is exactly one ("adequate if T1 start was on or before 2024-04-14").
// Pure: no I/O, no clock.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "refract/app/assess.h"

namespace refract {

// One partial date of a record and how the scenarios move it.
struct PartialDateSlot {
  enum class Role { kStart, kEnd, kOther };  // kStart: onset, trial start, dose step
  enum class Field { kOnset, kBirthDate, kStart, kEnd, kDoseFrom, kAssessment };
  Field field = Field::kOnset;
  size_t index = 0;  // the treatment or assessment
  size_t step = 0;   // the dose step
  Role role = Role::kOther;
  DecidingDate date;  // path, label, recorded text, imputed day and possible days
};

// Every partial date of the record, in record order (episode, demographics, treatments with their
// dose steps, assessments).
std::vector<PartialDateSlot> PartialDateSlots(const PatientRecord& record);

// A copy of `record` with slots[i] at days[i], then made valid again. REQUIRES: days.size() ==
// slots.size(); the slots come from PartialDateSlots(record).
PatientRecord WithDays(const PatientRecord& record, const std::vector<PartialDateSlot>& slots,
                       const std::vector<Date>& days);

// Marks in `assessment` (the result of `assess(record)`) every result the imputed days decide.
// Does nothing for a record without partial dates.
void MarkImputedDateEffects(const PatientRecord& record,
                            const std::function<Assessment(const PatientRecord&)>& assess,
                            Assessment& assessment);

}  // namespace refract
