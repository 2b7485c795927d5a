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
  EXPECT_NE(trial.outcome_from_assessments.find("PHQ-9 2025-02-10 = 19 -> 2025-04-28 = 16"),
            std::string::npos);
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
}

}  // namespace
}  // namespace refract
