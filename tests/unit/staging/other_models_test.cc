// Edge logic of the remaining models not pinned down by the vignettes: European (distinct classes),
// MGH (dose optimisation, ECT points), Conway (psychotherapy as a class), two-failure (oral only,
// EMA variant), Sforzini (PRD, ECT option), DM-TRD (incomplete, always provisional).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "staging_fixture.h"

namespace refract {
namespace {

using staging_test::ExclusionOf;
using staging_test::FailedAd;
using staging_test::Stage;
using test_support::AdTrial;
using test_support::PsychotherapyTrial;
using test_support::RecordBuilder;
using test_support::SessionCourse;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

PatientRecord TwoSsriFailures() {
  return RecordBuilder()
      .Add(FailedAd("T1", "sertraline", 50, "2024-02-01"))
      .Add(FailedAd("T2", "citalopram", 20, "2024-05-01"))
      .Build();
}

TEST(EuropeanTest, SameClassFailuresAreTrdOnlyProvisionally) {
  const ModelResult result = Stage(TwoSsriFailures(), "european_1999");
  EXPECT_EQ(result.category, "trd1");
  EXPECT_TRUE(result.provisional);
  EXPECT_THAT(result.uncertain_params, Contains("european_1999.distinct_classes"));
}

TEST(EuropeanTest, DistinctClassVariantMakesSameClassFailuresNonresponse) {
  StagingOptions options;
  options.european_require_distinct_classes = true;
  const ModelResult result = Stage(TwoSsriFailures(), "european_1999", options);
  EXPECT_EQ(result.category, "nonresponder");
  EXPECT_FALSE(result.provisional);
}

// The duration-based level beside the count (Souery 1999 week bands TRD1 12-16, TRD2 18-24, TRD3
// 24-32, TRD4 30-40, TRD5 36-52; the first band containing the total is used, so the lower ends
// of TRD4 and TRD5 lie inside the band before and cannot be observed).
struct WeekBandCase {
  const char* name;
  int days;  // one adequate failed trial of this many days at the minimum dose
  const char* level;
};

void PrintTo(const WeekBandCase& c, std::ostream* os) { *os << c.name; }

class EuropeanWeekBandTest : public ::testing::TestWithParam<WeekBandCase> {};

TEST_P(EuropeanWeekBandTest, PlacesTheAdequateWeeksInTheFirstMatchingBand) {
  const std::string end = AddDays(test_support::D("2024-02-01"), GetParam().days).ToString();
  const ModelResult result =
      Stage(RecordBuilder()
                .Add(AdTrial("T1", "sertraline", "2024-02-01", end, 50).Scores("madrs", 30, 28))
                .Build(),
            "european_1999");
  ASSERT_EQ(result.components.size(), 3u);
  EXPECT_EQ(result.components[1].detail, std::string("duration-based level: ") + GetParam().level);
}

INSTANTIATE_TEST_SUITE_P(
    Bands, EuropeanWeekBandTest,
    ::testing::Values(
        WeekBandCase{"Below", 83, "between or below the published week bands"},
        WeekBandCase{"Trd1From12Weeks", 84, "TRD1"}, WeekBandCase{"Trd1To16Weeks", 112, "TRD1"},
        WeekBandCase{"Between16And18", 113, "between or below the published week bands"},
        WeekBandCase{"Below18Weeks", 125, "between or below the published week bands"},
        WeekBandCase{"Trd2From18Weeks", 126, "TRD2"}, WeekBandCase{"Trd2To24Weeks", 168, "TRD2"},
        WeekBandCase{"Trd3After24Weeks", 169, "TRD3"}, WeekBandCase{"Trd3To32Weeks", 224, "TRD3"},
        WeekBandCase{"Trd4After32Weeks", 225, "TRD4"}, WeekBandCase{"Trd4To40Weeks", 280, "TRD4"},
        WeekBandCase{"Trd5After40Weeks", 281, "TRD5"}, WeekBandCase{"Trd5To52Weeks", 364, "TRD5"},
        WeekBandCase{"Beyond52Weeks", 365, "beyond TRD5 (> 52 weeks)"}),
    test_support::RowName{});

TEST(MghTest, DoseRaisedAfterAnAdequatePeriodAddsHalfAPointProvisionally) {
  // Six weeks at 50 mg, then 100 mg: +1 for the trial, +0.5 for dose optimisation [U].
  const Treatment trial = AdTrial("T1", "sertraline", "2024-02-01", "2024-04-25", 50)
                              .Dose("2024-03-14", 100)
                              .Scores("madrs", 30, 28);
  const ModelResult result = Stage(RecordBuilder().Add(trial).Build(), "mgh_2003");
  EXPECT_EQ(result.score, 1.5);
  EXPECT_TRUE(result.provisional);
  EXPECT_THAT(result.uncertain_params, Contains("mgh_2003.dose_optimisation_points"));
}

// Dose optimisation needs min_weeks (6) at an adequate dose before the raise: 5 weeks is not
// enough.
TEST(MghTest, DoseRaisedBeforeSixAdequateWeeksIsNotOptimisation) {
  const Treatment trial = AdTrial("T1", "sertraline", "2024-02-01", "2024-04-25", 50)
                              .Dose("2024-03-07", 100)
                              .Scores("madrs", 30, 28);
  const ModelResult result = Stage(RecordBuilder().Add(trial).Build(), "mgh_2003");
  EXPECT_EQ(result.score, 1.0);
  EXPECT_THAT(result.uncertain_params,
              ::testing::Not(Contains("mgh_2003.dose_optimisation_points")));
}

TEST(MghTest, FailedEctCourseAddsThreePoints) {
  const ModelResult result =
      Stage(RecordBuilder()
                .Add(FailedAd("T1", "sertraline", 50, "2024-02-01"))
                .Add(SessionCourse("E1", TreatmentKind::kEct, "2024-06-01", "2024-07-15", 12)
                         .Judgement(OutcomeCategory::kPartialResponse))
                .Build(),
            "mgh_2003");
  EXPECT_EQ(result.score, 4.0);
  EXPECT_EQ(result.summary, "4.0");
}

TEST(ConwayTest, AntidepressantAndPsychotherapyAreTwoClasses) {
  const ModelResult result =
      Stage(RecordBuilder()
                .Add(FailedAd("T1", "sertraline", 50, "2024-02-01"))
                .Add(PsychotherapyTrial("P1", "cbt", "2024-06-01", "2024-09-01", 8)
                         .Therapist(TherapistExperience::kTrainee)
                         .Judgement(OutcomeCategory::kNonresponse))
                .Build(),
            "conway_2017");
  EXPECT_EQ(result.stage, 1);
  EXPECT_THAT(result.counted_trials, ElementsAre("T1", "P1"));
}

TEST(ConwayTest, RetrialOfTheSameDrugCountsOnce) {
  const ModelResult result = Stage(RecordBuilder()
                                       .Add(FailedAd("T1", "sertraline", 50, "2024-02-01"))
                                       .Add(FailedAd("T2", "sertraline", 100, "2024-05-01"))
                                       .Build(),
                                   "conway_2017");
  EXPECT_EQ(result.stage, 0);
  EXPECT_THAT(result.next_steps, ElementsAre(HasSubstr("1 more adequate failed trial(s)")));
}

TEST(TwoFailuresTest, NonOralAntidepressantIsExcluded) {
  const ModelResult result =
      Stage(RecordBuilder()
                .Add(FailedAd("T1", "sertraline", 50, "2024-02-01", 10))
                .Add(FailedAd("T2", "selegiline_transdermal", 6, "2024-05-01", 10))
                .Build(),
            "two_failures");
  EXPECT_EQ(result.meets, false);
  EXPECT_EQ(ExclusionOf(result, "T2"), "not an oral antidepressant");
  EXPECT_THAT(result.missing,
              ElementsAre("1 more adequate failed trial(s) of a different oral antidepressant"));
}

TEST(TwoFailuresTest, EmaVariantNeedsTwoClasses) {
  const ModelResult same_class = Stage(RecordBuilder()
                                           .Add(FailedAd("T1", "sertraline", 50, "2024-02-01", 10))
                                           .Add(FailedAd("T2", "citalopram", 20, "2024-05-01", 10))
                                           .Build(),
                                       "two_failures");
  EXPECT_EQ(same_class.meets, true);
  ASSERT_EQ(same_class.variants.size(), 1u);
  EXPECT_EQ(same_class.variants[0].id, "ema_different_classes");
  EXPECT_FALSE(same_class.variants[0].meets);
}

TEST(SforziniTest, PartialResponseWithoutTrdIsPartiallyResponsiveAndProvisional) {
  const ModelResult result = Stage(
      RecordBuilder()
          .Add(FailedAd("T1", "sertraline", 50, "2024-02-01").Scores("madrs", 30, 21))  // 30 %
          .Build(),
      "sforzini_2022");
  EXPECT_EQ(result.category, "partially_responsive");
  EXPECT_TRUE(result.provisional);
  EXPECT_THAT(result.uncertain_params, Contains("sforzini_2022.prd_max_improvement_pct"));
}

TEST(SforziniTest, ExactlyTwentyFivePercentIsNotATrdFailure) {
  const ModelResult result =
      Stage(RecordBuilder()
                .Add(FailedAd("T1", "sertraline", 50, "2024-02-01").Scores("madrs", 40, 30))
                .Add(FailedAd("T2", "venlafaxine", 150, "2024-05-01").Scores("madrs", 40, 31))
                .Build(),
            "sforzini_2022");
  EXPECT_NE(result.category, "trd");
  EXPECT_THAT(result.counted_trials, ElementsAre("T2"));
}

TEST(SforziniTest, EctCountsUnlessSwitchedOff) {
  const PatientRecord record =
      RecordBuilder()
          .Add(FailedAd("T1", "sertraline", 50, "2024-02-01"))
          .Add(SessionCourse("E1", TreatmentKind::kEct, "2024-06-01", "2024-07-15", 12)
                   .Judgement(OutcomeCategory::kNonresponse))
          .Build();
  EXPECT_EQ(Stage(record, "sforzini_2022").category, "trd");
  StagingOptions options;
  options.sforzini_count_ect = false;
  EXPECT_EQ(Stage(record, "sforzini_2022", options).category, "neither");
}

TEST(DmTrdTest, IsIncompleteAndAlwaysProvisional) {
  const ModelResult result = Stage(RecordBuilder().Build(), "dm_trd_2016");
  EXPECT_EQ(result.category, "incomplete");
  EXPECT_TRUE(result.provisional);
  EXPECT_THAT(result.uncertain_params, Contains("dm_trd_2016.item_weights"));
  EXPECT_THAT(result.next_steps, ElementsAre(HasSubstr("verify the item weights")));
}

TEST(DmTrdTest, ListsAddedItemsWithoutPoints) {
  ClinicalFactors clinical;
  clinical.comorbid_anxiety = true;
  const ModelResult result = Stage(RecordBuilder().Clinical(clinical).Build(), "dm_trd_2016");
  bool found = false;
  for (const ScoreComponent& component : result.components) {
    if (component.item == "added item: comorbid anxiety") {
      found = true;
      EXPECT_EQ(component.points, 0);
      EXPECT_THAT(component.detail, HasSubstr("present"));
    }
  }
  EXPECT_TRUE(found);
}

}  // namespace
}  // namespace refract
