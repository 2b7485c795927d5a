#include "refract/base/date.h"

#include <gtest/gtest.h>

namespace refract {
namespace {

TEST(DateTest, ParsesIsoCalendarDate) {
  auto date = Date::Parse("2024-02-29");
  ASSERT_TRUE(date.has_value());
  EXPECT_EQ(date->ToString(), "2024-02-29");
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

}  // namespace
}  // namespace refract
