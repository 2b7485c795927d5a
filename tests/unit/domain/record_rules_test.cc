// The rules across a record's fields (domain/record_rules.h): one canonical order, and the
// reference and date checks every adapter's record goes through.
#include "refract/domain/record_rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "record_builder.h"

namespace refract {
namespace {

using test_support::D;
using test_support::RecordBuilder;
using test_support::TreatmentBuilder;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

Administration Phq9(std::string_view date, int item9) {
  Administration administration;
  administration.instrument = "phq9";
  administration.date = D(date);
  administration.items = {1, 1, 1, 1, 1, 1, 1, 1, item9};
  return administration;
}

PatientRecord TwoTrials() {
  return RecordBuilder()
      .AsOf("2025-06-01")
      .Onset("2024-01-01")
      .Add(TreatmentBuilder("b", TreatmentKind::kAntidepressant)
               .Agent("sertraline")
               .Start("2024-06-01")
               .Dose("2024-06-01", 50)
               .Dose("2024-07-01", 100)
               .Build())
      .Add(TreatmentBuilder("a", TreatmentKind::kAntidepressant)
               .Agent("citalopram")
               .Start("2024-02-01")
               .End("2024-05-01")
               .Dose("2024-02-01", 20)
               .Build())
      .Build();
}

std::vector<std::string> Paths(const Status& status) {
  std::vector<std::string> paths;
  for (const FieldError& error : status.details()) paths.push_back(error.path);
  return paths;
}

TEST(NormalizeRecordTest, SortsTreatmentsDoseStepsAssessmentsAndPreferences) {
  PatientRecord record = TwoTrials();
  std::swap(record.treatments[0].doses[0], record.treatments[0].doses[1]);
  record.assessments = {Phq9("2025-05-01", 0), Phq9("2025-01-01", 2), Phq9("2025-05-01", 3)};
  record.preferences.prefers = {"cbt", "bupropion_augmentation"};
  NormalizeRecord(record);
  EXPECT_EQ(record.treatments[0].id, "a");
  EXPECT_EQ(record.treatments[1].doses[0].from, D("2024-06-01"));
  EXPECT_EQ(record.assessments[0].date, D("2025-01-01"));
  EXPECT_EQ(record.assessments[1].items[8], 0);  // same day: ordered by the items
  EXPECT_EQ(record.assessments[2].items[8], 3);
  EXPECT_THAT(record.preferences.prefers, ElementsAre("bupropion_augmentation", "cbt"));
}

TEST(NormalizeRecordTest, AnyOrderGivesTheSameRecord) {
  PatientRecord record = TwoTrials();
  record.assessments = {Phq9("2025-05-01", 0), Phq9("2025-01-01", 2), Phq9("2025-05-01", 3)};
  PatientRecord reversed = record;
  std::reverse(reversed.treatments.begin(), reversed.treatments.end());
  std::reverse(reversed.assessments.begin(), reversed.assessments.end());
  NormalizeRecord(record);
  NormalizeRecord(reversed);
  ASSERT_EQ(record.treatments.size(), reversed.treatments.size());
  for (size_t i = 0; i < record.treatments.size(); ++i) {
    EXPECT_EQ(record.treatments[i].id, reversed.treatments[i].id);
  }
  for (size_t i = 0; i < record.assessments.size(); ++i) {
    EXPECT_EQ(record.assessments[i].items, reversed.assessments[i].items);
  }
}

TEST(ValidateRecordTest, AValidRecordPasses) { EXPECT_TRUE(ValidateRecord(TwoTrials()).ok()); }

TEST(ValidateRecordTest, ReportsReferencesWithTheirPaths) {
  PatientRecord record = TwoTrials();
  record.treatments[1].id = "b";
  Administration tagged = Phq9("2025-01-01", 0);
  tagged.treatment = "missing";
  record.assessments = {tagged};
  record.preferences = {{"cbt"}, {"cbt"}};
  const Status status = ValidateRecord(record);
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(Paths(status),
              ElementsAre("$.preferences", "$.treatments[1].id", "$.assessments[0].treatment"));
}

TEST(ValidateRecordTest, ReportsDatesWithTheirPaths) {
  PatientRecord record = TwoTrials();
  record.treatments[1].end = D("2024-01-15");            // before its start
  record.treatments[0].doses[1].from = D("2024-06-01");  // not after the step before it
  record.assessments = {Phq9("2025-07-01", 0)};          // after as_of
  const Status status = ValidateRecord(record);
  EXPECT_THAT(Paths(status), ElementsAre("$.treatments[0].doses[1].from", "$.treatments[1].end",
                                         "$.treatments[1].doses[0].from", "$.assessments[0].date"));
  EXPECT_THAT(ValidateRecord(TwoTrials()).details(), IsEmpty());
}

}  // namespace
}  // namespace refract
