// Security contract of the API on both stores: authentication, care teams, roles, CSRF, login
// throttling, the audit chain, injection strings and bad bodies.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

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
  const std::string wrong_token = (csrf.front() == '0' ? "1" : "0") + csrf.substr(1);
  httplib::Result wrong = Send("POST", "/api/v1/patients", nullptr, record,
                               {{"Cookie", cookie}, {"X-CSRF-Token", wrong_token}});
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

// Review findings (docs/reviews/server-security-review.md): each test failed before its fix.

TEST_P(SecurityTest, AnUnknownUsernameTakesAsLongAsAWrongPassword) {
  const auto attempt = [&](const std::string& username) {
    const auto start = std::chrono::steady_clock::now();
    httplib::Result result =
        Send("POST", "/api/v1/session", nullptr,
             json{{"username", username}, {"password", "not the password!"}}.dump());
    EXPECT_EQ(result->status, 401);
    EXPECT_EQ(json::parse(result->body)["error"]["message"], "wrong username or password");
    return std::chrono::steady_clock::now() - start;
  };
  auto unknown = std::chrono::steady_clock::duration::max();
  auto wrong = std::chrono::steady_clock::duration::max();
  for (int i = 0; i < 3; ++i) {
    unknown = std::min(unknown, attempt("nobody-" + std::to_string(i)));
    wrong = std::min(wrong, attempt(clinician_a_.username));
  }
  // Without a password check an unknown name answered in a small fraction of the argon2id time.
  EXPECT_GT(unknown, wrong / 3);
}

TEST_P(SecurityTest, EveryResponseCarriesTheSecurityHeadersOnce) {
  httplib::Result unknown_route = Get("/api/v1/nowhere", &clinician_a_);
  httplib::Result unauthenticated = Get("/api/v1/patients", nullptr);
  httplib::Result ok = Get("/api/v1/me", &clinician_a_);
  for (const httplib::Result* result : {&unknown_route, &unauthenticated, &ok}) {
    ASSERT_TRUE(*result);
    const httplib::Response& response = **result;
    EXPECT_EQ(response.get_header_value_count("Cache-Control"), 1u) << response.status;
    EXPECT_EQ(response.get_header_value("Cache-Control"), "no-store") << response.status;
    EXPECT_EQ(response.get_header_value("X-Content-Type-Options"), "nosniff") << response.status;
    EXPECT_EQ(response.get_header_value("X-Frame-Options"), "DENY") << response.status;
    EXPECT_EQ(response.get_header_value("Content-Security-Policy"),
              "default-src 'none'; frame-ancestors 'none'")
        << response.status;
  }
}

TEST_P(SecurityTest, BodyFieldsOfTheWrongTypeAre400Not500) {
  const json created = CreatePatient(clinician_a_, kExampleA);
  const std::string path = "/api/v1/patients/" + created["patient_id"].get<std::string>();
  httplib::Result trial =
      Send("POST", path + "/trials", &clinician_a_, R"({"id": 5})", {{"If-Match", "1"}});
  EXPECT_EQ(trial->status, 400) << trial->body;
  httplib::Result assessment =
      Send("POST", path + "/assessments", &clinician_a_,
           R"({"instrument": 7, "date": "2026-01-05", "total": 3})", {{"If-Match", "1"}});
  EXPECT_EQ(assessment->status, 400) << assessment->body;
  httplib::Result user = Send("POST", "/api/v1/users", &admin_,
                              R"({"username":"t","password":"a long enough pw",)"
                              R"("roles":["auditor"],"team":5})");
  EXPECT_EQ(user->status, 400) << user->body;
  httplib::Result meta =
      Send("POST", "/api/v1/meta", &clinician_a_, R"({"text": "a,b\n", "knha": "yes"})");
  EXPECT_EQ(meta->status, 400) << meta->body;
  httplib::Result score = Send("POST", "/api/v1/score", &clinician_a_,
                               R"({"instrument": "phq9", "total": 4294967300})");
  EXPECT_EQ(score->status, 400) << score->body;
  EXPECT_EQ(json::parse(Get(path, &clinician_a_)->body)["version"], 1);
}

TEST_P(SecurityTest, ADeeplyNestedBodyIs400AndTheServerKeepsRunning) {
  const json created = CreatePatient(clinician_a_, kExampleA);
  const std::string path = "/api/v1/patients/" + created["patient_id"].get<std::string>();
  const std::string nested = std::string(100000, '[') + std::string(100000, ']');
  httplib::Result trial = Send("POST", path + "/trials", &clinician_a_,
                               R"({"id": "T9", "x": )" + nested + "}", {{"If-Match", "1"}});
  ASSERT_TRUE(trial);
  EXPECT_EQ(trial->status, 400);
  httplib::Result assess = Send("POST", "/api/v1/assess", &clinician_a_,
                                R"({"format": "refract-patient/1", "x": )" + nested + "}");
  ASSERT_TRUE(assess);
  EXPECT_EQ(assess->status, 400);
  EXPECT_EQ(Get(path, &clinician_a_)->status, 200);
}

TEST_P(SecurityTest, AuditPagingParametersAreCheckedStrictly) {
  for (const char* query : {"?limit=abc", "?limit=5x", "?limit=0", "?after=-1", "?after=1e3"}) {
    EXPECT_EQ(Get(std::string("/api/v1/audit") + query, &auditor_)->status, 400) << query;
  }
  EXPECT_EQ(Get("/api/v1/audit?limit=5&after=0", &auditor_)->status, 200);
}

TEST_P(SecurityTest, APasswordResetEndsTheAccountsSessionsAndTokens) {
  const auto [cookie, csrf] = SignIn(clinician_a_);
  ASSERT_EQ(client_->Get("/api/v1/me", {{"Cookie", cookie}})->status, 200);
  int64_t id = 0;
  const json users = json::parse(Get("/api/v1/users", &admin_)->body);
  for (const json& user : users["users"]) {
    if (user["username"] == clinician_a_.username) id = user["id"];
  }
  httplib::Result reset = Send("PATCH", "/api/v1/users/" + std::to_string(id), &admin_,
                               R"({"password": "a brand new password"})");
  ASSERT_EQ(reset->status, 200) << reset->body;
  EXPECT_EQ(client_->Get("/api/v1/me", {{"Cookie", cookie}})->status, 401);
  EXPECT_EQ(Get("/api/v1/me", &clinician_a_)->status, 401);
  EXPECT_EQ(Get("/api/v1/me", &admin_)->status, 200);
}

// Checked in the review and found sound; kept as regression tests.
TEST_P(SecurityTest, OptionsAndHeadDoNotBypassAuthenticationOrCsrf) {
  const auto [cookie, csrf] = SignIn(clinician_a_);
  httplib::Request options;
  options.method = "OPTIONS";
  options.path = "/api/v1/patients";
  options.headers = {{"Cookie", cookie}};
  options.body = ReadProjectFile(kExampleA);
  httplib::Result answered = client_->send(options);
  ASSERT_TRUE(answered);
  EXPECT_GE(answered->status, 400);
  EXPECT_EQ(client_->Head("/api/v1/patients")->status, 401);
  // A session cookie beside a wrong bearer token: the bearer is checked, and fails.
  EXPECT_EQ(
      client_->Get("/api/v1/me", {{"Cookie", cookie}, {"authorization", "Bearer 0000"}})->status,
      401);
  // Header names are case-insensitive: a lower-case CSRF header is the same header.
  httplib::Result lower = Send("POST", "/api/v1/patients", nullptr, ReadProjectFile(kExampleA),
                               {{"cookie", cookie}, {"x-csrf-token", csrf}});
  EXPECT_EQ(lower->status, 201) << lower->body;
  EXPECT_EQ(*store_->CountPatients(), 1);
}

INSTANTIATE_TEST_SUITE_P(Stores, SecurityTest, ::testing::ValuesIn(kStoreKinds));

}  // namespace
}  // namespace refract::server::testing
