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

}  // namespace refract
