#include "refract/io/assessment_json.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "embedded_knowledge.h"
#include "record_json.h"
#include "refract/io/patient_json.h"

namespace refract {
namespace {

using nlohmann::json;
using test_support::EmbeddedKnowledge;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kModelIds[] = {"thase_rush_1997", "european_1999", "mgh_2003",
                                     "maudsley_2009",   "dm_trd_2016",   "conway_2017",
                                     "markowitz_2022",  "two_failures",  "sforzini_2022"};

Assessment AssessValidRecord() {
  const StatusOr<PatientRecord> record =
      test_support::ParseRecord(io_test::ValidRecordJson().dump());
  if (!record.ok()) ADD_FAILURE() << record.status().message();
  return test_support::AssessWithEmbedded(*record);
}

// The written trial with `id` (the trials are written in the record's canonical order: by start
// date, then id; domain/record_rules.h).
json TrialIn(const json& trials, std::string_view id) {
  for (const json& trial : trials) {
    if (trial["id"] == id) return trial;
  }
  ADD_FAILURE() << "no trial " << id;
  return json::object();
}
json Trial(const json& assessment, std::string_view id) {
  return TrialIn(assessment["trials"], id);
}

json Written(bool pretty = false) {
  return json::parse(AssessmentToJson(AssessValidRecord(), pretty));
}

TEST(AssessmentToJsonTest, CarriesFormatDisclaimerAndPatient) {
  const json out = Written();
  EXPECT_EQ(out["format"], "refract-assessment/1");
  EXPECT_EQ(out["format"], kAssessmentFormat);
  EXPECT_EQ(out["disclaimer"], kDecisionSupportDisclaimer);
  EXPECT_EQ(out["patient_id"], "p1");
  EXPECT_EQ(out["as_of"], "2025-08-01");
  EXPECT_EQ(out["diagnosis"], "mdd");
  EXPECT_TRUE(out["knowledge"]["version"].is_string());
  EXPECT_EQ(out["knowledge"]["dose_convention"], "atrq");
}

TEST(AssessmentToJsonTest, HasEveryModelUnderStaging) {
  const json out = Written();
  ASSERT_TRUE(out["staging"].is_object());
  EXPECT_EQ(out["staging"].size(), std::size(kModelIds));
  for (const char* id : kModelIds) {
    ASSERT_TRUE(out["staging"].contains(id)) << id;
    const json& model = out["staging"][id];
    for (const char* key : {"name", "citation", "applicable", "summary", "provisional",
                            "counted_trials", "excluded_trials", "components", "assumptions",
                            "uncertain_params", "missing", "next_steps", "variants", "notes"}) {
      EXPECT_TRUE(model.contains(key)) << id << "." << key;
    }
  }
}

TEST(AssessmentToJsonTest, ModelsCarryTheirKindOfResult) {
  const json staging = Written()["staging"];
  EXPECT_TRUE(staging["thase_rush_1997"]["stage"].is_number_integer());
  EXPECT_TRUE(staging["maudsley_2009"]["score"].is_number());
  EXPECT_TRUE(staging["maudsley_2009"]["category"].is_string());
  EXPECT_TRUE(staging["two_failures"]["meets"].is_boolean());
}

TEST(AssessmentToJsonTest, HasOneTrialEntryPerTreatmentWithEveryField) {
  const json trials = Written()["trials"];
  ASSERT_TRUE(trials.is_array());
  ASSERT_EQ(trials.size(), io_test::ValidRecordJson()["treatments"].size());
  for (const json& trial : trials) {
    for (const char* key :
         {"id", "kind", "agent", "class", "start", "end", "ongoing", "in_current_episode",
          "adequate", "reasons", "adherence_unverified", "weeks_total", "uncertain_params",
          "outcome", "outcome_source", "outcome_detail", "improvement_pct", "outcome_from"}) {
      EXPECT_TRUE(trial.contains(key)) << trial["id"] << "." << key;
    }
    for (const char* key : {"outcome_decision", "outcome_near_boundary"}) {
      EXPECT_TRUE(trial.contains(key)) << trial["id"] << "." << key;
    }
  }
}

TEST(AssessmentToJsonTest, WritesTrialValues) {
  const json t1 = Trial(Written(), "T1");
  EXPECT_EQ(t1["id"], "T1");
  EXPECT_EQ(t1["kind"], "antidepressant");
  EXPECT_EQ(t1["agent"], "sertraline");
  EXPECT_EQ(t1["class"], "SSRI");
  EXPECT_EQ(t1["start"], "2024-02-01");
  EXPECT_EQ(t1["end"], "2024-04-01");
  EXPECT_EQ(t1["ongoing"], false);
  EXPECT_EQ(t1["adequate"], true);  // 60 days at >= 50 mg
  EXPECT_EQ(t1["outcome"], "nonresponse");
  EXPECT_EQ(t1["outcome_source"], "scores");
  EXPECT_EQ(t1["improvement_pct"], 13.3);  // rounded to one decimal
  EXPECT_EQ(t1["weeks_at_min_dose"], 8.6);
  EXPECT_EQ(t1["reasons"][0]["check"], "dose");
  EXPECT_EQ(t1["reasons"][0]["passed"], true);
}

TEST(AssessmentToJsonTest, NonMedicationTrialsHaveNoWeeksAtMinimumDose) {
  const json trials = Written()["trials"];
  EXPECT_FALSE(TrialIn(trials, "P1").contains("weeks_at_min_dose"));
  EXPECT_FALSE(TrialIn(trials, "E1").contains("weeks_at_min_dose"));
  EXPECT_TRUE(TrialIn(trials, "P1")["improvement_pct"].is_null());
}

TEST(AssessmentToJsonTest, IntensifiedCareAdequacyIsNull) {
  const json h1 = Trial(Written(), "H1");
  EXPECT_TRUE(h1["adequate"].is_null());
  EXPECT_EQ(h1["outcome"], "unknown");
  EXPECT_EQ(h1["outcome_source"], "none");
}

TEST(AssessmentToJsonTest, OngoingTrialEndsAtAsOf) {
  const json n1 = Trial(Written(), "N1");
  EXPECT_EQ(n1["ongoing"], true);
  EXPECT_EQ(n1["end"], "2025-08-01");
}

TEST(AssessmentToJsonTest, ListsWhatWasNeverAdequatelyTried) {
  const json untried = Written()["not_adequately_tried"];
  ASSERT_TRUE(untried.is_array());
  ASSERT_FALSE(untried.empty());
  for (const json& entry : untried) {
    EXPECT_TRUE(entry["id"].is_string());
    EXPECT_TRUE(entry["label"].is_string());
    EXPECT_TRUE(entry["tried"].is_boolean());
    EXPECT_TRUE(entry["attempts"].is_array());
  }
}

// The record with T1 changed to MADRS 29 -> 22 (24.1 %, nonresponse) judged partial response, and
// `assessments`.
json WrittenWith(const json& assessments) {
  json record = io_test::ValidRecordJson();
  record["treatments"][io_test::kSertraline]["outcome"] = {
      {"instrument", "madrs"}, {"baseline", 29}, {"end", 22}, {"judgement", "partial_response"}};
  record["assessments"] = assessments;
  const StatusOr<PatientRecord> parsed = test_support::ParseRecord(record.dump());
  if (!parsed.ok()) ADD_FAILURE() << parsed.status().message();
  return json::parse(AssessmentToJson(test_support::AssessWithEmbedded(*parsed), false));
}

TEST(AssessmentToJsonTest, WritesTheConflictBetweenScoresAndJudgement) {
  const json t1 = Trial(WrittenWith(json::array()), "T1");
  EXPECT_EQ(t1["outcome"], "nonresponse");
  EXPECT_EQ(t1["outcome_from"], "from the scores recorded on the trial");
  const json& decision = t1["outcome_decision"];
  EXPECT_EQ(decision["decided_by"], "scores");
  EXPECT_EQ(decision["score_category"], "nonresponse");
  EXPECT_EQ(decision["judgement"], "partial_response");
  EXPECT_EQ(decision["conflict"], true);
  EXPECT_EQ(decision["explanation"],
            "MADRS 29 -> 22: 24.1 % improvement = nonresponse; the clinician judged partial "
            "response; the scores decided (docs/patient-record.md#outcome)");
  const json a1 = Trial(WrittenWith(json::array()), "A1");
  EXPECT_EQ(a1["outcome_decision"]["decided_by"], "clinician_judgement");
  EXPECT_EQ(a1["outcome_decision"]["score_category"], nullptr);
  EXPECT_EQ(a1["outcome_decision"]["conflict"], false);
  EXPECT_EQ(a1["outcome_from"], "from the clinician's judgement recorded on the trial");
}

TEST(AssessmentToJsonTest, WritesTheBoundariesNearAnOutcome) {
  const json near = Trial(WrittenWith(json::array()), "T1");
  ASSERT_EQ(near["outcome_near_boundary"].size(), 1u);
  const json& boundary = near["outcome_near_boundary"][0];
  EXPECT_EQ(boundary["boundary"], "the 25 % partial-response boundary");
  EXPECT_EQ(boundary["threshold_pct"], 25);
  EXPECT_EQ(boundary["end"], 21);
  EXPECT_EQ(boundary["points"], 1);
  EXPECT_EQ(boundary["category"], "partial_response");
  EXPECT_THAT(boundary["detail"].get<std::string>(), HasSubstr("0.9 percentage points below"));
  EXPECT_TRUE(Trial(Written(), "T1")["outcome_near_boundary"].empty());
}

// Four total-only MADRS after one with a positive item 10: the positive item and the latest
// notice are alerts, the three older notices one summary; every administration keeps its own.
TEST(AssessmentToJsonTest, GroupsOlderNotAvailableNoticesAndNamesTheSeverity) {
  const json out = WrittenWith(json::parse(R"([
    {"instrument": "madrs", "date": "2024-03-01", "items": [3,3,3,3,3,3,3,3,3,1]},
    {"instrument": "madrs", "date": "2024-04-15", "total": 31},
    {"instrument": "madrs", "date": "2024-06-01", "total": 29},
    {"instrument": "madrs", "date": "2024-08-15", "total": 28},
    {"instrument": "madrs", "date": "2024-10-01", "total": 25}])"));
  ASSERT_EQ(out["alerts"].size(), 2u);
  EXPECT_EQ(out["alerts"][0]["code"], "SAFETY_ITEM10");
  EXPECT_EQ(out["alerts"][0]["severity"], "critical");
  EXPECT_EQ(out["alerts"][0]["threshold_band"], "below the screening cut-off");
  EXPECT_FALSE(out["alerts"][0].contains("level"));
  EXPECT_FALSE(out["alerts"][0].contains("critical"));
  EXPECT_THAT(out["alerts"][0]["message"].get<std::string>(),
              HasSubstr("critical alert, prompt for a structured risk assessment by a clinician; "
                        "below the screening cut-off (2)"));
  EXPECT_EQ(out["alerts"][1]["code"], "SAFETY_ITEM_NOT_AVAILABLE");
  EXPECT_EQ(out["alerts"][1]["severity"], "notice");
  EXPECT_EQ(out["alerts"][1]["threshold_band"], nullptr);
  EXPECT_EQ(out["alerts"][1]["date"], "2024-10-01");
  ASSERT_EQ(out["alert_summaries"].size(), 1u);
  EXPECT_EQ(out["alert_summaries"][0]["count"], 3);
  EXPECT_EQ(out["alert_summaries"][0]["severity"], "notice");
  EXPECT_EQ(out["alert_summaries"][0]["message"],
            "3 earlier MADRS totals, 2024-04-15 to 2024-08-15, had no item 10 recorded");
  size_t per_administration = 0;
  for (const json& series : out["measures"]["series"]) {
    for (const json& administration : series["administrations"]) {
      per_administration += administration["alerts"].size();
    }
  }
  EXPECT_EQ(per_administration, 5u);
}

TEST(AssessmentToJsonTest, CompactOutputIsOneLine) {
  const std::string text = AssessmentToJson(AssessValidRecord(), false);
  EXPECT_THAT(text, Not(HasSubstr("\n")));
}

TEST(AssessmentToJsonTest, PrettyOutputIsIndentedAndEquivalent) {
  const std::string text = AssessmentToJson(AssessValidRecord(), true);
  EXPECT_THAT(text, HasSubstr("\n  \"format\""));
  EXPECT_EQ(json::parse(text), Written(false));
}

// T1 of the valid record from a start recorded as 2024-02 to 2024-03-26: 40 days at the imputed
// 2024-02-15 (not adequate), 54 days from 2024-02-01 (adequate).
json WrittenWithPartialStart() {
  json document = io_test::ValidRecordJson();
  json& t1 = document["treatments"][io_test::kSertraline];
  t1["start"] = "2024-02";
  t1["end"] = "2024-03-26";
  t1["doses"] = json::array({{{"from", "2024-02"}, {"mg_per_day", 100}}});
  document["treatments"][io_test::kCbt]["start"] = "2024-05";
  const StatusOr<PatientRecord> record = test_support::ParseRecord(document.dump());
  if (!record.ok()) ADD_FAILURE() << record.status().message();
  return json::parse(AssessmentToJson(test_support::AssessWithEmbedded(*record), false));
}

TEST(AssessmentToJsonTest, PartialDatesAreWrittenAsRecordedWithTheImputedDay) {
  const json p1 = Trial(WrittenWithPartialStart(), "P1");
  EXPECT_EQ(p1["start"], "2024-05");
  EXPECT_EQ(p1["start_imputed"], "2024-05-15");
  EXPECT_EQ(p1["end"], "2024-08-01");
  EXPECT_FALSE(p1.contains("end_imputed"));
  EXPECT_FALSE(p1.contains("imputed_date_decides"));
}

TEST(AssessmentToJsonTest, MarksATrialAnImputedDayDecides) {
  const json out = WrittenWithPartialStart();
  const json& t1 = Trial(out, "T1");
  EXPECT_EQ(t1["adequate"], false);
  ASSERT_TRUE(t1.contains("imputed_date_decides"));
  EXPECT_EQ(t1["imputed_date_decides"]["results"], json({"not adequate", "adequate"}));
  const json& dates = t1["imputed_date_decides"]["dates"];
  ASSERT_EQ(dates.size(), 2u);
  EXPECT_EQ(dates[0]["field"], "$.treatments[0].start");
  EXPECT_EQ(dates[0]["recorded"], "2024-02");
  EXPECT_EQ(dates[0]["imputed"], "2024-02-15");
  EXPECT_EQ(dates[0]["earliest"], "2024-02-01");
  EXPECT_EQ(dates[0]["latest"], "2024-02-29");
  EXPECT_EQ(dates[1]["field"], "$.treatments[0].doses[0].from");
  // 2024-03-26 - 42 days = 2024-02-13: the last start that makes 6 weeks.
  EXPECT_EQ(t1["imputed_date_decides"]["condition"],
            "adequate if T1 start was on or before 2024-02-13, not adequate from 2024-02-14");
}

TEST(AssessmentToJsonTest, NothingIsMarkedWithoutPartialDates) {
  const json out = Written();
  for (const json& trial : out["trials"]) EXPECT_FALSE(trial.contains("imputed_date_decides"));
  for (const auto& [id, model] : out["staging"].items()) {
    EXPECT_FALSE(model.contains("imputed_date_decides")) << id;
  }
  EXPECT_FALSE(out.contains("not_adequately_tried_imputed_date_decides"));
}

TEST(AssessmentToJsonTest, InputNotesSayWhatEachNameWasReadAs) {
  EXPECT_EQ(Written()["input_notes"], json::array());
  json document = io_test::ValidRecordJson();
  document["treatments"][io_test::kSertraline]["drug"] = "Lustral";
  const StatusOr<PatientRecord> record = test_support::ParseRecord(document.dump());
  ASSERT_TRUE(record.ok()) << record.status().message();
  const json out = json::parse(AssessmentToJson(test_support::AssessWithEmbedded(*record), false));
  const json note = {{"path", "$.treatments[0].drug"},
                     {"input", "Lustral"},
                     {"read_as", "sertraline"},
                     {"how", "other name (BNF: UK brand)"}};
  EXPECT_EQ(out["input_notes"], json::array({note}));
  EXPECT_EQ(out["trials"][0]["agent"], "sertraline");
}

TEST(AssessmentToJsonTest, TrialsListTheirAdverseEffects) {
  json document = io_test::ValidRecordJson();
  document["treatments"][io_test::kLiothyronine]["adverse_effects"] = {"activation", "nausea_gi"};
  const StatusOr<PatientRecord> record = test_support::ParseRecord(document.dump());
  ASSERT_TRUE(record.ok()) << record.status().message();
  const json out = json::parse(AssessmentToJson(test_support::AssessWithEmbedded(*record), false));
  EXPECT_EQ(Trial(out, "A1")["adverse_effects"], json::array({"activation", "nausea_gi"}));
  EXPECT_EQ(Trial(out, "T1")["adverse_effects"], json::array());
}

}  // namespace
}  // namespace refract
