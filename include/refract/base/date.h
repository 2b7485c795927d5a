// Civil dates for clinical records: ISO-8601 calendar dates (YYYY-MM-DD), no time zone, no clock.
//
// The core never reads the clock: "today" is always the record's `as_of` date, passed in.
#pragma once

#include <chrono>
#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace refract {

class Date {
 public:
  constexpr Date() = default;
  constexpr explicit Date(std::chrono::sys_days days) : days_(days) {}

  // Parses exactly "YYYY-MM-DD" with a valid calendar day (leap years respected); nullopt
  // otherwise.
  static std::optional<Date> Parse(std::string_view text);

  std::string ToString() const;  // "YYYY-MM-DD"
  std::chrono::sys_days days() const { return days_; }

  friend constexpr auto operator<=>(const Date&, const Date&) = default;

 private:
  std::chrono::sys_days days_{};
};

// Whole days from `from` to `to` (negative when `to` is earlier).
int DaysBetween(Date from, Date to);

// Adds whole days.
Date AddDays(Date date, int days);

// How precisely a date was recorded: the day, the month only ("YYYY-MM") or the year only ("YYYY").
enum class DatePrecision { kDay, kMonth, kYear };

std::string_view ToString(DatePrecision precision);  // "day", "month", "year"

// A date as recorded: the first day of the period it names, and its precision.
struct RecordedDate {
  Date first_day;
  DatePrecision precision = DatePrecision::kDay;
};

// Parses exactly "YYYY-MM-DD" (a valid calendar day), "YYYY-MM" (month 01-12) or "YYYY"; nullopt
// otherwise.
std::optional<RecordedDate> ParseRecordedDate(std::string_view text);

// The last day of the period that starts at `first_day` (itself for day precision).
Date LastDayOf(RecordedDate recorded);

// The period that contains `day` at `precision`, as recorded: "2024-04-15" (day), "2024-04"
// (month), "2024" (year).
std::string FormatAt(Date day, DatePrecision precision);

}  // namespace refract
