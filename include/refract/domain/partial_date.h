// Partial dates in the patient record (docs/patient-record.md, "Partial dates"). A date recorded to
// the month ("2024-04") or the year ("2024") only is imputed to one day, which the record's field
// holds; a PartialDate beside the field keeps how precise the record was and the days the date can
// be, so that every result an imputed day decides can be marked (app/imputed_dates.h).
//
// Imputation rule (knowledge/parameters.json dates.*, tag D): the middle of the period, the "mid"
// convention of the pharmaverse {admiral} ADaM tooling (impute_dtc_dt, date_imputation = "mid": a
// missing day is the 15th, a missing month and day 30 June), never after the data cut-off (there:
// max_dates; here: as_of).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "refract/base/date.h"

namespace refract {

// Present beside a date field recorded to the month or year only.
struct PartialDate {
  DatePrecision precision = DatePrecision::kMonth;
  Date earliest;  // the first day it can be: the period's first day, narrowed by the record's order
  Date latest;    // the last day: the period's last day, never after as_of, narrowed likewise

  friend bool operator==(const PartialDate&, const PartialDate&) = default;
};

// The day imputed for a partial date (knowledge parameters dates.imputed_*).
struct DateImputation {
  int day_of_month = 15;       // a month-only date: this day of the month
  int month_of_year = 6;       // a year-only date: this month ...
  int day_of_year_month = 30;  // ... and this day
};

struct ImputedDate {
  Date value;
  std::optional<PartialDate> partial;  // empty for a date recorded to the day
};

// A day stays as recorded. A month or a year is imputed by `rule` (a day beyond the month's last
// day becomes the last day), then kept in [first day, min(last day, as_of)].
// REQUIRES: recorded.first_day <= as_of (the reader reports a later date as an error).
ImputedDate Impute(RecordedDate recorded, const DateImputation& rule, Date as_of);

// The date as recorded: "2024-04" for a month-only date, "2024" for a year, else "YYYY-MM-DD".
std::string RecordedText(Date value, const std::optional<PartialDate>& partial);

// A partial date that decides a result, as the reports show it.
struct DecidingDate {
  std::string field;     // the record's JSON path: "$.treatments[0].start"
  std::string label;     // "T1 start", "episode onset"
  std::string recorded;  // "2024-04"
  Date imputed;
  Date earliest;
  Date latest;
};

// Set on a result (a trial's adequacy and outcome, a staging model's result, the never-adequately-
// tried list) that differs between the possible days of the record's partial dates.
struct ImputedDateEffect {
  std::vector<std::string> results;  // each distinct result; results[0] is at the imputed days
  std::vector<DecidingDate> dates;   // the partial dates that decide it
  // Where one day of the deciding dates is the boundary: "adequate if T1 start was on or before
  // 2024-04-14, not adequate from 2024-04-15"; else "".
  std::string condition;
};

}  // namespace refract
