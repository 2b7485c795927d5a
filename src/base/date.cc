#include "refract/base/date.h"

#include <cstdio>

namespace refract {
namespace {

bool ParseDigits(std::string_view text, int& out) {
  out = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    out = out * 10 + (c - '0');
  }
  return !text.empty();
}

}  // namespace

std::optional<Date> Date::Parse(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int year = 0, month = 0, day = 0;
  if (!ParseDigits(text.substr(0, 4), year) || !ParseDigits(text.substr(5, 2), month) ||
      !ParseDigits(text.substr(8, 2), day)) {
    return std::nullopt;
  }
  const std::chrono::year_month_day ymd{std::chrono::year(year),
                                        std::chrono::month(static_cast<unsigned>(month)),
                                        std::chrono::day(static_cast<unsigned>(day))};
  if (!ymd.ok()) return std::nullopt;
  return Date(std::chrono::sys_days(ymd));
}

// Written digit by digit for years 0-9999, every date a record can hold: population runs name
// millions of trials by their dates. Other years (only from date arithmetic) go through snprintf.
std::string Date::ToString() const {
  const std::chrono::year_month_day ymd(days_);
  const int year = static_cast<int>(ymd.year());
  const unsigned month = static_cast<unsigned>(ymd.month());
  const unsigned day = static_cast<unsigned>(ymd.day());
  if (year < 0 || year > 9999) {
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", year, month, day);
    return buffer;
  }
  const auto digit = [](unsigned value) { return static_cast<char>('0' + value % 10); };
  const auto y = static_cast<unsigned>(year);
  const char text[] = {
      digit(y / 1000),   digit(y / 100), digit(y / 10), digit(y),        '-',
      digit(month / 10), digit(month),   '-',           digit(day / 10), digit(day)};
  return std::string(text, sizeof text);
}

int DaysBetween(Date from, Date to) { return static_cast<int>((to.days() - from.days()).count()); }

Date AddDays(Date date, int days) { return Date(date.days() + std::chrono::days(days)); }

std::string_view ToString(DatePrecision precision) {
  switch (precision) {
    case DatePrecision::kDay:
      return "day";
    case DatePrecision::kMonth:
      return "month";
    case DatePrecision::kYear:
      return "year";
  }
  return "day";
}

std::optional<RecordedDate> ParseRecordedDate(std::string_view text) {
  if (text.size() == 10) {
    std::optional<Date> day = Date::Parse(text);
    if (!day) return std::nullopt;
    return RecordedDate{*day, DatePrecision::kDay};
  }
  int year = 0, month = 1;
  if (text.size() == 7) {
    if (text[4] != '-' || !ParseDigits(text.substr(5, 2), month) || month < 1 || month > 12) {
      return std::nullopt;
    }
  } else if (text.size() != 4) {
    return std::nullopt;
  }
  if (!ParseDigits(text.substr(0, 4), year)) return std::nullopt;
  const std::chrono::year_month_day first{std::chrono::year(year),
                                          std::chrono::month(static_cast<unsigned>(month)),
                                          std::chrono::day(1)};
  return RecordedDate{Date(std::chrono::sys_days(first)),
                      text.size() == 7 ? DatePrecision::kMonth : DatePrecision::kYear};
}

Date LastDayOf(RecordedDate recorded) {
  const std::chrono::year_month_day first(recorded.first_day.days());
  switch (recorded.precision) {
    case DatePrecision::kDay:
      return recorded.first_day;
    case DatePrecision::kMonth:
      return Date(std::chrono::sys_days(std::chrono::year_month_day_last(
          first.year(), std::chrono::month_day_last(first.month()))));
    case DatePrecision::kYear:
      return Date(std::chrono::sys_days(first.year() / std::chrono::December / 31));
  }
  return recorded.first_day;
}

std::string FormatAt(Date day, DatePrecision precision) {
  const std::string full = day.ToString();
  switch (precision) {
    case DatePrecision::kDay:
      return full;
    case DatePrecision::kMonth:
      return full.substr(0, 7);
    case DatePrecision::kYear:
      return full.substr(0, 4);
  }
  return full;
}

}  // namespace refract
