// NHS Talking Therapies "IAPT-style" outcomes (measures-decisions.md §9.5 POLICY pseudo-code):
// every recovery state crossed with every reliable-change state, eligibility, thresholds at their
// boundaries.
#include "refract/measures/talking_therapies.h"

#include <gtest/gtest.h>

#include "measures_test_util.h"

namespace refract::measures {
namespace {

using testing::Parameters;
using Rc = AnxietyReliableChange;
using RS = RecoveryState;
using CS = ReliableChangeState;

struct IaptCase {
  const char* name;
  TalkingTherapiesScores scores;
  Rc anxiety_rc;
  RS recovery_state;
  CS reliable_change;
  bool recovery;  // the pseudo-code's `recovery` (independent of sessions)
};

void PrintTo(const IaptCase& c, std::ostream* os) { *os << c.name; }

class TalkingTherapiesTest : public ::testing::TestWithParam<IaptCase> {};

TEST_P(TalkingTherapiesTest, ClassifiesPerThePolicyPseudoCode) {
  const IaptCase& c = GetParam();
  StatusOr<TalkingTherapiesResult> result =
      ClassifyTalkingTherapies(c.scores, Parameters().talking_therapies, c.anxiety_rc);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->recovery_state, c.recovery_state) << ToString(result->recovery_state);
  EXPECT_EQ(result->reliable_change, c.reliable_change) << ToString(result->reliable_change);
  EXPECT_EQ(result->recovery, c.recovery);
  EXPECT_EQ(result->reliable_recovery, result->recovery && result->reliable_improvement);
  EXPECT_EQ(result->eligible_for_recovery, result->case_start && c.scores.sessions_attended >= 2);
  EXPECT_TRUE(result->provisional()) << "the combination rule is UNCERTAIN";
}

TalkingTherapiesScores Pair(int phq_first, int phq_last, std::optional<int> gad_first,
                            std::optional<int> gad_last, int sessions = 6) {
  return {.phq9_first = phq_first,
          .phq9_last = phq_last,
          .gad7_first = gad_first,
          .gad7_last = gad_last,
          .sessions_attended = sessions};
}

const IaptCase kCases[] = {
    // Not at caseness at the start (PHQ-9 <= 9 and GAD-7 <= 7).
    {"noncase_no_change", Pair(8, 4, 6, 5), Rc::kNhsTalkingTherapies, RS::kNotAtCaseness,
     CS::kNoReliableChange, false},
    {"noncase_reliable_improvement", Pair(9, 2, 7, 3), Rc::kNhsTalkingTherapies, RS::kNotAtCaseness,
     CS::kReliableImprovement, false},
    {"noncase_reliable_deterioration", Pair(3, 9, 2, 6), Rc::kNhsTalkingTherapies,
     RS::kNotAtCaseness, CS::kReliableDeterioration, false},
    // At caseness but fewer than 2 sessions: not eligible for recovery.
    {"one_session", Pair(15, 5, 10, 4, 1), Rc::kNhsTalkingTherapies, RS::kNotFinishedCourse,
     CS::kReliableImprovement, true},
    // Finished courses.
    {"reliable_recovery", Pair(15, 5, 10, 4, 2), Rc::kNhsTalkingTherapies, RS::kReliableRecovery,
     CS::kReliableImprovement, true},
    {"recovery_without_reliable_change", Pair(11, 8, 9, 6), Rc::kNhsTalkingTherapies, RS::kRecovery,
     CS::kNoReliableChange, true},
    {"recovery_with_reliable_deterioration", Pair(0, 6, 9, 6), Rc::kNhsTalkingTherapies,
     RS::kRecovery, CS::kReliableDeterioration, true},
    {"recovery_with_mixed_change", Pair(15, 5, 0, 5), Rc::kNhsTalkingTherapies, RS::kRecovery,
     CS::kMixedReliableChange, true},
    {"paired_example_not_recovered", Pair(19, 9, 12, 9), Rc::kNhsTalkingTherapies,
     RS::kNotRecovered, CS::kReliableImprovement, false},
    {"not_recovered_no_change", Pair(15, 12, 10, 9), Rc::kNhsTalkingTherapies, RS::kNotRecovered,
     CS::kNoReliableChange, false},
    {"reliable_deterioration_both", Pair(10, 16, 8, 12), Rc::kNhsTalkingTherapies,
     RS::kNotRecovered, CS::kReliableDeterioration, false},
    {"reliable_deterioration_anxiety_only", Pair(12, 12, 8, 12), Rc::kNhsTalkingTherapies,
     RS::kNotRecovered, CS::kReliableDeterioration, false},
    {"mixed_reliable_change", Pair(18, 8, 8, 12), Rc::kNhsTalkingTherapies, RS::kNotRecovered,
     CS::kMixedReliableChange, false},
    // Thresholds at their boundaries.
    {"phq9_drop_of_exactly_6", Pair(16, 10, 3, 3), Rc::kNhsTalkingTherapies, RS::kNotRecovered,
     CS::kReliableImprovement, false},
    {"phq9_drop_of_5", Pair(16, 11, 3, 3), Rc::kNhsTalkingTherapies, RS::kNotRecovered,
     CS::kNoReliableChange, false},
    {"gad7_caseness_at_8", Pair(9, 9, 8, 7), Rc::kNhsTalkingTherapies, RS::kRecovery,
     CS::kNoReliableChange, true},
    {"phq9_caseness_at_10", Pair(10, 9, 7, 7), Rc::kNhsTalkingTherapies, RS::kRecovery,
     CS::kNoReliableChange, true},
    // GAD-7 reliable change: 4 (NHS Talking Therapies) or 6 (Bischoff 2020).
    {"gad7_drop_5_nhs", Pair(5, 5, 12, 7), Rc::kNhsTalkingTherapies, RS::kReliableRecovery,
     CS::kReliableImprovement, true},
    {"gad7_drop_5_bischoff", Pair(5, 5, 12, 7), Rc::kBischoff2020, RS::kRecovery,
     CS::kNoReliableChange, true},
    // PHQ-9 only (no anxiety measure).
    {"phq9_only_reliable_recovery", Pair(12, 6, std::nullopt, std::nullopt),
     Rc::kNhsTalkingTherapies, RS::kReliableRecovery, CS::kReliableImprovement, true},
};

INSTANTIATE_TEST_SUITE_P(AllStates, TalkingTherapiesTest, ::testing::ValuesIn(kCases),
                         [](const auto& test_info) { return std::string(test_info.param.name); });

TEST(TalkingTherapiesTest, LabelsTheActiveGad7ReliableChange) {
  StatusOr<TalkingTherapiesResult> nhs =
      ClassifyTalkingTherapies(Pair(5, 5, 12, 7), Parameters().talking_therapies);
  EXPECT_EQ(nhs->anxiety_reliable_change,
            "GAD-7 reliable change 4 points (talking_therapies.gad7_reliable_change)");
  StatusOr<TalkingTherapiesResult> bischoff = ClassifyTalkingTherapies(
      Pair(5, 5, 12, 7), Parameters().talking_therapies, Rc::kBischoff2020);
  EXPECT_EQ(bischoff->anxiety_reliable_change,
            "GAD-7 reliable change 6 points (talking_therapies.gad7_reliable_change_bischoff)");
}

TEST(TalkingTherapiesTest, RejectsInvalidScores) {
  const TalkingTherapiesParameters& parameters = Parameters().talking_therapies;
  EXPECT_EQ(ClassifyTalkingTherapies(Pair(10, 5, 9, std::nullopt), parameters).status().message(),
            "GAD-7: give both the first and the last score, or neither");
  EXPECT_EQ(ClassifyTalkingTherapies(Pair(28, 5, 9, 9), parameters).status().message(),
            "PHQ-9 first: 28 is outside the range 0-27");
  EXPECT_EQ(ClassifyTalkingTherapies(Pair(10, 5, 9, 22), parameters).status().message(),
            "GAD-7 last: 22 is outside the range 0-21");
  EXPECT_EQ(ClassifyTalkingTherapies(Pair(10, 5, 9, 9, -1), parameters).status().message(),
            "sessions_attended must be >= 0");
}

}  // namespace
}  // namespace refract::measures
