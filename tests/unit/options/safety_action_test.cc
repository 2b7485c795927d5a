// The safety action's level (src/options/safety_action.cc): routine, urgent, emergency.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "options_test_util.h"

namespace refract::options_testing {
namespace {

SafetySignal Item(bool urgent, std::optional<int> days_before) {
  return {"SAFETY_ITEM9", "PHQ-9 item 9", urgent, days_before};
}

class SafetyActionTest : public OptionsTest {
 protected:
  SafetyLevel Level() {
    Rank();
    EXPECT_EQ(report.safety_actions.size(), 1u);
    return report.safety_actions.empty() ? SafetyLevel::kRoutine : report.safety_actions[0].level;
  }
};

TEST_F(SafetyActionTest, AnItemBelowItsUrgentLevelIsRoutine) {
  input.safety_signals = {Item(false, 0)};
  EXPECT_EQ(Level(), SafetyLevel::kRoutine);
  EXPECT_EQ(report.safety_actions[0].text, "message safety_routine");
}

TEST_F(SafetyActionTest, ARecentItemAtItsUrgentLevelIsUrgent) {
  input.safety_signals = {Item(true, 14)};
  EXPECT_EQ(Level(), SafetyLevel::kUrgent);
  EXPECT_EQ(report.safety_actions[0].text, "message safety_urgent");
}

TEST_F(SafetyActionTest, AnOldItemAtItsUrgentLevelIsRoutine) {
  input.safety_signals = {Item(true, 15)};
  EXPECT_EQ(Level(), SafetyLevel::kRoutine);
}

TEST_F(SafetyActionTest, AnUndatedUrgentItemCountsAsRecent) {
  input.safety_signals = {Item(true, std::nullopt)};
  EXPECT_EQ(Level(), SafetyLevel::kUrgent);
}

TEST_F(SafetyActionTest, RecordedActiveSuicidalityIsAnEmergencyWhateverTheItem) {
  input.conditions = {{"active_suicidality", true, "recorded"}};
  input.safety_signals = {{"ACTIVE_SUICIDALITY", "active suicidality recorded", false, {}},
                          Item(false, 1)};
  EXPECT_EQ(Level(), SafetyLevel::kEmergency);
  EXPECT_EQ(report.safety_actions[0].text, "message safety_emergency");
}

TEST_F(SafetyActionTest, CatatoniaOrNotEatingIsAnUrgentMedicalRiskBesideTheSuicideAction) {
  input.self_harm_item_days = 2;  // asked lately, nothing positive: no suicide action
  input.conditions = {{"not_eating_or_drinking", true, "recorded"}};
  Rank();
  ASSERT_EQ(report.safety_actions.size(), 1u);
  EXPECT_EQ(report.safety_actions[0].code, "URGENT_MEDICAL_RISK");
  EXPECT_EQ(report.safety_actions[0].level, SafetyLevel::kUrgent);
  EXPECT_EQ(report.safety_actions[0].why, "not eating or drinking recorded");
  input.conditions.push_back({"catatonia", true, "recorded"});
  input.safety_signals = {Item(true, 0)};
  Rank();
  ASSERT_EQ(report.safety_actions.size(), 2u);
  EXPECT_EQ(report.safety_actions[0].code, "SAFETY_ASSESSMENT");
  EXPECT_EQ(report.safety_actions[1].why, "catatonia and not eating or drinking recorded");
}

TEST_F(SafetyActionTest, ARecentAttemptIsAnEmergency) {
  input.conditions = {{"recent_suicide_attempt", true, "recorded"}};
  input.safety_signals = {
      {"RECENT_SUICIDE_ATTEMPT", "a recent suicide attempt recorded", false, {}}};
  EXPECT_EQ(Level(), SafetyLevel::kEmergency);
  EXPECT_EQ(report.safety_actions[0].why, "a recent suicide attempt is recorded");
}

TEST_F(SafetyActionTest, NothingAskedLatelyIsARoutinePrompt) {
  input.self_harm_item_days = 15;
  EXPECT_EQ(Level(), SafetyLevel::kRoutine);
  EXPECT_EQ(report.safety_actions[0].code, "SAFETY_NOT_ASSESSED");
  EXPECT_EQ(report.safety_actions[0].text, "message safety_not_assessed");
  input.self_harm_item_days = std::nullopt;  // no item at all
  EXPECT_EQ(Level(), SafetyLevel::kRoutine);
  EXPECT_EQ(report.safety_actions[0].code, "SAFETY_NOT_ASSESSED");
}

TEST_F(SafetyActionTest, ARecentItemOrARecordedScreenIsAnAssessment) {
  input.self_harm_item_days = 14;
  Rank();
  EXPECT_THAT(report.safety_actions, ::testing::IsEmpty());
  input.self_harm_item_days = std::nullopt;
  input.conditions = {{"active_suicidality", false, "screened: absent"}};
  Rank();
  EXPECT_THAT(report.safety_actions, ::testing::IsEmpty());
}

TEST_F(SafetyActionTest, SuicidalityRecordedAsAbsentDoesNotRaiseTheLevel) {
  input.conditions = {{"active_suicidality", false, "recorded absent"}};
  input.safety_signals = {Item(false, 1)};
  EXPECT_EQ(Level(), SafetyLevel::kRoutine);
}

}  // namespace
}  // namespace refract::options_testing
