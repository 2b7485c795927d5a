// Thase & Rush (1997), src/staging/thase_rush.cc: the stage from the set of failed classes
// (ComputeStage, "independent satisfaction" A3) exercised through records.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <vector>

#include "staging_fixture.h"

namespace refract {
namespace {

using staging_test::ExclusionOf;
using staging_test::FailedAd;
using staging_test::Stage;
using test_support::RecordBuilder;
using test_support::SessionCourse;
using ::testing::HasSubstr;

struct Drug {
  const char* id;
  double mg;
};

const std::map<std::string, Drug> kByClass = {
    {"ssri", {"sertraline", 50}}, {"ssri2", {"citalopram", 20}}, {"snri", {"venlafaxine", 150}},
    {"tca", {"imipramine", 150}}, {"maoi", {"phenelzine", 45}},  {"ndri", {"bupropion", 300}}};

struct StageCase {
  const char* name;
  std::vector<std::string> failed_classes;  // keys of kByClass, in order
  bool bilateral_ect;
  bool lenient;
  int expected_stage;
};

PatientRecord Record(const StageCase& c) {
  RecordBuilder builder;
  builder.Onset("2020-01-01").AsOf("2025-08-01");
  int month = 1;
  for (const std::string& key : c.failed_classes) {
    const Drug& drug = kByClass.at(key);
    const std::string start =
        "2020-" + std::string(month < 10 ? "0" : "") + std::to_string(month) + "-01";
    builder.Add(FailedAd("T" + std::to_string(month), drug.id, drug.mg, start));
    month += 2;
  }
  if (c.bilateral_ect) {
    builder.Add(SessionCourse("E1", TreatmentKind::kEct, "2021-06-01", "2021-07-15", 12)
                    .Laterality(EctLaterality::kBilateral)
                    .Judgement(OutcomeCategory::kNonresponse));
  }
  return builder.Build();
}

class ThaseRushStageTest : public ::testing::TestWithParam<StageCase> {};

TEST_P(ThaseRushStageTest, StageFollowsIndependentSatisfaction) {
  StagingOptions options;
  options.thase_rush_lenient = GetParam().lenient;
  const ModelResult result = Stage(Record(GetParam()), "thase_rush_1997", options);
  ASSERT_TRUE(result.stage.has_value());
  EXPECT_EQ(*result.stage, GetParam().expected_stage);
}

INSTANTIATE_TEST_SUITE_P(
    Stages, ThaseRushStageTest,
    ::testing::Values(
        StageCase{"NoFailure", {}, false, false, 0},
        StageCase{"OneClass", {"ssri"}, false, false, 1},
        StageCase{"TwoDrugsOneClass", {"ssri", "ssri2"}, false, false, 1},
        StageCase{"TwoClasses", {"ssri", "snri"}, false, false, 2},
        StageCase{"TcaAsSecondClassStrict", {"ssri", "tca"}, false, false, 2},
        StageCase{"TcaAsSecondClassLenient", {"ssri", "tca"}, false, true, 3},
        StageCase{"TwoClassesPlusTca", {"ssri", "snri", "tca"}, false, false, 3},
        StageCase{"MaoiWithoutTca", {"ssri", "snri", "maoi"}, false, false, 2},
        StageCase{"TcaMaoiAndOneClassStrict", {"ssri", "tca", "maoi"}, false, false, 3},
        StageCase{"TcaMaoiAndOneClassLenient", {"ssri", "tca", "maoi"}, false, true, 4},
        StageCase{"TwoClassesTcaMaoi", {"ssri", "snri", "tca", "maoi"}, false, false, 4},
        StageCase{"BilateralEctAfterStageFour", {"ssri", "ndri", "tca", "maoi"}, true, false, 5},
        StageCase{
            "BilateralEctBeforeStageFourAddsNothing", {"ssri", "snri", "tca"}, true, false, 3},
        StageCase{"BilateralEctAlone", {}, true, false, 0}),
    test_support::RowName{});

TEST(ThaseRushTest, SummaryUsesRomanNumerals) {
  EXPECT_EQ(Stage(Record({"", {"ssri", "snri", "tca", "maoi"}, false, false, 0}), "thase_rush_1997")
                .summary,
            "Stage IV");
}

TEST(ThaseRushTest, UnilateralEctIsExcludedWithReason) {
  const PatientRecord record =
      RecordBuilder()
          .Add(SessionCourse("E1", TreatmentKind::kEct, "2024-06-01", "2024-07-15", 12)
                   .Laterality(EctLaterality::kRightUnilateral)
                   .Judgement(OutcomeCategory::kNonresponse))
          .Build();
  EXPECT_EQ(ExclusionOf(Stage(record, "thase_rush_1997"), "E1"),
            "only a bilateral ECT course counts for Stage V");
}

TEST(ThaseRushTest, NextStepNamesTheMissingTrial) {
  const ModelResult result =
      Stage(Record({"", {"ssri", "snri"}, false, false, 0}), "thase_rush_1997");
  ASSERT_EQ(result.next_steps.size(), 1u);
  EXPECT_THAT(result.next_steps[0], HasSubstr("TCA"));
  EXPECT_THAT(result.next_steps[0], HasSubstr("Stage III"));
}

TEST(ThaseRushTest, StageFiveHasNoNextStep) {
  const ModelResult result =
      Stage(Record({"", {"ssri", "snri", "tca", "maoi"}, true, false, 0}), "thase_rush_1997");
  EXPECT_EQ(result.stage, 5);
  EXPECT_TRUE(result.next_steps.empty());
}

}  // namespace
}  // namespace refract
