#include "refract/staging/staging.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "staging_fixture.h"

namespace refract {
namespace {

using staging_test::FailedAd;
using staging_test::Stage;
using test_support::EmbeddedKnowledge;
using test_support::RecordBuilder;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr const char* kModelIds[] = {"thase_rush_1997", "european_1999", "mgh_2003",
                                     "maudsley_2009",   "dm_trd_2016",   "conway_2017",
                                     "markowitz_2022",  "two_failures",  "sforzini_2022"};

TEST(MakeStagingContextTest, TrialStartingOnOnsetBelongsToTheEpisode) {
  const PatientRecord record = RecordBuilder()
                                   .Onset("2024-01-01")
                                   .Add(FailedAd("T0", "citalopram", 20, "2023-12-31"))
                                   .Add(FailedAd("T1", "sertraline", 50, "2024-01-01"))
                                   .Build();
  const StagingOptions options;
  const StagingContext context = MakeStagingContext(record, EmbeddedKnowledge(), options);
  EXPECT_THAT(context.in_current_episode, ElementsAre(false, true));
  ASSERT_EQ(context.outcomes.size(), 2u);
  EXPECT_EQ(context.outcomes[1].category, OutcomeCategory::kNonresponse);
}

TEST(StageAllModelsTest, ReturnsEveryModelInReportOrder) {
  const PatientRecord record = RecordBuilder().Build();
  const StagingOptions options;
  const std::vector<ModelResult> results =
      StageAllModels(MakeStagingContext(record, EmbeddedKnowledge(), options));
  ASSERT_EQ(results.size(), std::size(kModelIds));
  for (size_t i = 0; i < results.size(); ++i) {
    EXPECT_EQ(results[i].model_id, kModelIds[i]);
    EXPECT_TRUE(results[i].applicable);
    EXPECT_FALSE(results[i].name.empty());
    EXPECT_FALSE(results[i].citation.empty());
    EXPECT_FALSE(results[i].summary.empty());
  }
}

struct DiagnosisCase {
  const char* name;
  Diagnosis diagnosis;
  const char* note;
};

class NotApplicableTest : public ::testing::TestWithParam<DiagnosisCase> {};

TEST_P(NotApplicableTest, EveryModelIsNotApplicableWithTheReason) {
  const PatientRecord record = RecordBuilder()
                                   .Diagnosis(GetParam().diagnosis)
                                   .Add(FailedAd("T1", "sertraline", 50, "2024-02-01"))
                                   .Add(FailedAd("T2", "venlafaxine", 150, "2024-05-01"))
                                   .Build();
  const StagingOptions options;
  for (const ModelResult& result :
       StageAllModels(MakeStagingContext(record, EmbeddedKnowledge(), options))) {
    SCOPED_TRACE(result.model_id);
    EXPECT_FALSE(result.applicable);
    EXPECT_EQ(result.summary, "not applicable");
    EXPECT_EQ(result.category, "not_applicable");
    EXPECT_FALSE(result.stage.has_value());
    EXPECT_FALSE(result.score.has_value());
    EXPECT_FALSE(result.meets.has_value());
    EXPECT_FALSE(result.provisional);
    EXPECT_THAT(result.counted_trials, IsEmpty());
    EXPECT_THAT(result.uncertain_params, IsEmpty());
    EXPECT_THAT(result.notes, ElementsAre(HasSubstr(GetParam().note)));
  }
}

INSTANTIATE_TEST_SUITE_P(
    Diagnoses, NotApplicableTest,
    ::testing::Values(DiagnosisCase{"Bipolar", Diagnosis::kBipolar, "bipolar diagnosis"},
                      DiagnosisCase{"Other", Diagnosis::kOther, "not major depressive disorder"}),
    test_support::RowName{});

// maudsley_2009.min_weeks is 6 [U] with range 4-8. A 7-week trial is adequate at 4 and 6 but not at
// 8 weeks.
TEST(SensitivityTest, UnconfirmedParameterThatChangesTheResultMakesItProvisional) {
  const PatientRecord record =
      RecordBuilder().Add(FailedAd("T1", "sertraline", 50, "2024-02-01", 7)).Build();
  const ModelResult result = Stage(record, "maudsley_2009");
  EXPECT_TRUE(result.provisional);
  EXPECT_THAT(result.uncertain_params, Contains("maudsley_2009.min_weeks"));
}

TEST(SensitivityTest, UnconfirmedParameterThatCannotChangeTheResultIsOnlyNoted) {
  // Two failed drugs score 1 point, as does one: losing the 7-week trial at 8 weeks changes
  // nothing.
  const PatientRecord record = RecordBuilder()
                                   .Add(FailedAd("T1", "sertraline", 50, "2024-02-01", 10))
                                   .Add(FailedAd("T2", "citalopram", 20, "2024-05-01", 7))
                                   .Build();
  const ModelResult result = Stage(record, "maudsley_2009");
  EXPECT_FALSE(result.provisional);
  EXPECT_THAT(result.uncertain_params, IsEmpty());
  EXPECT_THAT(result.notes,
              Contains(HasSubstr("maudsley_2009.min_weeks is unconfirmed, but the result is the "
                                 "same for any value from 4 to 8")));
}

}  // namespace
}  // namespace refract
