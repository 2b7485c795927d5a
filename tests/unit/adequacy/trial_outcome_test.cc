#include "refract/adequacy/trial_outcome.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "embedded_knowledge.h"
#include "param_name.h"
#include "record_builder.h"

namespace refract {
namespace {

using test_support::AdTrial;
using test_support::EmbeddedKnowledge;
using test_support::TreatmentBuilder;

TreatmentBuilder Trial() { return AdTrial("T1", "sertraline", "2025-01-01", "2025-03-01", 50); }

TEST(AssessOutcomeTest, ClassifiesScoresAndExplainsTheArithmetic) {
  const OutcomeAssessment outcome =
      AssessOutcome(Trial().Scores("madrs", 30, 26), EmbeddedKnowledge());
  EXPECT_EQ(outcome.category, OutcomeCategory::kNonresponse);
  EXPECT_EQ(outcome.source, OutcomeSource::kScores);
  ASSERT_TRUE(outcome.improvement_pct.has_value());
  EXPECT_NEAR(*outcome.improvement_pct, 13.333, 0.001);
  EXPECT_EQ(outcome.detail, "MADRS 30 -> 26: 13.3 % improvement");
}

struct RemissionCase {
  const char* instrument;
  int baseline;
  int end;
  OutcomeCategory expected;
};

class RemissionTest : public ::testing::TestWithParam<RemissionCase> {};

TEST_P(RemissionTest, EndScoreAtOrBelowInstrumentThresholdIsRemission) {
  const RemissionCase& c = GetParam();
  EXPECT_EQ(
      AssessOutcome(Trial().Scores(c.instrument, c.baseline, c.end), EmbeddedKnowledge()).category,
      c.expected);
}

// staging-decisions.md §3: HAM-D17 <= 7, MADRS <= 10, QIDS-SR16 <= 5, PHQ-9 < 5 [E].
INSTANTIATE_TEST_SUITE_P(
    Thresholds, RemissionTest,
    ::testing::Values(RemissionCase{"madrs", 30, 10, OutcomeCategory::kRemission},
                      RemissionCase{"madrs", 30, 11, OutcomeCategory::kResponse},
                      RemissionCase{"hamd17", 20, 7, OutcomeCategory::kRemission},
                      RemissionCase{"hamd17", 20, 8, OutcomeCategory::kResponse},
                      RemissionCase{"qids_sr16", 16, 5, OutcomeCategory::kRemission},
                      RemissionCase{"qids_sr16", 16, 6, OutcomeCategory::kResponse},
                      RemissionCase{"phq9", 20, 4, OutcomeCategory::kRemission},
                      RemissionCase{"phq9", 20, 5, OutcomeCategory::kResponse},
                      // A low baseline can end in remission with little improvement.
                      RemissionCase{"madrs", 12, 10, OutcomeCategory::kRemission}),
    [](const auto& row) {
      return std::string(row.param.instrument) + "From" + std::to_string(row.param.baseline) +
             "To" + std::to_string(row.param.end);
    });

TEST(AssessOutcomeTest, UsesTheKnowledgeThresholds) {
  KnowledgeBase kb = EmbeddedKnowledge();
  kb.parameters["outcome.response_pct"].value = 60;
  kb.parameters["outcome.partial_response_pct"].value = 30;
  EXPECT_EQ(AssessOutcome(Trial().Scores("madrs", 40, 20), kb).category,
            OutcomeCategory::kPartialResponse);  // 50 % < 60 %
  EXPECT_EQ(AssessOutcome(Trial().Scores("madrs", 40, 29), kb).category,
            OutcomeCategory::kNonresponse);  // 27.5 % < 30 %
}

TEST(AssessOutcomeTest, JudgementIsUsedWithoutScores) {
  const OutcomeAssessment outcome =
      AssessOutcome(Trial().Judgement(OutcomeCategory::kPartialResponse), EmbeddedKnowledge());
  EXPECT_EQ(outcome.category, OutcomeCategory::kPartialResponse);
  EXPECT_EQ(outcome.source, OutcomeSource::kClinicianJudgement);
  EXPECT_FALSE(outcome.improvement_pct.has_value());
  EXPECT_EQ(outcome.detail, "clinician judgement: partial_response");
}

TEST(AssessOutcomeTest, ScoresTakePrecedenceOverJudgement) {
  const OutcomeAssessment outcome =
      AssessOutcome(Trial().Scores("madrs", 30, 12).Judgement(OutcomeCategory::kNonresponse),
                    EmbeddedKnowledge());
  EXPECT_EQ(outcome.source, OutcomeSource::kScores);
  EXPECT_EQ(outcome.category, OutcomeCategory::kResponse);
}

TEST(AssessOutcomeTest, IncompleteScoresFallBackToJudgement) {
  const OutcomeAssessment outcome = AssessOutcome(
      Trial().Scores("madrs", std::nullopt, 20).Judgement(OutcomeCategory::kNonresponse),
      EmbeddedKnowledge());
  EXPECT_EQ(outcome.source, OutcomeSource::kClinicianJudgement);
  EXPECT_EQ(outcome.category, OutcomeCategory::kNonresponse);
}

TEST(AssessOutcomeTest, ConflictingJudgementIsNamedBesideTheDecidingScores) {
  const OutcomeAssessment outcome =
      AssessOutcome(Trial().Scores("madrs", 29, 22).Judgement(OutcomeCategory::kPartialResponse),
                    EmbeddedKnowledge());
  EXPECT_EQ(outcome.category, OutcomeCategory::kNonresponse);
  EXPECT_EQ(outcome.source, OutcomeSource::kScores);
  EXPECT_EQ(outcome.score_category, OutcomeCategory::kNonresponse);
  EXPECT_EQ(outcome.judgement, OutcomeCategory::kPartialResponse);
  EXPECT_TRUE(outcome.conflict);
  EXPECT_EQ(outcome.decision,
            "MADRS 29 -> 22: 24.1 % improvement = nonresponse; the clinician judged partial "
            "response; the scores decided (docs/patient-record.md#outcome)");
}

TEST(AssessOutcomeTest, AgreeingOrUnknownJudgementIsNoConflict) {
  for (OutcomeCategory judgement : {OutcomeCategory::kNonresponse, OutcomeCategory::kUnknown}) {
    const OutcomeAssessment outcome =
        AssessOutcome(Trial().Scores("madrs", 30, 26).Judgement(judgement), EmbeddedKnowledge());
    EXPECT_EQ(outcome.judgement, judgement);
    EXPECT_FALSE(outcome.conflict) << ToString(judgement);
    EXPECT_EQ(outcome.decision, "");
  }
}

TEST(AssessOutcomeTest, JudgementAloneHasNoScoreCategoryAndNoConflict) {
  const OutcomeAssessment outcome =
      AssessOutcome(Trial().Judgement(OutcomeCategory::kResponse), EmbeddedKnowledge());
  EXPECT_FALSE(outcome.score_category.has_value());
  EXPECT_EQ(outcome.judgement, OutcomeCategory::kResponse);
  EXPECT_FALSE(outcome.conflict);
  EXPECT_TRUE(outcome.near_boundaries.empty());
}

// 29 -> 22 is 24.1 %: one point less at the end (21) is 27.6 %, partial response.
TEST(NearBoundaryTest, OnePointFromThePartialResponseBoundary) {
  const OutcomeAssessment outcome =
      AssessOutcome(Trial().Scores("madrs", 29, 22), EmbeddedKnowledge());
  ASSERT_EQ(outcome.near_boundaries.size(), 1u);
  const NearBoundary& near = outcome.near_boundaries[0];
  EXPECT_EQ(near.boundary, "the 25 % partial-response boundary");
  EXPECT_EQ(near.threshold_pct, 25);
  EXPECT_EQ(near.end, 21);
  EXPECT_EQ(near.points, 1);
  EXPECT_EQ(near.category, OutcomeCategory::kPartialResponse);
  EXPECT_EQ(near.detail,
            "24.1 % improvement is 0.9 percentage points below the 25 % partial-response "
            "boundary; an end score of 21 (1 point lower) would be partial response");
}

// 30 -> 26 is 13.3 %: partial response needs an end of 22 (4 points), remission 10.
TEST(NearBoundaryTest, FarFromEveryBoundaryIsNotNear) {
  EXPECT_TRUE(
      AssessOutcome(Trial().Scores("madrs", 30, 26), EmbeddedKnowledge()).near_boundaries.empty());
}

// 40 -> 30 is exactly 25 %, partial response; 31 would be nonresponse. 30 -> 12 is response, two
// points above the MADRS remission cut-off (<= 10).
TEST(NearBoundaryTest, ExactBoundaryAndRemissionCutOff) {
  const OutcomeAssessment exact =
      AssessOutcome(Trial().Scores("madrs", 40, 30), EmbeddedKnowledge());
  ASSERT_EQ(exact.near_boundaries.size(), 1u);
  EXPECT_EQ(exact.near_boundaries[0].end, 31);
  EXPECT_EQ(exact.near_boundaries[0].category, OutcomeCategory::kNonresponse);
  EXPECT_THAT(exact.near_boundaries[0].detail,
              ::testing::StartsWith("25.0 % improvement is exactly at the 25 % partial-response"));
  const OutcomeAssessment remission =
      AssessOutcome(Trial().Scores("madrs", 30, 12), EmbeddedKnowledge());
  ASSERT_EQ(remission.near_boundaries.size(), 1u);
  EXPECT_EQ(remission.near_boundaries[0].boundary, "the MADRS remission cut-off (<= 10)");
  EXPECT_FALSE(remission.near_boundaries[0].threshold_pct.has_value());
  EXPECT_EQ(remission.near_boundaries[0].end, 10);
  EXPECT_EQ(remission.near_boundaries[0].points, 2);
  EXPECT_EQ(remission.near_boundaries[0].detail,
            "the end score 12 is 2 points above the MADRS remission cut-off (<= 10); an end score "
            "of 10 would be remission");
}

TEST(NearBoundaryTest, ReadsTheKnowledgeParameter) {
  KnowledgeBase kb = EmbeddedKnowledge();
  kb.parameters["outcome.near_boundary_points"].value = 0;
  EXPECT_TRUE(AssessOutcome(Trial().Scores("madrs", 29, 22), kb).near_boundaries.empty());
  kb.parameters["outcome.near_boundary_points"].value = 4;
  EXPECT_EQ(AssessOutcome(Trial().Scores("madrs", 30, 26), kb).near_boundaries.size(), 1u);
}

struct UnknownCase {
  const char* name;
  std::optional<int> baseline;
  std::optional<int> end;
};

class MissingScoreTest : public ::testing::TestWithParam<UnknownCase> {};

TEST_P(MissingScoreTest, WithoutJudgementOutcomeIsUnknown) {
  const UnknownCase& c = GetParam();
  const OutcomeAssessment outcome =
      AssessOutcome(Trial().Scores("madrs", c.baseline, c.end), EmbeddedKnowledge());
  EXPECT_EQ(outcome.category, OutcomeCategory::kUnknown);
  EXPECT_EQ(outcome.source, OutcomeSource::kNone);
  EXPECT_THAT(outcome.detail, ::testing::StartsWith("MADRS: "));
}

INSTANTIATE_TEST_SUITE_P(Cases, MissingScoreTest,
                         ::testing::Values(UnknownCase{"MissingBaseline", std::nullopt, 20},
                                           UnknownCase{"MissingEnd", 30, std::nullopt},
                                           UnknownCase{"ZeroBaseline", 0, 0}),
                         test_support::RowName{});

TEST(AssessOutcomeTest, NoOutcomeRecordedIsUnknown) {
  const OutcomeAssessment outcome = AssessOutcome(Trial(), EmbeddedKnowledge());
  EXPECT_EQ(outcome.category, OutcomeCategory::kUnknown);
  EXPECT_EQ(outcome.source, OutcomeSource::kNone);
  EXPECT_EQ(outcome.detail, "no outcome recorded");
}

// Without words the outcome is the same in everything but its words: every end score of a
// MADRS trial from 30, with no judgement, an agreeing and a conflicting one, and the unscored
// cases.
TEST(AssessOutcomeTest, CategoryOnlyDiffersFromTheFullOutcomeOnlyInItsWords) {
  std::vector<Treatment> trials = {Trial(), Trial().Judgement(OutcomeCategory::kResponse),
                                   Trial().Scores("madrs", std::nullopt, 20),
                                   Trial().Scores("madrs", 0, 0)};
  for (int end = 0; end <= 60; ++end) {
    trials.push_back(Trial().Scores("madrs", 30, end));
    trials.push_back(Trial().Scores("madrs", 30, end).Judgement(OutcomeCategory::kNonresponse));
    trials.push_back(Trial().Scores("madrs", 30, end).Judgement(OutcomeCategory::kRemission));
  }
  int conflicts = 0;
  for (const Treatment& trial : trials) {
    const OutcomeAssessment full = AssessOutcome(trial, EmbeddedKnowledge());
    const OutcomeAssessment bare =
        AssessOutcome(trial, EmbeddedKnowledge(), OutcomeDetail::kCategoryOnly);
    EXPECT_EQ(bare.category, full.category);
    EXPECT_EQ(bare.source, full.source);
    EXPECT_EQ(bare.improvement_pct, full.improvement_pct);
    EXPECT_EQ(bare.baseline, full.baseline);
    EXPECT_EQ(bare.end, full.end);
    EXPECT_EQ(bare.score_category, full.score_category);
    EXPECT_EQ(bare.judgement, full.judgement);
    EXPECT_EQ(bare.conflict, full.conflict);
    EXPECT_FALSE(full.detail.empty());
    EXPECT_EQ(bare.detail, "");
    EXPECT_EQ(bare.decision, "");
    EXPECT_TRUE(bare.near_boundaries.empty());
    conflicts += full.conflict ? 1 : 0;
  }
  EXPECT_GT(conflicts, 60);  // the comparison covered conflicting judgements
}

struct FailureCase {
  OutcomeCategory category;
  bool short_of_response;
  bool nonresponse_only;
};

class IsFailureTest : public ::testing::TestWithParam<FailureCase> {};

TEST_P(IsFailureTest, DependsOnTheModelsFailureRule) {
  const FailureCase& c = GetParam();
  OutcomeAssessment outcome;
  outcome.category = c.category;
  EXPECT_EQ(IsFailure(outcome, FailureRule::kShortOfResponse), c.short_of_response);
  EXPECT_EQ(IsFailure(outcome, FailureRule::kNonresponseOnly), c.nonresponse_only);
}

// staging-decisions.md §3: most models count anything short of response; Sforzini only nonresponse;
// an unknown outcome is never a failure.
INSTANTIATE_TEST_SUITE_P(Categories, IsFailureTest,
                         ::testing::Values(FailureCase{OutcomeCategory::kNonresponse, true, true},
                                           FailureCase{OutcomeCategory::kPartialResponse, true,
                                                       false},
                                           FailureCase{OutcomeCategory::kResponse, false, false},
                                           FailureCase{OutcomeCategory::kRemission, false, false},
                                           FailureCase{OutcomeCategory::kUnknown, false, false}),
                         [](const auto& row) { return std::string(ToString(row.param.category)); });

struct ThresholdCase {
  const char* name;
  int baseline;
  int end;
  int below_pct;
  bool failure;
};

class IsFailureBelowThresholdTest : public ::testing::TestWithParam<ThresholdCase> {};

TEST_P(IsFailureBelowThresholdTest, ScoredOutcomeFailsOnlyStrictlyBelowTheModelsThreshold) {
  const ThresholdCase& c = GetParam();
  const OutcomeAssessment outcome =
      AssessOutcome(Trial().Scores("madrs", c.baseline, c.end), EmbeddedKnowledge());
  EXPECT_EQ(IsFailure(outcome, FailureRule::kNonresponseOnly, c.below_pct), c.failure);
}

INSTANTIATE_TEST_SUITE_P(
    Thresholds, IsFailureBelowThresholdTest,
    ::testing::Values(ThresholdCase{"ExactlyTwentyFivePercent", 40, 30, 25, false},
                      ThresholdCase{"JustBelowTwentyFivePercent", 40, 31, 25, true},
                      // 100 * (1 - 16/20) misrounds to 19.999...; the exact rule does not.
                      ThresholdCase{"ExactlyTwentyPercentFloatingTrap", 20, 16, 20, false},
                      ThresholdCase{"JustBelowTwentyPercent", 20, 17, 20, true},
                      ThresholdCase{"WorseningIsFailure", 20, 25, 25, true},
                      ThresholdCase{"RemissionIsNeverFailure", 12, 10, 50, false}),
    test_support::RowName{});

TEST(IsFailureBelowThresholdTest, JudgementIsClassifiedByTheRule) {
  const OutcomeAssessment partial =
      AssessOutcome(Trial().Judgement(OutcomeCategory::kPartialResponse), EmbeddedKnowledge());
  EXPECT_TRUE(IsFailure(partial, FailureRule::kShortOfResponse, 50));
  EXPECT_FALSE(IsFailure(partial, FailureRule::kNonresponseOnly, 25));
  const OutcomeAssessment unknown = AssessOutcome(Trial(), EmbeddedKnowledge());
  EXPECT_FALSE(IsFailure(unknown, FailureRule::kShortOfResponse, 50));
}

}  // namespace
}  // namespace refract
