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
  EXPECT_EQ(out["trials"][io_test::kLiothyronine]["adverse_effects"],
            json::array({"activation", "nausea_gi"}));
  EXPECT_EQ(out["trials"][io_test::kSertraline]["adverse_effects"], json::array());
}

}  // namespace
}  // namespace refract
