// The order of a trial's dates when some are partial (domain/trial_dates.h).
#include "refract/domain/trial_dates.h"

#include <gtest/gtest.h>

namespace refract {
namespace {

Date D(const char* text) { return *Date::Parse(text); }

PartialDate April() { return {DatePrecision::kMonth, D("2024-04-01"), D("2024-04-30")}; }

DoseStep Step(const char* from, std::optional<PartialDate> partial = std::nullopt) {
  DoseStep step;
  step.from = D(from);
  step.mg_per_day = 100;
  step.from_partial = partial;
  return step;
}

TEST(ConstrainTrialDatesTest, StartInTheMonthOfAnEarlierEndIsClamped) {
  Treatment t;
  t.start = D("2024-04-15");
  t.start_partial = April();
  t.end = D("2024-04-10");
  ConstrainTrialDates(t);
  EXPECT_EQ(t.start, D("2024-04-10"));
  EXPECT_EQ(t.start_partial->earliest, D("2024-04-01"));
  EXPECT_EQ(t.start_partial->latest, D("2024-04-10"));
}

TEST(ConstrainTrialDatesTest, EndInTheMonthOfALaterStartIsClamped) {
  Treatment t;
  t.start = D("2024-04-20");
  t.end = D("2024-04-15");
  t.end_partial = April();
  ConstrainTrialDates(t);
  EXPECT_EQ(*t.end, D("2024-04-20"));
  EXPECT_EQ(t.end_partial->earliest, D("2024-04-20"));
  EXPECT_EQ(t.end_partial->latest, D("2024-04-30"));
}

TEST(ConstrainTrialDatesTest, DoseStepsBoundThePartialStart) {
  Treatment t;
  t.start = D("2024-04-15");
  t.start_partial = April();
  t.doses = {Step("2024-04-03")};
  ConstrainTrialDates(t);
  EXPECT_EQ(t.start, D("2024-04-03"));
  EXPECT_EQ(t.start_partial->latest, D("2024-04-03"));
}

TEST(ConstrainTrialDatesTest, ImpossibleRangeIsLeftForTheReader) {
  Treatment t;
  t.start = D("2024-05-10");
  t.end = D("2024-04-15");
  t.end_partial = April();
  ConstrainTrialDates(t);
  EXPECT_EQ(*t.end, D("2024-04-15"));
  EXPECT_EQ(t.end_partial, April());
}

TEST(RepairTrialDatesTest, InvertedEndBecomesTheStart) {
  Treatment t;
  t.start = D("2024-04-30");
  t.end = D("2024-04-01");
  RepairTrialDates(t, D("2024-09-01"));
  EXPECT_EQ(*t.end, D("2024-04-30"));
}

TEST(RepairTrialDatesTest, DoseStepsStayWithinTheTrialInOrder) {
  Treatment t;
  t.start = D("2024-04-20");
  t.end = D("2024-06-01");
  t.doses = {Step("2024-04-01"), Step("2024-04-10"), Step("2024-07-01")};
  RepairTrialDates(t, D("2024-09-01"));
  EXPECT_EQ(t.doses[0].from, D("2024-04-20"));
  EXPECT_EQ(t.doses[1].from, D("2024-04-21"));
  EXPECT_EQ(t.doses[2].from, D("2024-06-01"));
}

}  // namespace
}  // namespace refract
