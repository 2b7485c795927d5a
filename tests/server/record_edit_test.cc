// The document edits behind the trial and assessment sub-resources, and the record as of a date.
#include "record_edit.h"  // src/server (private to the target)

#include <gtest/gtest.h>

namespace refract::server {
namespace {

using nlohmann::json;

json Record() {
  return json::parse(R"({"as_of": "2025-08-01",
    "treatments": [
      {"id": "T1", "start": "2025-01-06", "end": "2025-03-03", "outcome": {"judgement": "nonresponse"},
       "doses": [{"from": "2025-01-06", "mg_per_day": 50}]},
      {"id": "T2", "start": "2025-03-10", "end": "2025-06-02", "sessions": 12,
       "outcome": {"judgement": "response"}, "stop_reason": "completed",
       "doses": [{"from": "2025-03-10", "mg_per_day": 75}, {"from": "2025-05-01", "mg_per_day": 150}]},
      {"id": "T3", "start": "2025-07", "kind": "psychotherapy"}],
    "assessments": [{"date": "2025-02-01"}, {"date": "2025-07-01"}]})");
}

TEST(RecordEditTest, AddTrialRefusesADuplicateIdAndATrialWithoutId) {
  EXPECT_EQ(AddTrial(Record(), {{"id", "T1"}}).status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(AddTrial(Record(), {{"kind", "ect"}}).status().details()[0].path, "$.id");
  EXPECT_EQ((*AddTrial(Record(), {{"id", "T4"}}))["treatments"].size(), 4u);
}

TEST(RecordEditTest, CorrectTrialKeepsTheAddressedIdAndRefusesAnother) {
  EXPECT_EQ(CorrectTrial(Record(), "T1", {{"id", "T9"}}).status().details()[0].path, "$.id");
  EXPECT_EQ(CorrectTrial(Record(), "T7", json::object()).status().code(), StatusCode::kNotFound);
  const json corrected = *CorrectTrial(Record(), "T2", {{"start", "2025-03-11"}});
  EXPECT_EQ(corrected["treatments"][1]["id"], "T2");
  EXPECT_EQ(corrected["treatments"][1]["start"], "2025-03-11");
}

TEST(RecordEditTest, AssessmentsAreAddressedByIndex) {
  EXPECT_EQ(RetractAssessment(Record(), 2).status().code(), StatusCode::kNotFound);
  EXPECT_EQ((*RetractAssessment(Record(), 0))["assessments"][0]["date"], "2025-07-01");
  EXPECT_EQ((*CorrectAssessment(Record(), 1, {{"date", "2025-07-02"}}))["assessments"][1]["date"],
            "2025-07-02");
}

TEST(RecordEditTest, AsOfDropsLaterDataAndMakesTrialsThatEndedLaterOngoing) {
  const json early = *RecordAsOf(Record(), "2025-04-15");
  EXPECT_EQ(early["as_of"], "2025-04-15");
  ASSERT_EQ(early["treatments"].size(), 2u);  // T3 (2025-07) had not started
  const json& t2 = early["treatments"][1];
  EXPECT_FALSE(t2.contains("end"));
  EXPECT_FALSE(t2.contains("outcome"));
  EXPECT_FALSE(t2.contains("stop_reason"));
  EXPECT_FALSE(t2.contains("sessions"));
  EXPECT_EQ(t2["doses"].size(), 1u);
  EXPECT_TRUE(early["treatments"][0].contains("outcome"));  // T1 ended before
  EXPECT_EQ(early["assessments"].size(), 1u);
}

TEST(RecordEditTest, AsOfMustBeADateNotAfterTheRecordsOwn) {
  EXPECT_EQ(RecordAsOf(Record(), "2025-13-01").status().details()[0].path, "as_of");
  EXPECT_EQ(RecordAsOf(Record(), "2025-08-02").status().code(), StatusCode::kInvalidArgument);
}

TEST(RecordEditTest, BumpAsOfMovesAsOfForwardToTodayButNeverBack) {
  EXPECT_EQ(BumpAsOf(json{{"as_of", "2025-08-01"}}, "2026-12-06")["as_of"], "2026-12-06");
  EXPECT_EQ(BumpAsOf(json{{"as_of", "2027-01-01"}}, "2026-12-06")["as_of"], "2027-01-01");
  EXPECT_FALSE(BumpAsOf(json::object(), "2026-12-06").contains("as_of"));  // left for validation
}

}  // namespace
}  // namespace refract::server
