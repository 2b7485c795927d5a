// Not-on-track rule set (measures-decisions.md §10.4), the §10.4 worked ETR table and the §11
// early-worsening window.
#include "refract/measures/not_on_track.h"

#include <gtest/gtest.h>

#include "measures_test_util.h"

namespace refract::measures {
namespace {

using testing::Instrument;
using testing::Parameters;
using testing::ScoreTotal;
using Signal = NotOnTrackSignal;

// §10.4 illustrative model: ŷ_t = 19 - 4 ln t, sqrt(V_t) = 4 (intake 19 = Ī).
EtrNormSet WorkedNorms(TimeUnit unit = TimeUnit::kSessions) {
  return {.id = "docs/measures-decisions.md §10.4 illustrative",
          .time_unit = unit,
          .beta00 = 19,
          .beta01 = 0.5,
          .intake_mean = 19,
          .beta10 = -4,
          .beta11 = 0,
          .tau00 = 10,
          .tau01 = 0,
          .tau11 = 0,
          .sigma2 = 6};
}

StatusOr<NotOnTrackResult> Evaluate(int baseline, int current, NotOnTrackContext context,
                                    std::string_view id = "phq9") {
  const InstrumentDefinition& instrument = Instrument(id);
  return EvaluateNotOnTrack(instrument, ScoreTotal(instrument, baseline),
                            ScoreTotal(instrument, current), context, Parameters());
}

Signal TrajectoryOf(int baseline, int current, const NotOnTrackContext& context) {
  StatusOr<NotOnTrackResult> result = Evaluate(baseline, current, context);
  EXPECT_TRUE(result.ok()) << result.status().message();
  return result.ok() ? result->trajectory().signal : Signal::kNoSignal;
}

struct EtrRow {
  int t;
  double expected;
  double upper;
  int patient_a;
  EtrPosition position_a;
  Signal flag_a;
  std::optional<int> patient_b;
};

TEST(EtrTest, ReproducesTheWorkedTable) {
  const EtrRow rows[] = {
      {3, 14.61, 19.73, 16, EtrPosition::kWorseThanExpected, Signal::kGreenOnTrack, 20},
      {5, 12.56, 17.69, 14, EtrPosition::kWorseThanExpected, Signal::kGreenOnTrack, 19},
      {8, 10.68, 15.81, 9, EtrPosition::kBetterThanExpected, Signal::kWhiteNoncase, 18},
      {12, 9.06, 14.19, 6, EtrPosition::kBetterThanExpected, Signal::kWhiteNoncase, std::nullopt},
  };
  for (const EtrRow& row : rows) {
    NotOnTrackContext context{
        .time_unit = TimeUnit::kSessions, .elapsed = row.t - 1, .norms = WorkedNorms()};
    StatusOr<NotOnTrackResult> a = Evaluate(19, row.patient_a, context);
    ASSERT_TRUE(a.ok()) << a.status().message();
    ASSERT_TRUE(a->etr.has_value());
    EXPECT_EQ(a->etr->t, row.t);
    EXPECT_NEAR(a->etr->expected, row.expected, 0.005) << "t = " << row.t;
    EXPECT_NEAR(a->etr->upper, row.upper, 0.005) << "t = " << row.t;
    EXPECT_EQ(a->etr->position, row.position_a) << "t = " << row.t;
    EXPECT_EQ(a->trajectory().signal, row.flag_a) << "t = " << row.t;
    if (!row.patient_b) continue;
    StatusOr<NotOnTrackResult> b = Evaluate(19, *row.patient_b, context);
    ASSERT_TRUE(b.ok());
    EXPECT_EQ(b->etr->position, EtrPosition::kAboveBoundary) << "t = " << row.t;
    EXPECT_EQ(b->trajectory().signal, Signal::kRedNotOnTrack) << "t = " << row.t;
    EXPECT_EQ(b->trajectory().norm_set, "docs/measures-decisions.md §10.4 illustrative");
    EXPECT_TRUE(b->trajectory().provisional()) << "p = 0.90 is UNCERTAIN";
  }
}

TEST(EtrTest, PatientBNeverMeetsTheSixPointRule) {
  for (int score : {20, 19, 18}) {
    EXPECT_EQ(TrajectoryOf(19, score, {.time_unit = TimeUnit::kSessions, .elapsed = 2}),
              Signal::kNoSignal)
        << "without a norm set, +1 is not reliable deterioration";
    EXPECT_EQ(TrajectoryOf(19, score, {.time_unit = TimeUnit::kSessions, .elapsed = 4}),
              Signal::kYellowInsufficientProgress)
        << "the rational fallback needs 4 sessions";
  }
}

TEST(EtrTest, BoundaryUsesZOfTheConfiguredPercentile) {
  EXPECT_NEAR(NormalQuantile(0.90), 1.2816, 0.0001);
  EXPECT_NEAR(NormalQuantile(0.5), 0, 1e-12);
  StatusOr<EtrPoint> point = EvaluateEtr(WorkedNorms(), 19, 3, 16, 0.90);
  ASSERT_TRUE(point.ok());
  EXPECT_NEAR(point->z, 1.2816, 0.0001);
  EXPECT_EQ(EvaluateEtr(WorkedNorms(), 19, 0, 16, 0.90).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(EvaluateEtr(WorkedNorms(), 19, 3, 16, 0.4).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(EtrTest, IntakeSeverityShiftsTheCurve) {
  StatusOr<EtrPoint> point = EvaluateEtr(WorkedNorms(), 23, 1, 23, 0.90);
  ASSERT_TRUE(point.ok());
  EXPECT_NEAR(point->expected, 19 + 0.5 * 4, 1e-12);
}

TEST(EtrTest, NoEmpiricalFlagAtIntake) {
  StatusOr<NotOnTrackResult> result =
      Evaluate(19, 19, {.time_unit = TimeUnit::kSessions, .elapsed = 0, .norms = WorkedNorms()});
  ASSERT_TRUE(result.ok());
  EXPECT_FALSE(result->etr.has_value()) << "NOT flag only at t >= 2";
  EXPECT_EQ(result->trajectory().signal, Signal::kNoSignal);
}

TEST(RuleOrderTest, SafetyComesFirstAndDoesNotStopTheTrajectoryRules) {
  const InstrumentDefinition& phq9 = Instrument("phq9");
  ItemResponses responses{.items = {2, 2, 2, 2, 2, 2, 2, 2, 2}};
  StatusOr<ScoredAdministration> current = Score(phq9, responses);  // 18, item 9 = 2
  ASSERT_TRUE(current.ok());
  StatusOr<NotOnTrackResult> result =
      EvaluateNotOnTrack(phq9, ScoreTotal(phq9, 12), *current,
                         {.time_unit = TimeUnit::kWeeks, .elapsed = 2}, Parameters());
  ASSERT_TRUE(result.ok());
  ASSERT_EQ(result->flags.size(), 2u);
  EXPECT_EQ(result->flags[0].signal, Signal::kSafety);
  EXPECT_EQ(result->flags[0].rule, "docs/measures-decisions.md §10.4 rule 1 (safety)");
  EXPECT_EQ(result->flags[1].signal, Signal::kRedDeterioration);
}

TEST(RuleOrderTest, DeteriorationPrecedesTheEmpiricalRule) {
  StatusOr<NotOnTrackResult> result =
      Evaluate(12, 18, {.time_unit = TimeUnit::kSessions, .elapsed = 2, .norms = WorkedNorms()});
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->etr->position, EtrPosition::kAboveBoundary);
  EXPECT_EQ(result->trajectory().signal, Signal::kRedDeterioration);
  EXPECT_EQ(result->trajectory().rule,
            "docs/measures-decisions.md §10.4 rule 2 (reliable deterioration)");
}

TEST(RuleOrderTest, RationalFallbackOnlyWithoutNorms) {
  const NotOnTrackContext weeks4{.time_unit = TimeUnit::kWeeks, .elapsed = 4};
  EXPECT_EQ(TrajectoryOf(19, 16, weeks4), Signal::kYellowInsufficientProgress);  // 15.8 %
  EXPECT_EQ(TrajectoryOf(19, 16, {.time_unit = TimeUnit::kWeeks, .elapsed = 3}), Signal::kNoSignal);
  EXPECT_EQ(TrajectoryOf(20, 15, weeks4), Signal::kNoSignal) << "exactly 25 % is not < 25 %";
  EXPECT_EQ(TrajectoryOf(20, 16, weeks4), Signal::kYellowInsufficientProgress);
  EXPECT_EQ(TrajectoryOf(12, 10, weeks4), Signal::kYellowInsufficientProgress)
      << "X = 10 is a case";
  EXPECT_EQ(TrajectoryOf(12, 9, weeks4), Signal::kWhiteNoncase);
  EXPECT_EQ(TrajectoryOf(19, 13, weeks4), Signal::kGreenOnTrack) << "reliable improvement, X >= 10";
  const NotOnTrackContext with_norms{
      .time_unit = TimeUnit::kWeeks, .elapsed = 5, .norms = WorkedNorms(TimeUnit::kWeeks)};
  EXPECT_EQ(TrajectoryOf(19, 16, with_norms), Signal::kGreenOnTrack) << "inside the band";
}

TEST(RuleOrderTest, FlagsRecordTheRuleSetAndModality) {
  StatusOr<NotOnTrackResult> result =
      Evaluate(19, 16, {.time_unit = TimeUnit::kWeeks, .elapsed = 4, .modality = "cbt"});
  ASSERT_TRUE(result.ok());
  const NotOnTrackFlag& flag = result->trajectory();
  EXPECT_EQ(flag.rule, "docs/measures-decisions.md §10.4 rule 4 (rational NOT)");
  EXPECT_EQ(flag.norm_set, "rational rules (no norm set)");
  EXPECT_EQ(flag.modality, "cbt");
  EXPECT_EQ(flag.reason, "PHQ-9 19 -> 16 after 4 weeks: reduction < 25 % and still >= 10");
  EXPECT_EQ(flag.basis.size(), 3u);
}

TEST(RuleOrderTest, UnitsAndModalitiesAreNeverMixed) {
  StatusOr<NotOnTrackResult> units =
      Evaluate(19, 16, {.time_unit = TimeUnit::kWeeks, .elapsed = 4, .norms = WorkedNorms()});
  EXPECT_EQ(units.status().code(), StatusCode::kInvalidArgument);
  EtrNormSet cbt_norms = WorkedNorms();
  cbt_norms.modality = "cbt";
  StatusOr<NotOnTrackResult> modality = Evaluate(
      19, 16,
      {.time_unit = TimeUnit::kSessions, .elapsed = 4, .modality = "istdp", .norms = cbt_norms});
  EXPECT_EQ(modality.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Evaluate(19, 16, {.elapsed = -1}).status().code(), StatusCode::kInvalidArgument);
}

TEST(RuleOrderTest, OtherInstrumentsHaveNoRuleSetYet) {
  StatusOr<NotOnTrackResult> result =
      Evaluate(30, 40, {.time_unit = TimeUnit::kWeeks, .elapsed = 6}, "madrs");
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->trajectory().signal, Signal::kNoSignal);
  EXPECT_EQ(result->trajectory().reason,
            "no not-on-track rule set for MADRS (docs/measures-decisions.md §10.4 defines the phq9 "
            "rule set)");
}

NotOnTrackContext Istdp(int sessions) {
  return {.time_unit = TimeUnit::kSessions,
          .elapsed = sessions,
          .modality = "istdp",
          .norms = WorkedNorms()};
}

TEST(EarlyWorseningTest, NotOnTrackBecomesReviewInsideTheWindow) {
  StatusOr<NotOnTrackResult> result = Evaluate(19, 20, Istdp(2));
  ASSERT_TRUE(result.ok());
  const NotOnTrackFlag& flag = result->trajectory();
  EXPECT_EQ(flag.signal, Signal::kReview);
  EXPECT_TRUE(flag.in_early_worsening_window);
  EXPECT_EQ(flag.modality, "istdp");
  EXPECT_NE(flag.annotation.find("inside the expected early-worsening window (istdp session 2 of "
                                 "the first 8)"),
            std::string::npos)
      << flag.annotation;
  EXPECT_NE(flag.annotation.find("prompt to review in context"), std::string::npos)
      << flag.annotation;
}

// A reliable deterioration inside the window stays one: the early-worsening finding is context,
// never a reason to wait (measures-decisions.md §11).
TEST(EarlyWorseningTest, ReliableDeteriorationIsNeverDownplayedInsideTheWindow) {
  StatusOr<NotOnTrackResult> result = Evaluate(13, 20, Istdp(4));
  ASSERT_TRUE(result.ok());
  const NotOnTrackFlag& flag = result->trajectory();
  EXPECT_EQ(flag.signal, Signal::kRedDeterioration);
  EXPECT_TRUE(flag.in_early_worsening_window);
  EXPECT_NE(flag.annotation.find("the rise is still a reliable deterioration and needs review now"),
            std::string::npos)
      << flag.annotation;
  EXPECT_EQ(flag.annotation.find("escalate"), std::string::npos) << flag.annotation;
}

TEST(EarlyWorseningTest, OnlyInsideTheWindowAndOnlyForListedModalities) {
  EXPECT_EQ(TrajectoryOf(19, 20, Istdp(8)), Signal::kReview);
  EXPECT_EQ(TrajectoryOf(19, 19, Istdp(9)), Signal::kRedNotOnTrack);
  NotOnTrackContext stpp = Istdp(3);
  stpp.modality = "stpp";
  EXPECT_EQ(TrajectoryOf(19, 20, stpp), Signal::kReview);
  NotOnTrackContext cbt = Istdp(2);
  cbt.modality = "cbt";
  EXPECT_EQ(TrajectoryOf(19, 20, cbt), Signal::kRedNotOnTrack);
}

TEST(EarlyWorseningTest, WeeksNeedTheSessionCount) {
  NotOnTrackContext weeks{.time_unit = TimeUnit::kWeeks,
                          .elapsed = 2,
                          .modality = "istdp",
                          .norms = WorkedNorms(TimeUnit::kWeeks)};
  EXPECT_EQ(TrajectoryOf(19, 20, weeks), Signal::kRedNotOnTrack) << "session count unknown";
  weeks.sessions_since_step_start = 4;
  EXPECT_EQ(TrajectoryOf(19, 20, weeks), Signal::kReview);
}

TEST(EarlyWorseningTest, DeteriorationStaysVisibleButAnnotated) {
  StatusOr<NotOnTrackResult> result = Evaluate(12, 18, Istdp(2));
  ASSERT_TRUE(result.ok());
  const NotOnTrackFlag& flag = result->trajectory();
  EXPECT_EQ(flag.signal, Signal::kRedDeterioration);
  EXPECT_TRUE(flag.in_early_worsening_window);
  EXPECT_FALSE(flag.annotation.empty());
}

}  // namespace
}  // namespace refract::measures
