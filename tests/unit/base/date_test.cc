#include "refract/base/date.h"

#include <gtest/gtest.h>

namespace refract {
namespace {

TEST(DateTest, ParsesIsoCalendarDate) {
  auto date = Date::Parse("2024-02-29");
  ASSERT_TRUE(date.has_value());
  EXPECT_EQ(date->ToString(), "2024-02-29");
}

TEST(DateTest, WritesEveryYearWithFourDigitsAndRoundTrips) {
  EXPECT_EQ(Date::Parse("0999-01-05")->ToString(), "0999-01-05");
  EXPECT_EQ(Date::Parse("0000-01-01")->ToString(), "0000-01-01");
  EXPECT_EQ(Date::Parse("9999-12-31")->ToString(), "9999-12-31");
  EXPECT_EQ(AddDays(*Date::Parse("9999-12-31"), 1).ToString(), "10000-01-01");
  for (Date day = *Date::Parse("1800-01-01"); day < *Date::Parse("2200-12-31");
       day = AddDays(day, 1)) {
    ASSERT_EQ(Date::Parse(day.ToString()), day) << day.ToString();
  }
}

TEST(DateTest, RejectsImpossibleDays) {
  EXPECT_FALSE(Date::Parse("2023-02-29").has_value());
  EXPECT_FALSE(Date::Parse("2024-13-01").has_value());
  EXPECT_FALSE(Date::Parse("2024-04-31").has_value());
}

TEST(DateTest, RejectsOtherShapes) {
  EXPECT_FALSE(Date::Parse("2024-2-01").has_value());
  EXPECT_FALSE(Date::Parse("2024/02/01").has_value());
  EXPECT_FALSE(Date::Parse("20240201").has_value());
  EXPECT_FALSE(Date::Parse("2024-02-01T00:00").has_value());
  EXPECT_FALSE(Date::Parse("").has_value());
}

TEST(DateTest, CountsDaysAcrossLeapYear) {
  auto from = *Date::Parse("2024-01-01");
  auto to = *Date::Parse("2025-01-01");
  EXPECT_EQ(DaysBetween(from, to), 366);
  EXPECT_EQ(DaysBetween(to, from), -366);
  EXPECT_EQ(AddDays(from, 366), to);
}

TEST(RecordedDateTest, ReadsDayMonthAndYear) {
  const auto day = ParseRecordedDate("2024-02-29");
  ASSERT_TRUE(day.has_value());
  EXPECT_EQ(day->precision, DatePrecision::kDay);
  EXPECT_EQ(day->first_day.ToString(), "2024-02-29");
  const auto month = ParseRecordedDate("2024-04");
  ASSERT_TRUE(month.has_value());
  EXPECT_EQ(month->precision, DatePrecision::kMonth);
  EXPECT_EQ(month->first_day.ToString(), "2024-04-01");
  const auto year = ParseRecordedDate("2023");
  ASSERT_TRUE(year.has_value());
  EXPECT_EQ(year->precision, DatePrecision::kYear);
  EXPECT_EQ(year->first_day.ToString(), "2023-01-01");
}

TEST(RecordedDateTest, RejectsOtherForms) {
  for (const char* text : {"2024-13", "2024-00", "2024-4", "24", "202", "2024-", "2024/04",
                           "2024-04-", "2023-02-29", "2024-04-31", "april", "", "20240"}) {
    EXPECT_FALSE(ParseRecordedDate(text).has_value()) << text;
  }
}

TEST(RecordedDateTest, LastDayOfThePeriod) {
  EXPECT_EQ(LastDayOf(*ParseRecordedDate("2024-02")).ToString(), "2024-02-29");
  EXPECT_EQ(LastDayOf(*ParseRecordedDate("2023-02")).ToString(), "2023-02-28");
  EXPECT_EQ(LastDayOf(*ParseRecordedDate("2024-04")).ToString(), "2024-04-30");
  EXPECT_EQ(LastDayOf(*ParseRecordedDate("2024")).ToString(), "2024-12-31");
  EXPECT_EQ(LastDayOf(*ParseRecordedDate("2024-04-07")).ToString(), "2024-04-07");
}

TEST(RecordedDateTest, FormatsAtItsPrecision) {
  const Date day = *Date::Parse("2024-04-15");
  EXPECT_EQ(FormatAt(day, DatePrecision::kDay), "2024-04-15");
  EXPECT_EQ(FormatAt(day, DatePrecision::kMonth), "2024-04");
  EXPECT_EQ(FormatAt(day, DatePrecision::kYear), "2024");
  EXPECT_EQ(ToString(DatePrecision::kMonth), "month");
}

}  // namespace
}  // namespace refract
