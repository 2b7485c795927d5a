// The patient list with summaries (GET /api/v1/patients?summary=true) and the knowledge tables the
// web app's forms read (GET /api/v1/knowledge/tables/{name}, /api/v1/knowledge/instruments/{id}),
// on both stores.
#include <gtest/gtest.h>

#include "server_fixture.h"

namespace refract::server::testing {
namespace {

using nlohmann::json;

constexpr const char* kExampleA = "examples/a-early-single-failure.json";
constexpr const char* kExampleB = "examples/b-two-classes-augmentation-cbt.json";

class SummariesTest : public ServerTest {
 protected:
  // Adds a PHQ-9 administration to the patient at `version`; the reply's version.
  int64_t AddPhq9(const json& patient, int64_t version, const std::string& date,
                  const std::vector<int>& items) {
    const json body = {{"instrument", "phq9"}, {"date", date}, {"items", items}};
    httplib::Result added = Send(
        "POST", "/api/v1/patients/" + patient["patient_id"].get<std::string>() + "/assessments",
        &clinician_a_, body.dump(), {{"If-Match", std::to_string(version)}});
    EXPECT_EQ(added->status, 200) << added->body;
    return json::parse(added->body)["version"].get<int64_t>();
  }

  json Summaries(const std::string& query = "") {
    httplib::Result listed = Get("/api/v1/patients?summary=true" + query, &clinician_a_);
    EXPECT_EQ(listed->status, 200) << listed->body;
    return json::parse(listed->body)["patients"];
  }
};

TEST_P(SummariesTest, TheSummaryGivesTheStagePhq9TrendAndOpenAlertsOfTheLatestVersion) {
  const json patient = CreatePatient(clinician_a_, kExampleA);
  int64_t version = AddPhq9(patient, 1, "2026-11-01", {1, 1, 1, 1, 1, 1, 2, 2, 0});  // 10
  version = AddPhq9(patient, version, "2026-11-20", {2, 2, 2, 2, 1, 1, 2, 1, 1});    // 14
  const json summary = Summaries()[0]["summary"];
  EXPECT_EQ(summary["as_of"], "2026-11-30");
  EXPECT_EQ(summary["stage"]["model"], "maudsley_2009");
  EXPECT_FALSE(summary["stage"]["label"].get<std::string>().empty());
  EXPECT_EQ(summary["phq9"]["total"], 14);
  EXPECT_EQ(summary["phq9"]["previous_total"], 10);
  EXPECT_EQ(summary["phq9"]["trend"], "worse");
  EXPECT_EQ(summary["phq9"]["date"], "2026-11-20");
  EXPECT_EQ(summary["alerts"]["open"], 1);
  EXPECT_NE(summary["alerts"]["latest"].get<std::string>().find("item 9"), std::string::npos);
  EXPECT_NE(summary["alerts"]["safety_level"], "none");

  AddPhq9(patient, version, "2026-11-29", {1, 1, 1, 1, 1, 1, 1, 1, 0});  // 8: the alert is closed
  const json later = Summaries()[0]["summary"];
  EXPECT_EQ(later["phq9"]["trend"], "better");
  EXPECT_EQ(later["alerts"]["open"], 0);
  EXPECT_TRUE(later["alerts"]["latest"].is_null());
}

TEST_P(SummariesTest, APatientWithoutPhq9HasANullPhq9AndAnotherModelCanBeAsked) {
  CreatePatient(clinician_a_, kExampleA);
  const json summary = Summaries("&model=thase_rush_1997")[0]["summary"];
  EXPECT_TRUE(summary["phq9"].is_null());
  EXPECT_EQ(summary["stage"]["model"], "thase_rush_1997");
  EXPECT_EQ(summary["alerts"]["open"], 0);
  EXPECT_TRUE(Get("/api/v1/patients", &clinician_a_).value().body.find("summary") ==
              std::string::npos);
}

TEST_P(SummariesTest, AnUnknownModelIs400NamingTheParameter) {
  CreatePatient(clinician_a_, kExampleA);
  httplib::Result result = Get("/api/v1/patients?summary=true&model=nope", &clinician_a_);
  EXPECT_EQ(result->status, 400);
  EXPECT_EQ(json::parse(result->body)["error"]["details"][0]["path"], "model");
}

TEST_P(SummariesTest, ARecordThatCannotBeAssessedGetsAnErrorSummaryAndTheListStillServes) {
  const json broken = CreatePatient(clinician_a_, kExampleA);
  CreatePatient(clinician_a_, kExampleB);
  const std::string id = broken["patient_id"];
  ExecuteSql(
      "INSERT INTO patient_versions (patient_id, version, pseudonym, document, archived, "
      "author, time, reason) VALUES ('" +
      id +
      "', 2, 'example-a', '{\"schema\":\"refract-patient/1\"}', false, 'x', "
      "'2026-11-30T00:00:00Z', 'tampered')");
  ExecuteSql("UPDATE patients SET version = 2 WHERE id = '" + id + "'");
  const json patients = Summaries();
  ASSERT_EQ(patients.size(), 2u);
  EXPECT_TRUE(patients[0]["summary"].contains("error")) << patients[0];
  EXPECT_TRUE(patients[1]["summary"].contains("stage")) << patients[1];
}

TEST_P(SummariesTest, KnowledgeTablesAndInstrumentsAreServedAsLoaded) {
  httplib::Result table = Get("/api/v1/knowledge/tables/antidepressants", &clinician_a_);
  ASSERT_EQ(table->status, 200);
  EXPECT_EQ(table->body, *engine().KnowledgeTableText("antidepressants"));
  EXPECT_EQ(Get("/api/v1/knowledge/tables/interventions", &auditor_)->status, 200);
  httplib::Result phq9 = Get("/api/v1/knowledge/instruments/phq9", &clinician_a_);
  ASSERT_EQ(phq9->status, 200);
  EXPECT_EQ(json::parse(phq9->body)["id"], "phq9");
  EXPECT_EQ(Get("/api/v1/knowledge/tables/parameters", &clinician_a_)->status, 404);
  EXPECT_EQ(Get("/api/v1/knowledge/instruments/nope", &clinician_a_)->status, 404);
  EXPECT_EQ(Get("/api/v1/knowledge/tables/antidepressants", nullptr)->status, 401);
}

INSTANTIATE_TEST_SUITE_P(Stores, SummariesTest, ::testing::ValuesIn(kStoreKinds));

}  // namespace
}  // namespace refract::server::testing
