// API v1 contract for patients, versions, trials and assessments, on both stores.
#include <gtest/gtest.h>

#include "server_fixture.h"

namespace refract::server::testing {
namespace {

using nlohmann::json;

constexpr const char* kExampleA = "examples/a-early-single-failure.json";
constexpr const char* kExampleB = "examples/b-two-classes-augmentation-cbt.json";

class PatientsApiTest : public ServerTest {
 protected:
  std::string PatientPath(const json& patient) {
    return "/api/v1/patients/" + patient["patient_id"].get<std::string>();
  }
  httplib::Headers IfMatch(int64_t version) {
    return {{"If-Match", "\"" + std::to_string(version) + "\""}};
  }
};

TEST_P(PatientsApiTest, CreateThenReadReturnsTheRecordWithItsVersion) {
  const json created = CreatePatient(clinician_a_, kExampleA);
  EXPECT_EQ(created["version"], 1);
  EXPECT_EQ(created["pseudonym"], "example-a");
  EXPECT_EQ(created["change"]["author"], "clin-alpha");
  httplib::Result read = Get(PatientPath(created), &clinician_a_);
  ASSERT_TRUE(read);
  EXPECT_EQ(read->status, 200);
  EXPECT_EQ(read->get_header_value("ETag"), "\"1\"");
  json expected = json::parse(ReadProjectFile(kExampleA));
  expected["as_of"] = "2026-11-30";  // the fake clock's date: a created record is current
  EXPECT_EQ(json::parse(read->body)["record"], expected);
}

TEST_P(PatientsApiTest, EveryChangeBringsAsOfUpToTheServerClocksDateButNeverBack) {
  const json created = CreatePatient(clinician_a_, kExampleA);
  EXPECT_EQ(created["record"]["as_of"], "2026-11-30");
  clock_.Advance(std::chrono::hours(24 * 3));
  const json today = {
      {"instrument", "phq9"}, {"date", "2026-12-03"}, {"items", {1, 1, 1, 1, 1, 1, 1, 1, 0}}};
  httplib::Result added =
      Send("POST", PatientPath(created) + "/assessments", &clinician_a_, today.dump(), IfMatch(1));
  ASSERT_EQ(added->status, 200) << added->body;
  EXPECT_EQ(json::parse(added->body)["record"]["as_of"], "2026-12-03");
  json later = json::parse(added->body)["record"];
  later["as_of"] = "2027-01-10";  // a clinician's later as_of is kept
  httplib::Result replaced =
      Send("PUT", PatientPath(created), &clinician_a_, later.dump(), IfMatch(2));
  ASSERT_EQ(replaced->status, 200) << replaced->body;
  EXPECT_EQ(json::parse(replaced->body)["record"]["as_of"], "2027-01-10");
}

TEST_P(PatientsApiTest, AnInvalidRecordIsRefusedWithTheFieldPathAndNothingIsStored) {
  json record = json::parse(ReadProjectFile(kExampleA));
  record["treatments"][0]["end"] = "2025-01-01";  // before its start
  httplib::Result result = Send("POST", "/api/v1/patients", &clinician_a_, record.dump());
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 400);
  const json error = json::parse(result->body)["error"];
  EXPECT_EQ(error["code"], "invalid_argument");
  ASSERT_FALSE(error["details"].empty());
  EXPECT_EQ(error["details"][0]["path"], "$.treatments[0].end") << result->body;
  EXPECT_EQ(*store_->CountPatients(), 0);
}

TEST_P(PatientsApiTest, ListPagesAndSearchesByPseudonymPrefixWithinTheTeam) {
  CreatePatient(clinician_a_, kExampleA);
  CreatePatient(clinician_a_, kExampleB);
  CreatePatient(clinician_b_, kExampleA);  // the same pseudonym in another team
  httplib::Result page = Get("/api/v1/patients?limit=1", &clinician_a_);
  ASSERT_TRUE(page);
  const json first = json::parse(page->body);
  ASSERT_EQ(first["patients"].size(), 1u);
  EXPECT_EQ(first["patients"][0]["pseudonym"], "example-a");
  httplib::Result next = Get(
      "/api/v1/patients?limit=1&after=" + first["next_after"].get<std::string>(), &clinician_a_);
  EXPECT_EQ(json::parse(next->body)["patients"][0]["pseudonym"], "example-b");
  httplib::Result search = Get("/api/v1/patients?q=example-b", &clinician_a_);
  EXPECT_EQ(json::parse(search->body)["patients"].size(), 1u);
}

TEST_P(PatientsApiTest, AnUpdateNeedsTheCurrentVersionAndALostUpdateIsA409) {
  const json created = CreatePatient(clinician_a_, kExampleA);
  json record = created["record"];
  record["episode"]["lifetime_episodes"] = 2;
  httplib::Result missing = Send("PUT", PatientPath(created), &clinician_a_, record.dump());
  EXPECT_EQ(missing->status, 412);
  httplib::Result updated =
      Send("PUT", PatientPath(created), &clinician_a_, record.dump(), IfMatch(1));
  ASSERT_EQ(updated->status, 200) << updated->body;
  EXPECT_EQ(json::parse(updated->body)["version"], 2);
  httplib::Result stale =
      Send("PUT", PatientPath(created), &clinician_a_, record.dump(), IfMatch(1));
  EXPECT_EQ(stale->status, 409);
  EXPECT_EQ(json::parse(stale->body)["error"]["code"], "conflict");
  httplib::Result past = Get(PatientPath(created) + "?version=1", &clinician_a_);
  EXPECT_EQ(json::parse(past->body)["record"]["episode"]["lifetime_episodes"], 1);
}

TEST_P(PatientsApiTest, TrialsAreAddedCorrectedAndRetractedAsNewVersionsWithReasons) {
  const json created = CreatePatient(clinician_a_, kExampleA);
  const json trial = {{"id", "T3"},
                      {"kind", "antidepressant"},
                      {"drug", "venlafaxine"},
                      {"start", "2025-06-02"},
                      {"end", "2025-07-28"},
                      {"doses", {{{"from", "2025-06-02"}, {"mg_per_day", 150}}}},
                      {"outcome", {{"judgement", "nonresponse"}}}};
  httplib::Result added =
      Send("POST", PatientPath(created) + "/trials", &clinician_a_, trial.dump(), IfMatch(1));
  ASSERT_EQ(added->status, 200) << added->body;
  json corrected_trial = trial;
  corrected_trial["end"] = "2025-07-21";
  httplib::Result corrected = Send("PUT", PatientPath(created) + "/trials/T3", &clinician_a_,
                                   corrected_trial.dump(), IfMatch(2));
  ASSERT_EQ(corrected->status, 200) << corrected->body;
  httplib::Result no_reason =
      Send("DELETE", PatientPath(created) + "/trials/T3", &clinician_a_, "", IfMatch(3));
  EXPECT_EQ(no_reason->status, 400);
  httplib::Result retracted =
      Send("DELETE", PatientPath(created) + "/trials/T3?reason=wrong%20patient", &clinician_a_, "",
           IfMatch(3));
  ASSERT_EQ(retracted->status, 200) << retracted->body;
  httplib::Result history = Get(PatientPath(created) + "/history", &clinician_a_);
  const json versions = json::parse(history->body)["versions"];
  ASSERT_EQ(versions.size(), 4u);
  EXPECT_EQ(versions[1]["reason"], "added trial T3");
  EXPECT_EQ(versions[2]["reason"], "corrected trial T3");
  EXPECT_EQ(versions[3]["reason"], "retracted trial T3: wrong patient");
}

TEST_P(PatientsApiTest, AddingASecondFailedTrialChangesTheStoredAssessment) {
  const json created = CreatePatient(clinician_a_, kExampleA);
  auto two_failures = [&]() {
    httplib::Result assessment = Get(PatientPath(created) + "/assessment", &clinician_a_);
    return json::parse(assessment->body)["staging"]["two_failures"]["meets"];
  };
  const json before = two_failures();
  const json trial = {{"id", "T3"},
                      {"kind", "antidepressant"},
                      {"drug", "mirtazapine"},
                      {"start", "2025-06-02"},
                      {"end", "2025-07-28"},
                      {"doses", {{{"from", "2025-06-02"}, {"mg_per_day", 30}}}},
                      {"adherence_pct", 90},
                      {"outcome", {{"instrument", "madrs"}, {"baseline", 30}, {"end", 29}}}};
  httplib::Result added =
      Send("POST", PatientPath(created) + "/trials", &clinician_a_, trial.dump(), IfMatch(1));
  ASSERT_EQ(added->status, 200) << added->body;
  EXPECT_NE(two_failures(), before);
}

TEST_P(PatientsApiTest, AssessmentsAreAddedByItemsAndASelfHarmItemRaisesACriticalAlert) {
  const json created = CreatePatient(clinician_a_, kExampleA);
  const json phq9 = {
      {"instrument", "phq9"}, {"date", "2025-08-01"}, {"items", {2, 2, 1, 2, 1, 1, 2, 1, 2}}};
  httplib::Result added =
      Send("POST", PatientPath(created) + "/assessments", &clinician_a_, phq9.dump(), IfMatch(1));
  ASSERT_EQ(added->status, 200) << added->body;
  httplib::Result assessment = Get(PatientPath(created) + "/assessment", &clinician_a_);
  EXPECT_NE(assessment->body.find("\"critical\""), std::string::npos);
  httplib::Result retracted = Send("DELETE", PatientPath(created) + "/assessments/0?reason=typo",
                                   &clinician_a_, "", IfMatch(2));
  ASSERT_EQ(retracted->status, 200) << retracted->body;
  EXPECT_TRUE(json::parse(retracted->body)["record"]["assessments"].empty());
}

TEST_P(PatientsApiTest, TheAssessmentAsOfAnEarlierDateLeavesOutWhatCameLater) {
  const json created = CreatePatient(clinician_a_, kExampleA);
  httplib::Result early = Get(PatientPath(created) + "/assessment?as_of=2025-04-01", &clinician_a_);
  ASSERT_EQ(early->status, 200) << early->body;
  const json assessment = json::parse(early->body);
  EXPECT_EQ(assessment["as_of"], "2025-04-01");
  ASSERT_EQ(assessment["trials"].size(), 1u);  // T2 started in May
  httplib::Result late = Get(PatientPath(created) + "/assessment?as_of=2030-01-01", &clinician_a_);
  EXPECT_EQ(late->status, 400);
}

TEST_P(PatientsApiTest, ArchivedPatientsAreHiddenKeptAndCannotBeChanged) {
  const json created = CreatePatient(clinician_a_, kExampleA);
  httplib::Result archived = Send("POST", PatientPath(created) + "/archive", &clinician_a_,
                                  R"({"reason":"moved away"})", IfMatch(1));
  ASSERT_EQ(archived->status, 200) << archived->body;
  EXPECT_TRUE(json::parse(Get("/api/v1/patients", &clinician_a_)->body)["patients"].empty());
  EXPECT_EQ(
      json::parse(Get("/api/v1/patients?archived=true", &clinician_a_)->body)["patients"].size(),
      1u);
  httplib::Result changed =
      Send("PUT", PatientPath(created), &clinician_a_, created["record"].dump(), IfMatch(2));
  EXPECT_EQ(changed->status, 412);
}

TEST_P(PatientsApiTest, StatelessAssessMatchesTheEngineInProcess) {
  const std::string text = ReadProjectFile(kExampleB);
  httplib::Result result = Send("POST", "/api/v1/assess", &clinician_a_, text);
  ASSERT_EQ(result->status, 200) << result->body;
  const json assessment = json::parse(result->body);
  EXPECT_EQ(assessment["patient_id"], "example-b");
  EXPECT_FALSE(assessment["staging"].empty());
  EXPECT_FALSE(assessment["options"].is_null());
}

INSTANTIATE_TEST_SUITE_P(Stores, PatientsApiTest, ::testing::ValuesIn(kStoreKinds));

}  // namespace
}  // namespace refract::server::testing
