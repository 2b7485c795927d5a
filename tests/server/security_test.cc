// Security contract of the API on both stores: authentication, care teams, roles, CSRF, login
// throttling, the audit chain, injection strings and bad bodies.
#include <gtest/gtest.h>

#include "server_fixture.h"

namespace refract::server::testing {
namespace {

using nlohmann::json;

constexpr const char* kExampleA = "examples/a-early-single-failure.json";

class SecurityTest : public ServerTest {
 protected:
  // Signs in with a password: the session cookie and the CSRF token.
  std::pair<std::string, std::string> SignIn(const Account& account) {
    httplib::Result result =
        Send("POST", "/api/v1/session", nullptr,
             json{{"username", account.username}, {"password", account.password}}.dump());
    EXPECT_EQ(result->status, 201) << result->body;
    const std::string cookie = result->get_header_value("Set-Cookie");
    return {cookie.substr(0, cookie.find(';')), json::parse(result->body)["csrf_token"]};
  }

  std::vector<store::AuditEvent> AuditRows() {
    StatusOr<std::vector<store::AuditEvent>> rows = store_->ListAudit(0, 1000);
    EXPECT_TRUE(rows.ok());
    return rows.ok() ? *rows : std::vector<store::AuditEvent>{};
  }
};

TEST_P(SecurityTest, WithoutCredentialsEveryPatientRouteIs401) {
  for (const char* path : {"/api/v1/patients", "/api/v1/me", "/api/v1/knowledge"}) {
    httplib::Result result = Get(path, nullptr);
    ASSERT_TRUE(result);
    EXPECT_EQ(result->status, 401) << path;
    EXPECT_EQ(json::parse(result->body)["error"]["code"], "unauthenticated");
  }
  Account forged{"x", "", "0000"};
  EXPECT_EQ(Get("/api/v1/patients", &forged)->status, 401);
}

TEST_P(SecurityTest, AnotherTeamsPatientIs403AndTheAttemptIsAudited) {
  const json created = CreatePatient(clinician_a_, kExampleA);
  const std::string path = "/api/v1/patients/" + created["patient_id"].get<std::string>();
  EXPECT_EQ(Get(path, &clinician_b_)->status, 403);
  EXPECT_EQ(Get(path + "/assessment", &clinician_b_)->status, 403);
  EXPECT_EQ(Send("PUT", path, &clinician_b_, created["record"].dump(), {{"If-Match", "1"}})->status,
            403);
  int denied = 0;
  for (const store::AuditEvent& row : AuditRows()) {
    if (row.username == "clin-beta" && row.outcome == "denied") {
      ++denied;
      EXPECT_EQ(row.patient_id, created["patient_id"]);
    }
  }
  EXPECT_EQ(denied, 3);
  EXPECT_EQ(json::parse(Get(path, &clinician_a_)->body)["version"], 1);  // nothing changed
}

TEST_P(SecurityTest, AdminsManageUsersButDoNotReadRecordsAndAuditorsReadOnlyTheLog) {
  EXPECT_EQ(Get("/api/v1/patients", &admin_)->status, 403);
  EXPECT_EQ(Get("/api/v1/patients", &auditor_)->status, 403);
  EXPECT_EQ(Get("/api/v1/users", &admin_)->status, 200);
  EXPECT_EQ(Get("/api/v1/users", &clinician_a_)->status, 403);
  EXPECT_EQ(Get("/api/v1/audit", &auditor_)->status, 200);
  EXPECT_EQ(Get("/api/v1/audit", &admin_)->status, 403);
  httplib::Result created = Send("POST", "/api/v1/users", &admin_,
                                 R"({"username":"new-clin","password":"a long enough pw",)"
                                 R"("roles":["clinician"],"team":"alpha"})");
  EXPECT_EQ(created->status, 201) << created->body;
  httplib::Result no_team = Send("POST", "/api/v1/users", &admin_,
                                 R"({"username":"x","password":"a long enough pw",)"
                                 R"("roles":["clinician"]})");
  EXPECT_EQ(no_team->status, 400);
}

TEST_P(SecurityTest, ASessionNeedsTheCsrfTokenForEveryChange) {
  const auto [cookie, csrf] = SignIn(clinician_a_);
  const std::string record = ReadProjectFile(kExampleA);
  httplib::Result without = Send("POST", "/api/v1/patients", nullptr, record, {{"Cookie", cookie}});
  EXPECT_EQ(without->status, 403);
  EXPECT_EQ(*store_->CountPatients(), 0);
  httplib::Result wrong = Send("POST", "/api/v1/patients", nullptr, record,
                               {{"Cookie", cookie}, {"X-CSRF-Token", "0" + csrf.substr(1)}});
  EXPECT_EQ(wrong->status, 403);
  httplib::Result with = Send("POST", "/api/v1/patients", nullptr, record,
                              {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
  EXPECT_EQ(with->status, 201) << with->body;
  EXPECT_EQ(client_->Get("/api/v1/patients", {{"Cookie", cookie}})->status, 200);
}

TEST_P(SecurityTest, TheSessionCookieIsHttpOnlyAndSameSiteStrictAndSignOutRevokesIt) {
  httplib::Result result =
      Send("POST", "/api/v1/session", nullptr,
           json{{"username", clinician_a_.username}, {"password", clinician_a_.password}}.dump());
  const std::string set_cookie = result->get_header_value("Set-Cookie");
  EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(set_cookie.find("SameSite=Strict"), std::string::npos);
  const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
  const std::string csrf = json::parse(result->body)["csrf_token"];
  EXPECT_EQ(
      Send("DELETE", "/api/v1/session", nullptr, "", {{"Cookie", cookie}, {"X-CSRF-Token", csrf}})
          ->status,
      204);
  EXPECT_EQ(client_->Get("/api/v1/me", {{"Cookie", cookie}})->status, 401);
}

TEST_P(SecurityTest, TwentyWrongPasswordsAreThrottledAndTheRightOneIsRefusedUntilTheWindowPasses) {
  const std::string wrong =
      json{{"username", clinician_a_.username}, {"password", "not the password!"}}.dump();
  int unauthorized = 0;
  int throttled = 0;
  for (int attempt = 0; attempt < 20; ++attempt) {
    const int status = Send("POST", "/api/v1/session", nullptr, wrong)->status;
    unauthorized += status == 401;
    throttled += status == 429;
  }
  EXPECT_EQ(unauthorized, config_.throttle.per_account);
  EXPECT_EQ(throttled, 20 - config_.throttle.per_account);
  const std::string right =
      json{{"username", clinician_a_.username}, {"password", clinician_a_.password}}.dump();
  httplib::Result refused = Send("POST", "/api/v1/session", nullptr, right);
  EXPECT_EQ(refused->status, 429);
  EXPECT_FALSE(refused->get_header_value("Retry-After").empty());
  clock_.Advance(config_.throttle.window);
  EXPECT_EQ(Send("POST", "/api/v1/session", nullptr, right)->status, 201);
}

TEST_P(SecurityTest, TamperingWithAnAuditRowIsDetected) {
  CreatePatient(clinician_a_, kExampleA);
  httplib::Result intact = Get("/api/v1/audit/verify", &auditor_);
  ASSERT_EQ(intact->status, 200);
  EXPECT_TRUE(json::parse(intact->body)["intact"]);
  ExecuteSql("UPDATE audit_log SET username = 'someone-else' WHERE action = 'patient.create'");
  httplib::Result broken = Get("/api/v1/audit/verify", &auditor_);
  const json verification = json::parse(broken->body);
  EXPECT_FALSE(verification["intact"]);
  EXPECT_GT(verification["first_bad_sequence"].get<int64_t>(), 0);
}

TEST_P(SecurityTest, InjectionStringsAreStoredAndReturnedVerbatim) {
  const std::vector<std::string> hostile = {"'); DROP TABLE patients; --",
                                            "100% _match_",
                                            "quote \" and \\ backslash",
                                            "Ünïcødé – ✓",
                                            "1 OR 1=1",
                                            "${jndi:ldap://x}"};
  for (const std::string& text : hostile) {
    json record = json::parse(ReadProjectFile(kExampleA));
    record["id"] = text;
    httplib::Result created =
        Send("POST", "/api/v1/patients", &clinician_a_, record.dump(), {{"X-Change-Reason", text}});
    ASSERT_EQ(created->status, 201) << text << ": " << created->body;
    const json patient = json::parse(created->body);
    httplib::Result read =
        Get("/api/v1/patients/" + patient["patient_id"].get<std::string>(), &clinician_a_);
    EXPECT_EQ(json::parse(read->body)["record"]["id"], text);
    EXPECT_EQ(json::parse(read->body)["pseudonym"], text);
  }
  httplib::Result search = client_->Get("/api/v1/patients?q=100%25", Bearer(clinician_a_));
  EXPECT_EQ(json::parse(search->body)["patients"].size(), 1u);  // '%' is literal
  EXPECT_EQ(*store_->CountPatients(), static_cast<int64_t>(hostile.size()));
}

TEST_P(SecurityTest, OversizeAndMalformedBodiesAre4xxAndWriteNothing) {
  const std::string huge(config_.max_body_bytes + 1, ' ');
  httplib::Result oversize = Send("POST", "/api/v1/patients", &clinician_a_, huge);
  ASSERT_TRUE(oversize);
  EXPECT_EQ(oversize->status, 413);
  EXPECT_EQ(json::parse(oversize->body)["error"]["code"], "resource_exhausted");
  for (const std::string body : {"{", "[]", "null", "{\"format\": 1}", ""}) {
    httplib::Result result = Send("POST", "/api/v1/patients", &clinician_a_, body);
    EXPECT_EQ(result->status, 400) << body;
    EXPECT_EQ(json::parse(result->body)["error"]["code"], "invalid_argument");
  }
  EXPECT_EQ(*store_->CountPatients(), 0);
  EXPECT_EQ(Get("/api/v1/nowhere", &clinician_a_)->status, 404);
}

INSTANTIATE_TEST_SUITE_P(Stores, SecurityTest, ::testing::ValuesIn(kStoreKinds));

}  // namespace
}  // namespace refract::server::testing
