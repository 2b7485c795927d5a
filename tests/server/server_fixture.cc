#include "server_fixture.h"

#include <fstream>
#include <sstream>

#include "refract/server/secrets.h"

namespace refract::server::testing {

std::string ReadProjectFile(const std::string& path) {
  std::ifstream file(path);
  std::stringstream content;
  content << file.rdbuf();
  return content.str();
}

std::shared_ptr<const cdshooks::CdsConfig> TestCdsConfig() {
  nlohmann::json config = {{"public_url", kCdsPublicUrl},
                           {"app_url", std::string(kCdsPublicUrl) + "/app/"},
                           {"fetch_timeout_ms", 2000}};
  config["issuers"] = nlohmann::json::array(
      {{{"iss", kCdsIssuer},
        {"jwks", nlohmann::json::parse(
                     ReadProjectFile("tests/data/cds-hooks/spec-2.0.1/spec-24-example.json"))}}});
  StatusOr<cdshooks::CdsConfig> parsed = cdshooks::ParseCdsConfig(config);
  EXPECT_TRUE(parsed.ok()) << parsed.status().message();
  return std::make_shared<const cdshooks::CdsConfig>(*parsed);
}

const Engine& ServerTest::engine() {
  static const Engine kEngine = *Engine::Create(EmbeddedKnowledgeSource());
  return kEngine;
}

Account ServerTest::MakeAccount(const std::string& username, store::Role role,
                                const std::string& team) {
  const std::string password = "correct horse battery " + username;
  StatusOr<CreatedAccount> created =
      CreateAccount(*store_, clock_, {username, {role}, team, password}, "test");
  EXPECT_TRUE(created.ok()) << created.status().message();
  Account account{username, password, NewSecret()};
  store::Credential credential;
  credential.token_hash = Sha256Hex(account.token);
  credential.user_id = created->user.id;
  credential.kind = "api_token";
  credential.name = "test";
  credential.created_at = Iso8601(clock_.Now());
  EXPECT_TRUE(store_->AddCredential(credential).ok());
  return account;
}

void ServerTest::SetUp() {
  ASSERT_TRUE(InitSecrets().ok());
  backend_ = store::testing::MakeBackend(GetParam());
  if (const std::string why = backend_->Unavailable(); !why.empty()) GTEST_SKIP() << why;
  StatusOr<std::unique_ptr<store::Store>> opened = backend_->Open();
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  store_ = std::move(*opened);
  clinician_a_ = MakeAccount("clin-alpha", store::Role::kClinician, "alpha");
  clinician_b_ = MakeAccount("clin-beta", store::Role::kClinician, "beta");
  admin_ = MakeAccount("the-admin", store::Role::kAdmin, "");
  auditor_ = MakeAccount("the-auditor", store::Role::kAuditor, "");
  config_.port = 0;
  config_.threads = 4;
  config_.cds = TestCdsConfig();
  config_.max_body_bytes = 256 * 1024;
  server_ = std::make_unique<Server>(config_, engine(), *store_, clock_);
  StatusOr<int> port = server_->Bind();
  ASSERT_TRUE(port.ok()) << port.status().message();
  port_ = *port;
  serving_ = std::thread([this] { server_->Serve(); });
  client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
  client_->set_read_timeout(std::chrono::seconds(20));
}

void ServerTest::TearDown() {
  if (server_) server_->Stop();
  if (serving_.joinable()) serving_.join();
  server_.reset();
  store_.reset();
  backend_.reset();
}

httplib::Headers ServerTest::Bearer(const Account& account) const {
  return {{"Authorization", "Bearer " + account.token}};
}

httplib::Result ServerTest::Get(const std::string& path, const Account* account) {
  return client_->Get(path, account ? Bearer(*account) : httplib::Headers{});
}

httplib::Result ServerTest::Send(const std::string& method, const std::string& path,
                                 const Account* account, const std::string& body,
                                 httplib::Headers headers) {
  if (account) headers.merge(Bearer(*account));
  if (method == "POST") return client_->Post(path, headers, body, "application/json");
  if (method == "PUT") return client_->Put(path, headers, body, "application/json");
  if (method == "PATCH") return client_->Patch(path, headers, body, "application/json");
  return client_->Delete(path, headers, body, "application/json");
}

nlohmann::json ServerTest::CreatePatient(const Account& account, const std::string& example_file) {
  httplib::Result result =
      Send("POST", "/api/v1/patients", &account, ReadProjectFile(example_file));
  EXPECT_TRUE(result) << "no response";
  if (!result) return {};
  EXPECT_EQ(result->status, 201) << result->body;
  return nlohmann::json::parse(result->body);
}

}  // namespace refract::server::testing
