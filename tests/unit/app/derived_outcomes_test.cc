#include "refract/app/derived_outcomes.h"

#include <gtest/gtest.h>

#include "embedded_knowledge.h"

namespace refract {
namespace {

using test_support::EmbeddedKnowledge;
using test_support::EmbeddedMeasures;
using test_support::ParseRecord;

// One sertraline trial from 2025-03-01 to 2025-05-01 without a recorded outcome, plus
// `assessments`.
Assessment AssessWith(const std::string& assessments) {
  StatusOr<PatientRecord> record = ParseRecord(
      R"({"format": "refract-patient/1", "id": "t", "as_of": "2026-06-01", "diagnosis": "mdd",
          "episode": {"onset": "2025-01-01", "severity": "moderate"},
          "treatments": [{"id": "T1", "kind": "antidepressant", "drug": "sertraline", "start": "2025-03-01",
                          "end": "2025-05-01", "doses": [{"from": "2025-03-01", "mg_per_day": 100}]}],
          "assessments": [)" +
      assessments + "]}");
  EXPECT_TRUE(record.ok()) << record.status().message();
  return AssessPatient(*record, EmbeddedKnowledge(), EmbeddedMeasures(), StagingOptions{});
}

TEST(DerivedOutcomeTest, UsesTheScoresAroundTheTrial) {
  const Assessment assessment = AssessWith(R"(
    {"instrument": "phq9", "date": "2025-02-10", "items": [3,3,2,2,2,3,2,2,0]},
    {"instrument": "phq9", "date": "2025-04-28", "items": [2,2,2,2,2,2,2,2,0]})");
  const TrialReport& trial = assessment.trials.front();
  EXPECT_EQ(trial.outcome.category, OutcomeCategory::kNonresponse);  // 19 -> 16 = 15.8 %
  EXPECT_EQ(trial.outcome_from_assessments,
            "from the PHQ-9 scores dated around T1: 19 on 2025-02-10 -> 16 on 2025-04-28");
  EXPECT_EQ(trial.outcome_from, trial.outcome_from_assessments);
  EXPECT_EQ(assessment.staging.front().counted_trials, std::vector<std::string>{"T1"});
}

TEST(DerivedOutcomeTest, PrefersClinicianRatedInstruments) {
  const Assessment assessment = AssessWith(R"(
    {"instrument": "phq9", "date": "2025-03-01", "items": [3,3,2,2,2,3,2,2,0]},
    {"instrument": "madrs", "date": "2025-03-01", "items": [3,3,3,3,3,3,3,3,3,0]},
    {"instrument": "phq9", "date": "2025-05-01", "items": [0,0,0,0,0,0,0,0,0]},
    {"instrument": "madrs", "date": "2025-05-01", "items": [3,3,3,3,2,3,3,3,3,0]})");
  EXPECT_NE(assessment.trials.front().outcome_from_assessments.find("MADRS"), std::string::npos);
  EXPECT_EQ(assessment.trials.front().outcome.category, OutcomeCategory::kNonresponse);
}

TEST(DerivedOutcomeTest, NeedsABaselineNearTheStart) {
  // The only early score is 40 days before the start (window: 28 days).
  const Assessment assessment = AssessWith(R"(
    {"instrument": "phq9", "date": "2025-01-20", "items": [3,3,2,2,2,3,2,2,0]},
    {"instrument": "phq9", "date": "2025-04-28", "items": [2,2,2,2,2,2,2,2,0]})");
  EXPECT_TRUE(assessment.trials.front().outcome_from_assessments.empty());
  EXPECT_EQ(assessment.trials.front().outcome.category, OutcomeCategory::kUnknown);
}

TEST(DerivedOutcomeTest, ARecordedOutcomeWins) {
  StatusOr<PatientRecord> record = ParseRecord(
      R"({"format": "refract-patient/1", "id": "t", "as_of": "2026-06-01", "diagnosis": "mdd",
          "episode": {"onset": "2025-01-01", "severity": "moderate"},
          "treatments": [{"id": "T1", "kind": "antidepressant", "drug": "sertraline", "start": "2025-03-01",
                          "end": "2025-05-01", "doses": [{"from": "2025-03-01", "mg_per_day": 100}],
                          "outcome": {"judgement": "response"}}],
          "assessments": [{"instrument": "phq9", "date": "2025-03-01", "items": [3,3,2,2,2,3,2,2,0]},
                          {"instrument": "phq9", "date": "2025-05-01", "items": [3,3,2,2,2,3,2,2,0]}]})");
  ASSERT_TRUE(record.ok()) << record.status().message();
  const Assessment assessment =
      AssessPatient(*record, EmbeddedKnowledge(), EmbeddedMeasures(), StagingOptions{});
  EXPECT_EQ(assessment.trials.front().outcome.category, OutcomeCategory::kResponse);
  EXPECT_TRUE(assessment.trials.front().outcome_from_assessments.empty());
  EXPECT_EQ(assessment.trials.front().outcome_from,
            "from the clinician's judgement recorded on the trial");
}

// Two MADRS tagged to T1 are its baseline and end, though an untagged score lies later in the end
// window.
TEST(DerivedOutcomeTest, ScoresTaggedToTheTrialTakePrecedence) {
  const Assessment assessment = AssessWith(R"(
    {"instrument": "madrs", "date": "2025-03-01", "total": 31, "treatment": "T1"},
    {"instrument": "madrs", "date": "2025-04-28", "total": 28, "treatment": "T1"},
    {"instrument": "madrs", "date": "2025-05-05", "total": 14})");
  const TrialReport& trial = assessment.trials.front();
  EXPECT_EQ(trial.outcome_from,
            "from the MADRS scores tagged to T1: 31 on 2025-03-01 -> 28 on 2025-04-28");
  EXPECT_EQ(trial.outcome.baseline, 31);
  EXPECT_EQ(trial.outcome.end, 28);
  EXPECT_EQ(trial.outcome.category, OutcomeCategory::kNonresponse);
}

TEST(DerivedOutcomeTest, WithoutTagsTheDateWindowsDecide) {
  const Assessment assessment = AssessWith(R"(
    {"instrument": "madrs", "date": "2025-03-01", "total": 31},
    {"instrument": "madrs", "date": "2025-04-28", "total": 28},
    {"instrument": "madrs", "date": "2025-05-05", "total": 14})");
  EXPECT_EQ(assessment.trials.front().outcome_from,
            "from the MADRS scores dated around T1: 31 on 2025-03-01 -> 14 on 2025-05-05");
}

// A tagged end score that is too early to be an outcome (< 14 days after the start) is no outcome.
TEST(DerivedOutcomeTest, TaggedEndMustBeLateEnoughToBeAnOutcome) {
  const Assessment assessment = AssessWith(R"(
    {"instrument": "madrs", "date": "2025-03-01", "total": 31, "treatment": "T1"},
    {"instrument": "madrs", "date": "2025-03-08", "total": 30, "treatment": "T1"})");
  EXPECT_EQ(assessment.trials.front().outcome.category, OutcomeCategory::kUnknown);
  EXPECT_EQ(assessment.trials.front().outcome_from,
            "no outcome recorded or derivable from the assessments");
}

// T1 2025-03-01 to 2025-05-01, then T2 from 2025-05-01. A score tagged to T2 three days after T1
// ended is never T1's end; it is T2's baseline, and T1's last score is shared as T2's baseline when
// T2 has no score of its own near its start.
Assessment AssessSwitch(const std::string& assessments) {
  StatusOr<PatientRecord> record = ParseRecord(
      R"({"format": "refract-patient/1", "id": "t", "as_of": "2026-06-01", "diagnosis": "mdd",
          "episode": {"onset": "2025-01-01", "severity": "moderate"},
          "treatments": [{"id": "T1", "kind": "antidepressant", "drug": "sertraline", "start": "2025-03-01",
                          "end": "2025-05-01", "doses": [{"from": "2025-03-01", "mg_per_day": 100}]},
                         {"id": "T2", "kind": "antidepressant", "drug": "venlafaxine", "start": "2025-05-01",
                          "end": "2025-07-01", "doses": [{"from": "2025-05-01", "mg_per_day": 150}]}],
          "assessments": [)" +
      assessments + "]}");
  EXPECT_TRUE(record.ok()) << record.status().message();
  return AssessPatient(*record, EmbeddedKnowledge(), EmbeddedMeasures(), StagingOptions{});
}

TEST(DerivedOutcomeTest, AScoreTaggedToAnotherTrialIsNeverThisTrialsEnd) {
  const Assessment assessment = AssessSwitch(R"(
    {"instrument": "madrs", "date": "2025-03-01", "total": 31},
    {"instrument": "madrs", "date": "2025-04-20", "total": 28},
    {"instrument": "madrs", "date": "2025-05-04", "total": 29, "treatment": "T2"},
    {"instrument": "madrs", "date": "2025-06-28", "total": 20, "treatment": "T2"})");
  EXPECT_EQ(assessment.trials[0].outcome_from,
            "from the MADRS scores dated around T1: 31 on 2025-03-01 -> 28 on 2025-04-20");
  EXPECT_EQ(assessment.trials[1].outcome_from,
            "from the MADRS scores tagged to T2: 29 on 2025-05-04 -> 20 on 2025-06-28");
}

TEST(DerivedOutcomeTest, ThePreviousTrialsLastScoreMayBeTheNextTrialsBaseline) {
  const Assessment assessment = AssessSwitch(R"(
    {"instrument": "madrs", "date": "2025-03-01", "total": 31, "treatment": "T1"},
    {"instrument": "madrs", "date": "2025-04-28", "total": 28, "treatment": "T1"},
    {"instrument": "madrs", "date": "2025-06-28", "total": 20})");
  EXPECT_EQ(assessment.trials[1].outcome_from,
            "from the MADRS scores dated around T2: 28 on 2025-04-28 (tagged to T1) -> 20 on "
            "2025-06-28");
}

}  // namespace
}  // namespace refract
