#include "refract/domain/partial_date.h"

#include <algorithm>

namespace refract {
namespace {

Date DayOfMonth(Date first_day, int day) {
  const Date last = LastDayOf({first_day, DatePrecision::kMonth});
  return std::min(AddDays(first_day, day - 1), last);
}

}  // namespace

ImputedDate Impute(RecordedDate recorded, const DateImputation& rule, Date as_of) {
  if (recorded.precision == DatePrecision::kDay) return {recorded.first_day, std::nullopt};
  const Date latest = std::min(LastDayOf(recorded), as_of);
  Date value;
  if (recorded.precision == DatePrecision::kMonth) {
    value = DayOfMonth(recorded.first_day, rule.day_of_month);
  } else {
    const std::chrono::year_month_day first(recorded.first_day.days());
    const Date month_start(std::chrono::sys_days(
        first.year() / std::chrono::month(static_cast<unsigned>(rule.month_of_year)) / 1));
    value = DayOfMonth(month_start, rule.day_of_year_month);
  }
  value = std::clamp(value, recorded.first_day, latest);
  return {value, PartialDate{recorded.precision, recorded.first_day, latest}};
}

std::string RecordedText(Date value, const std::optional<PartialDate>& partial) {
  return FormatAt(value, partial ? partial->precision : DatePrecision::kDay);
}

}  // namespace refract
