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
          "outcome", "outcome_source", "outcome_detail", "improvement_pct"}) {
      EXPECT_TRUE(trial.contains(key)) << trial["id"] << "." << key;
    }
  }
}

TEST(AssessmentToJsonTest, WritesTrialValues) {
  const json t1 = Written()["trials"][io_test::kSertraline];
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
  EXPECT_FALSE(trials[io_test::kCbt].contains("weeks_at_min_dose"));
  EXPECT_FALSE(trials[io_test::kEct].contains("weeks_at_min_dose"));
  EXPECT_TRUE(trials[io_test::kCbt]["improvement_pct"].is_null());
}

TEST(AssessmentToJsonTest, IntensifiedCareAdequacyIsNull) {
  const json h1 = Written()["trials"][io_test::kInpatient];
  EXPECT_TRUE(h1["adequate"].is_null());
  EXPECT_EQ(h1["outcome"], "unknown");
  EXPECT_EQ(h1["outcome_source"], "none");
}

TEST(AssessmentToJsonTest, OngoingTrialEndsAtAsOf) {
  const json n1 = Written()["trials"][io_test::kNortriptyline];
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
  const json p1 = WrittenWithPartialStart()["trials"][io_test::kCbt];
  EXPECT_EQ(p1["start"], "2024-05");
  EXPECT_EQ(p1["start_imputed"], "2024-05-15");
  EXPECT_EQ(p1["end"], "2024-08-01");
  EXPECT_FALSE(p1.contains("end_imputed"));
  EXPECT_FALSE(p1.contains("imputed_date_decides"));
}

TEST(AssessmentToJsonTest, MarksATrialAnImputedDayDecides) {
  const json out = WrittenWithPartialStart();
  const json& t1 = out["trials"][io_test::kSertraline];
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

}  // namespace
}  // namespace refract
