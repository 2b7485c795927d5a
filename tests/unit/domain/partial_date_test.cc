// Imputation of partial record dates (domain/partial_date.h): mid-month, mid-year, never after
// as_of.
#include "refract/domain/partial_date.h"

#include <gtest/gtest.h>

namespace refract {
namespace {

Date D(const char* text) { return *Date::Parse(text); }

ImputedDate ImputeText(const char* text, const char* as_of, DateImputation rule = {}) {
  return Impute(*ParseRecordedDate(text), rule, D(as_of));
}

TEST(ImputeTest, DayStaysAsRecorded) {
  const ImputedDate day = ImputeText("2024-04-03", "2024-09-01");
  EXPECT_EQ(day.value, D("2024-04-03"));
  EXPECT_FALSE(day.partial.has_value());
}

TEST(ImputeTest, MonthIsImputedToMidMonth) {
  const ImputedDate month = ImputeText("2024-04", "2024-09-01");
  EXPECT_EQ(month.value, D("2024-04-15"));
  ASSERT_TRUE(month.partial.has_value());
  EXPECT_EQ(month.partial->precision, DatePrecision::kMonth);
  EXPECT_EQ(month.partial->earliest, D("2024-04-01"));
  EXPECT_EQ(month.partial->latest, D("2024-04-30"));
}

TEST(ImputeTest, YearIsImputedToMidYear) {
  const ImputedDate year = ImputeText("2023", "2024-09-01");
  EXPECT_EQ(year.value, D("2023-06-30"));
  ASSERT_TRUE(year.partial.has_value());
  EXPECT_EQ(year.partial->precision, DatePrecision::kYear);
  EXPECT_EQ(year.partial->earliest, D("2023-01-01"));
  EXPECT_EQ(year.partial->latest, D("2023-12-31"));
}

TEST(ImputeTest, NeverAfterAsOf) {
  const ImputedDate month = ImputeText("2024-04", "2024-04-10");
  EXPECT_EQ(month.value, D("2024-04-10"));
  EXPECT_EQ(month.partial->latest, D("2024-04-10"));
  const ImputedDate year = ImputeText("2024", "2024-03-01");
  EXPECT_EQ(year.value, D("2024-03-01"));
  EXPECT_EQ(year.partial->latest, D("2024-03-01"));
}

TEST(ImputeTest, FollowsTheRuleAndStaysInTheMonth) {
  EXPECT_EQ(ImputeText("2023-02", "2024-09-01", {.day_of_month = 30}).value, D("2023-02-28"));
  EXPECT_EQ(ImputeText("2023", "2024-09-01", {.month_of_year = 7, .day_of_year_month = 1}).value,
            D("2023-07-01"));
}

TEST(RecordedTextTest, ShowsThePrecisionRecorded) {
  const PartialDate month{DatePrecision::kMonth, D("2024-04-01"), D("2024-04-30")};
  EXPECT_EQ(RecordedText(D("2024-04-15"), month), "2024-04");
  EXPECT_EQ(RecordedText(D("2024-04-15"), std::nullopt), "2024-04-15");
}

}  // namespace
}  // namespace refract
