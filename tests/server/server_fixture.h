// A running `refract serve` in the test process: the engine over the embedded knowledge, a fresh
// store (SQLite in a temporary file, or PostgreSQL when REFRACT_TEST_PG names a server: the
// contract tests run against both), the server on a free loopback port, accounts for two care
// teams, an admin and an auditor with API tokens, and an HTTP client.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "refract/engine/engine.h"
#include "refract/server/accounts.h"
#include "refract/server/server.h"
#include "refract/store/store.h"
#include "store_backends.h"

namespace refract::server::testing {

// The CDS Hooks configuration every test server has: the spec's example issuer and JWKS (the
// public half of tests/data/cds-hooks/spec-2.0.1/spec-25-example.json).
inline constexpr const char* kCdsPublicUrl = "http://cds.test";
inline constexpr const char* kCdsIssuer = "https://fhir-ehr.example.com/";
std::shared_ptr<const cdshooks::CdsConfig> TestCdsConfig();

// "sqlite_file" or "postgres" (tests/store/store_backends.h).
using StoreKind = std::string;

// A clock the tests move.
class FakeClock final : public Clock {
 public:
  TimePoint Now() const override { return now_.load(); }
  void Advance(std::chrono::seconds by) { now_ = now_.load() + by; }

 private:
  std::atomic<TimePoint> now_{TimePoint(std::chrono::seconds(1'796'000'000))};
};

struct Account {
  std::string username;
  std::string password;
  std::string token;  // an API token (Authorization: Bearer)
};

class ServerTest : public ::testing::TestWithParam<StoreKind> {
 protected:
  void SetUp() override;
  void TearDown() override;

  // A client with `account`'s bearer token (or none).
  httplib::Headers Bearer(const Account& account) const;
  httplib::Result Get(const std::string& path, const Account* account);
  httplib::Result Send(const std::string& method, const std::string& path, const Account* account,
                       const std::string& body, httplib::Headers headers = {});
  // Creates a patient from an example record as `account`; the reply's JSON.
  nlohmann::json CreatePatient(const Account& account, const std::string& example_file);
  // Runs SQL on the store's database outside the server (to tamper with rows).
  void ExecuteSql(const std::string& sql) { backend_->ExecuteSql(sql); }

  static const Engine& engine();

  ServerConfig config_;
  FakeClock clock_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<Server> server_;
  std::thread serving_;
  std::unique_ptr<httplib::Client> client_;
  int port_ = 0;
  Account clinician_a_;  // team "alpha"
  Account clinician_b_;  // team "beta"
  Account admin_;
  Account auditor_;

 private:
  Account MakeAccount(const std::string& username, store::Role role, const std::string& team);
  std::unique_ptr<store::testing::StoreBackend> backend_;
};

// Both stores: PostgreSQL cases skip (with the reason) when REFRACT_TEST_PG is unset.
inline const std::vector<StoreKind> kStoreKinds = {"sqlite_file", "postgres"};

// The text of a file under the project root.
std::string ReadProjectFile(const std::string& path);

}  // namespace refract::server::testing
