// Patient questionnaire links through the API, on both stores: a clinician makes a one-time link,
// the patient opens it and submits once without an account; used, expired and unknown links are
// 410 alike.
#include <gtest/gtest.h>

#include "server_fixture.h"

namespace refract::server::testing {
namespace {

using nlohmann::json;

constexpr const char* kExampleA = "examples/a-early-single-failure.json";
const std::vector<int> kPhq9 = {1, 1, 2, 1, 0, 1, 1, 0, 0};
const std::vector<int> kGad7 = {1, 0, 1, 1, 0, 2, 1};

class QuestionnaireLinksTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (IsSkipped()) return;
    patient_ = CreatePatient(clinician_a_, kExampleA);
  }

  std::string LinksPath() {
    return "/api/v1/patients/" + patient_["patient_id"].get<std::string>() + "/questionnaire-links";
  }

  httplib::Result MakeLink(const json& body, const Account& account) {
    return Send("POST", LinksPath(), &account, body.dump());
  }

  // A new link's token.
  std::string Token(const json& instruments = {"phq9", "gad7"}) {
    httplib::Result made = MakeLink({{"instruments", instruments}}, clinician_a_);
    EXPECT_EQ(made->status, 201) << made->body;
    return json::parse(made->body)["token"];
  }

  httplib::Result Open(const std::string& token) {
    return Send("POST", "/api/v1/questionnaire/open", nullptr, json{{"token", token}}.dump());
  }

  httplib::Result Submit(const std::string& token, const json& answers) {
    return Send("POST", "/api/v1/questionnaire/submit", nullptr,
                json{{"token", token}, {"answers", answers}}.dump());
  }

  json Latest() {
    return json::parse(
        Get("/api/v1/patients/" + patient_["patient_id"].get<std::string>(), &clinician_a_)->body);
  }

  json patient_;
};

TEST_P(QuestionnaireLinksTest, AClinicianMakesALinkWithAPathAndExpiryAndListsItWithoutTheToken) {
  httplib::Result made =
      MakeLink({{"instruments", {"phq9"}}, {"expires_in_hours", 24}}, clinician_a_);
  ASSERT_EQ(made->status, 201) << made->body;
  const json link = json::parse(made->body);
  const std::string token = link["token"];
  EXPECT_EQ(token.size(), 64u);
  EXPECT_EQ(link["path"], "/q/#t=" + token);
  EXPECT_EQ(link["expires_at"], "2026-12-01T00:53:20Z");
  httplib::Result listed = Get(LinksPath(), &clinician_a_);
  ASSERT_EQ(listed->status, 200);
  EXPECT_EQ(listed->body.find(token), std::string::npos);
  const json links = json::parse(listed->body)["links"];
  ASSERT_EQ(links.size(), 1u);
  EXPECT_EQ(links[0]["status"], "pending");
  EXPECT_EQ(links[0]["created_by"], "clin-alpha");
  EXPECT_TRUE(links[0]["used_at"].is_null());
}

TEST_P(QuestionnaireLinksTest, ALinkRequestIsValidatedAndOnlyTheTeamsClinicianMayMakeOne) {
  const auto paths = [](httplib::Result& result) {
    std::vector<std::string> out;
    const json body = json::parse(result->body);
    for (const json& detail : body["error"]["details"]) {
      out.push_back(detail["path"]);
    }
    return out;
  };
  httplib::Result empty = MakeLink({{"instruments", json::array()}}, clinician_a_);
  EXPECT_EQ(empty->status, 400);
  EXPECT_EQ(paths(empty), std::vector<std::string>{"instruments"});
  httplib::Result bad = MakeLink(
      {{"instruments", {"phq9", "madrs", "phq9"}}, {"expires_in_hours", 337}}, clinician_a_);
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(paths(bad),
            (std::vector<std::string>{"instruments[1]", "instruments[2]", "expires_in_hours"}));
  EXPECT_EQ(MakeLink({{"instruments", {"phq9"}}}, clinician_b_)->status, 403);
  EXPECT_EQ(MakeLink({{"instruments", {"phq9"}}}, admin_)->status, 403);
  EXPECT_EQ(MakeLink({{"instruments", {"phq9"}}}, auditor_)->status, 403);
  EXPECT_EQ(Get(LinksPath(), &clinician_b_)->status, 403);
  EXPECT_TRUE(json::parse(Get(LinksPath(), &clinician_a_)->body)["links"].empty());
}

TEST_P(QuestionnaireLinksTest, OpeningGivesTheWordingAndCrisisTextButNoPatientIdentifier) {
  const std::string token = Token();
  httplib::Result opened = Open(token);
  ASSERT_EQ(opened->status, 200) << opened->body;
  EXPECT_EQ(opened->body.find(patient_["patient_id"].get<std::string>()), std::string::npos);
  EXPECT_EQ(opened->body.find("example-a"), std::string::npos);
  const json questionnaire = json::parse(opened->body);
  ASSERT_EQ(questionnaire["instruments"].size(), 2u);
  const json& phq9 = questionnaire["instruments"][0];
  EXPECT_EQ(phq9["id"], "phq9");
  ASSERT_EQ(phq9["items"].size(), 9u);
  EXPECT_EQ(phq9["items"][0]["text"], "Little interest or pleasure in doing things");
  EXPECT_EQ(phq9["responses"][3]["label"], "Nearly every day");
  EXPECT_EQ(questionnaire["instruments"][1]["items"].size(), 7u);
  EXPECT_EQ(questionnaire["crisis"]["text"], config_.crisis_text);
  httplib::Result by_header = Send("POST", "/api/v1/questionnaire/open", nullptr, "",
                                   {{"Authorization", "Questionnaire " + token}});
  EXPECT_EQ(by_header->status, 200) << by_header->body;
}

TEST_P(QuestionnaireLinksTest, UnknownAndExpiredLinksAre410WithOneMessage) {
  const std::string token = Token();
  httplib::Result unknown = Open(std::string(64, 'a'));
  EXPECT_EQ(unknown->status, 410);
  const std::string message = json::parse(unknown->body)["error"]["message"];
  EXPECT_EQ(message, "This link has been used or has expired.");
  clock_.Advance(std::chrono::hours(72));
  httplib::Result expired = Open(token);
  EXPECT_EQ(expired->status, 410);
  EXPECT_EQ(json::parse(expired->body)["error"]["message"], message);
  EXPECT_EQ(json::parse(Get(LinksPath(), &clinician_a_)->body)["links"][0]["status"], "expired");
}

TEST_P(QuestionnaireLinksTest, ASubmissionAddsOneAssessmentPerInstrumentAsOneVersionOnce) {
  const std::string token = Token();
  clock_.Advance(std::chrono::hours(24));  // the answers are dated the server's today
  httplib::Result submitted = Submit(token, {{"phq9", kPhq9}, {"gad7", kGad7}});
  ASSERT_EQ(submitted->status, 200) << submitted->body;
  const json reply = json::parse(submitted->body);
  EXPECT_TRUE(reply["received"]);
  EXPECT_FALSE(reply["self_harm_positive"]);
  EXPECT_TRUE(reply["crisis"].is_null());
  const json latest = Latest();
  EXPECT_EQ(latest["version"], 2);
  EXPECT_EQ(latest["change"]["author"], "questionnaire-link");
  EXPECT_EQ(latest["change"]["reason"], "patient questionnaire");
  EXPECT_EQ(latest["record"]["as_of"], "2026-12-01");
  const json& assessments = latest["record"]["assessments"];
  ASSERT_EQ(assessments.size(), 2u);
  for (const json& assessment : assessments) EXPECT_EQ(assessment["date"], "2026-12-01");
  EXPECT_EQ(Submit(token, {{"phq9", kPhq9}, {"gad7", kGad7}})->status, 410);
  EXPECT_EQ(Open(token)->status, 410);
  EXPECT_EQ(Latest()["version"], 2);
  EXPECT_EQ(json::parse(Get(LinksPath(), &clinician_a_)->body)["links"][0]["status"], "used");
  bool audited = false;
  const std::vector<store::AuditEvent> rows = *store_->ListAudit(0, 1000);
  for (const store::AuditEvent& row : rows) {
    if (row.action == "questionnaire.submit" && row.outcome == "ok") {
      audited = row.patient_id == patient_["patient_id"] && row.version == 2;
    }
  }
  EXPECT_TRUE(audited);
}

TEST_P(QuestionnaireLinksTest, APositiveItem9GivesTheCrisisTextAndAnOpenAlertInTheSummary) {
  const std::string token = Token({"phq9"});
  std::vector<int> answers = kPhq9;
  answers[8] = 1;
  httplib::Result submitted = Submit(token, {{"phq9", answers}});
  ASSERT_EQ(submitted->status, 200) << submitted->body;
  const json reply = json::parse(submitted->body);
  EXPECT_TRUE(reply["self_harm_positive"]);
  EXPECT_EQ(reply["crisis"]["text"], config_.crisis_text);
  const json listed = json::parse(Get("/api/v1/patients?summary=true", &clinician_a_)->body);
  EXPECT_EQ(listed["patients"][0]["summary"]["alerts"]["open"], 1);
}

TEST_P(QuestionnaireLinksTest, IncompleteAnswersAre400WithPathsAndLeaveTheLinkUsable) {
  const std::string token = Token();
  std::vector<json> phq9(kPhq9.begin(), kPhq9.end());
  phq9[8] = 4;
  httplib::Result bad = Submit(token, {{"phq9", phq9}});
  ASSERT_EQ(bad->status, 400) << bad->body;
  const json details = json::parse(bad->body)["error"]["details"];
  ASSERT_EQ(details.size(), 2u) << details;
  EXPECT_EQ(details[0]["path"], "answers.phq9[8]");
  EXPECT_EQ(details[0]["rule"], "must be an integer 0-3");
  EXPECT_EQ(details[1]["path"], "answers.gad7");
  EXPECT_EQ(Latest()["version"], 1);
  EXPECT_EQ(Submit(token, {{"phq9", kPhq9}, {"gad7", kGad7}})->status, 200);
}

TEST_P(QuestionnaireLinksTest, FailedTokensFromOneAddressAreThrottled) {
  const std::string token = Token();
  for (int i = 0; i < config_.throttle.per_account; ++i) {
    EXPECT_EQ(Open(std::string(64, 'b'))->status, 410);
  }
  httplib::Result throttled = Open(token);
  EXPECT_EQ(throttled->status, 429);
  EXPECT_FALSE(throttled->get_header_value("Retry-After").empty());
  clock_.Advance(config_.throttle.window);
  EXPECT_EQ(Open(token)->status, 200);
}

INSTANTIATE_TEST_SUITE_P(Stores, QuestionnaireLinksTest, ::testing::ValuesIn(kStoreKinds));

}  // namespace
}  // namespace refract::server::testing
