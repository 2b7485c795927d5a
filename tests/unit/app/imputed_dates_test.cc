// The sensitivity of an assessment to imputed days (app/imputed_dates.h), with a stand-in for the
// assessment so that the marking itself is tested; the clinical vignettes 42-45 run the real one.
#include "refract/app/imputed_dates.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace refract {
namespace {

using ::testing::ElementsAre;

Date D(const char* text) { return *Date::Parse(text); }

PartialDate Month(const char* first, const char* last) {
  return {DatePrecision::kMonth, D(first), D(last)};
}

// Onset 2024-01 (imputed 01-15), T1 from 2024-04 (04-15) to 2024-05 (05-15), a PHQ-9 in 2024-06.
PatientRecord PartialRecord() {
  PatientRecord record;
  record.as_of = D("2024-09-02");
  record.episode.onset = D("2024-01-15");
  record.episode.onset_partial = Month("2024-01-01", "2024-01-31");
  Treatment t1;
  t1.id = "T1";
  t1.start = D("2024-04-15");
  t1.start_partial = Month("2024-04-01", "2024-04-30");
  t1.end = D("2024-05-15");
  t1.end_partial = Month("2024-05-01", "2024-05-31");
  record.treatments = {t1};
  Administration early, partial;
  early.instrument = partial.instrument = "phq9";
  early.date = D("2024-06-10");
  partial.date = D("2024-06-15");
  partial.date_partial = Month("2024-06-01", "2024-06-30");
  record.assessments = {early, partial};
  return record;
}

// A stand-in assessment: T1 is "adequate" when it lasted >= 42 days; one model's summary names
// the onset month day band; the list names "ad_ssri" unless T1 is adequate.
Assessment StandIn(const PatientRecord& record) {
  Assessment assessment;
  TrialReport trial;
  trial.id = "T1";
  trial.adequacy.adequate =
      DaysBetween(record.treatments[0].start, *record.treatments[0].end) >= 42;
  assessment.trials = {trial};
  ModelResult onset;
  onset.summary = record.episode.onset <= D("2024-01-10") ? "early onset" : "later onset";
  ModelResult fixed;
  fixed.summary = "unchanged";
  assessment.staging = {onset, fixed};
  if (!trial.adequacy.adequate) assessment.not_adequately_tried = {{"ad_ssri", "SSRI", true, {}}};
  return assessment;
}

std::vector<std::string> Fields(const std::optional<ImputedDateEffect>& effect) {
  std::vector<std::string> fields;
  if (effect) {
    for (const DecidingDate& date : effect->dates) fields.push_back(date.field);
  }
  return fields;
}

TEST(PartialDateSlotsTest, ListsEveryPartialDateWithItsRole) {
  const std::vector<PartialDateSlot> slots = PartialDateSlots(PartialRecord());
  ASSERT_EQ(slots.size(), 4u);
  EXPECT_EQ(slots[0].date.field, "$.episode.onset");
  EXPECT_EQ(slots[0].role, PartialDateSlot::Role::kStart);
  EXPECT_EQ(slots[1].date.field, "$.treatments[0].start");
  EXPECT_EQ(slots[1].date.recorded, "2024-04");
  EXPECT_EQ(slots[1].date.imputed, D("2024-04-15"));
  EXPECT_EQ(slots[2].date.field, "$.treatments[0].end");
  EXPECT_EQ(slots[2].role, PartialDateSlot::Role::kEnd);
  EXPECT_EQ(slots[3].date.label, "phq9 assessment");
  EXPECT_EQ(slots[3].date.recorded, "2024-06");
  EXPECT_EQ(slots[3].role, PartialDateSlot::Role::kOther);
}

TEST(WithDaysTest, MovesTheDatesAndKeepsTheRecordValid) {
  const PatientRecord record = PartialRecord();
  const std::vector<PartialDateSlot> slots = PartialDateSlots(record);
  const PatientRecord moved =
      WithDays(record, slots, {D("2024-01-01"), D("2024-04-30"), D("2024-04-30"), D("2024-06-01")});
  EXPECT_EQ(moved.episode.onset, D("2024-01-01"));
  EXPECT_EQ(moved.treatments[0].start, D("2024-04-30"));
  EXPECT_EQ(*moved.treatments[0].end, D("2024-04-30"));
  EXPECT_EQ(moved.assessments[0].date, D("2024-06-01"));  // re-sorted by date
  EXPECT_EQ(moved.assessments[1].date, D("2024-06-10"));
}

TEST(MarkImputedDateEffectsTest, MarksWhatThePossibleDaysChangeAndNamesTheDates) {
  const PatientRecord record = PartialRecord();
  Assessment assessment = StandIn(record);
  MarkImputedDateEffects(record, StandIn, assessment);
  // 2024-04-15 -> 2024-05-15 = 30 d: not adequate; 04-01 -> 05-31 = 60 d: adequate.
  ASSERT_TRUE(assessment.trials[0].imputed_dates.has_value());
  EXPECT_THAT(assessment.trials[0].imputed_dates->results, ElementsAre("not adequate", "adequate"));
  // The end alone at 05-31 gives 46 d and the start alone at 04-01 44 d: both decide.
  EXPECT_THAT(Fields(assessment.trials[0].imputed_dates),
              ElementsAre("$.treatments[0].start", "$.treatments[0].end"));
  // A start and an end move in opposite directions: no single boundary day to state.
  EXPECT_EQ(assessment.trials[0].imputed_dates->condition, "");
  ASSERT_TRUE(assessment.staging[0].imputed_dates.has_value());
  EXPECT_TRUE(assessment.staging[0].provisional);
  EXPECT_THAT(assessment.staging[0].imputed_dates->results,
              ElementsAre("later onset", "early onset"));
  EXPECT_THAT(Fields(assessment.staging[0].imputed_dates), ElementsAre("$.episode.onset"));
  EXPECT_EQ(assessment.staging[0].imputed_dates->condition,
            "early onset if episode onset was on or before 2024-01-10, later onset from "
            "2024-01-11");
  EXPECT_FALSE(assessment.staging[1].imputed_dates.has_value());
  EXPECT_FALSE(assessment.staging[1].provisional);
  ASSERT_TRUE(assessment.not_adequately_tried_imputed_dates.has_value());
  EXPECT_THAT(assessment.not_adequately_tried_imputed_dates->results,
              ElementsAre("SSRI never adequately tried", "SSRI adequately tried"));
}

TEST(MarkImputedDateEffectsTest, RecordWithoutPartialDatesIsNotReassessed) {
  PatientRecord record = PartialRecord();
  record.episode.onset_partial.reset();
  record.treatments[0].start_partial.reset();
  record.treatments[0].end_partial.reset();
  record.assessments[1].date_partial.reset();
  int calls = 0;
  Assessment assessment = StandIn(record);
  MarkImputedDateEffects(
      record,
      [&](const PatientRecord& moved) {
        ++calls;
        return StandIn(moved);
      },
      assessment);
  EXPECT_EQ(calls, 0);
  EXPECT_FALSE(assessment.trials[0].imputed_dates.has_value());
}

}  // namespace
}  // namespace refract
