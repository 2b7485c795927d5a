// A model whose verdict rests on a trial outcome near a boundary, or on scores that the clinician's
// judgement contradicts, is provisional with the reason in words
// (src/staging/outcome_sensitivity.cc).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "staging_fixture.h"

namespace refract {
namespace {

using staging_test::FailedAd;
using staging_test::Stage;
using test_support::AdTrial;
using test_support::RecordBuilder;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

// T1: sertraline, MADRS 30 -> 28 (a clear failure). T2: venlafaxine 8 weeks with the given
// scores and judgement.
PatientRecord TwoTrials(int t2_baseline, int t2_end, std::optional<OutcomeCategory> judgement) {
  test_support::TreatmentBuilder t2 = AdTrial("T2", "venlafaxine", "2024-05-01", "2024-06-26", 150)
                                          .Scores("madrs", t2_baseline, t2_end);
  if (judgement) t2.Judgement(*judgement);
  return RecordBuilder().Add(FailedAd("T1", "sertraline", 50, "2024-02-01")).Add(t2).Build();
}

// Sforzini 2022: TRD = two failures with < 25 % improvement. 29 -> 22 is 24.1 %: one point lower
// at the end (21, 27.6 %) and T2 would not count.
TEST(OutcomeSensitivityTest, SforziniVerdictRestingOnA09PointMarginIsProvisional) {
  const ModelResult result =
      Stage(TwoTrials(29, 22, OutcomeCategory::kPartialResponse), "sforzini_2022");
  EXPECT_EQ(result.category, "trd");
  EXPECT_THAT(result.counted_trials, ElementsAre("T1", "T2"));
  EXPECT_TRUE(result.provisional);
  EXPECT_THAT(result.uncertain_params, Contains("trial_outcome.T2"));
  EXPECT_THAT(result.uncertain_params, Not(Contains("trial_outcome.T1")));
  EXPECT_THAT(result.notes,
              Contains("provisional: T2 counts as a failure by 0.9 percentage points of "
                       "improvement (24.1 % against < 25 %; an end score of 21, 1 point lower, "
                       "would not count); "
                       "the clinician judged partial response (with the judgement deciding, the "
                       "result would be partially responsive (PRD))"));
}

// 30 -> 26 is 13.3 %: partial response would need an end score of 22, four points away.
TEST(OutcomeSensitivityTest, ClearFailureLeavesTheVerdictFirm) {
  const ModelResult result = Stage(TwoTrials(30, 26, std::nullopt), "sforzini_2022");
  EXPECT_EQ(result.category, "trd");
  EXPECT_FALSE(result.provisional);
  EXPECT_THAT(result.uncertain_params, IsEmpty());
  EXPECT_THAT(result.notes, IsEmpty());
}

// A model that counts anything below 50 % counts 24.1 % and 27.6 % alike, and a judgement of
// partial response too: its verdict does not rest on T2's margin.
TEST(OutcomeSensitivityTest, ModelWhoseVerdictDoesNotChangeIsNotMarked) {
  const ModelResult result =
      Stage(TwoTrials(29, 22, OutcomeCategory::kPartialResponse), "two_failures");
  EXPECT_EQ(result.meets, true);
  EXPECT_FALSE(result.provisional);
  EXPECT_THAT(result.uncertain_params, Not(Contains("trial_outcome.T2")));
}

// Far from every boundary, but the clinician judged partial response: with the judgement deciding,
// Sforzini would not count T2.
TEST(OutcomeSensitivityTest, ConflictAloneThatWouldChangeTheVerdictIsProvisional) {
  const ModelResult result =
      Stage(TwoTrials(30, 26, OutcomeCategory::kPartialResponse), "sforzini_2022");
  EXPECT_EQ(result.category, "trd");
  EXPECT_TRUE(result.provisional);
  EXPECT_THAT(result.notes,
              Contains("provisional: T2 counts as a failure on its scores (MADRS 30 -> 26: 13.3 % "
                       "improvement = nonresponse); the clinician judged partial response (with "
                       "the judgement deciding, the result would be partially responsive (PRD))"));
}

// 40 -> 30 is exactly 25 %: not a Sforzini failure, one point from being one (and from TRD).
TEST(OutcomeSensitivityTest, TrialJustMissingAFailureIsNamedToo) {
  const ModelResult result = Stage(TwoTrials(40, 30, std::nullopt), "sforzini_2022");
  EXPECT_NE(result.category, "trd");
  EXPECT_THAT(result.uncertain_params, Contains("trial_outcome.T2"));
  EXPECT_THAT(result.notes,
              Contains(HasSubstr("provisional: T2 (not counted as a failure): 25.0 % improvement "
                                 "is exactly at the 25 % partial-response boundary; "
                                 "an end score of 31 (1 point higher) would be "
                                 "nonresponse")));
}

TEST(OutcomeSensitivityTest, NoMarginWithTheParameterAtZero) {
  KnowledgeBase kb = test_support::EmbeddedKnowledge();
  kb.parameters["outcome.near_boundary_points"].value = 0;
  const PatientRecord record = TwoTrials(29, 22, std::nullopt);
  const StagingOptions options;
  for (const ModelResult& result : StageAllModels(MakeStagingContext(record, kb, options))) {
    EXPECT_THAT(result.uncertain_params, Not(Contains("trial_outcome.T2"))) << result.model_id;
  }
}

}  // namespace
}  // namespace refract
