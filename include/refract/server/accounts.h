// Account set-up outside the HTTP API: the first admin (`refract admin create-user`) and the demo
// store (`refract serve --demo`). There is no default password anywhere: every password is either
// given by the operator or generated here and shown once.
#pragma once

#include <string>
#include <vector>

#include "refract/base/status.h"
#include "refract/engine/engine.h"
#include "refract/server/clock.h"
#include "refract/store/store.h"

namespace refract::server {

struct NewAccount {
  std::string username;
  std::vector<store::Role> roles;
  std::string team;      // required with the clinician role
  std::string password;  // "" = generate one
};

struct CreatedAccount {
  store::User user;
  std::string password;  // the generated password (shown once), or "" when one was given
};

// Hashes the password (argon2id), stores the user and audits "user.create" by `operator_name`.
// kInvalidArgument for a short password, a clinician without a team or no role; kAlreadyExists.
StatusOr<CreatedAccount> CreateAccount(store::Store& store, const Clock& clock,
                                       const NewAccount& account, const std::string& operator_name);

struct DemoSeed {
  std::vector<CreatedAccount> accounts;  // admin, clinician (team "demo"), auditor
  std::vector<std::string> loaded;       // the record files stored as patients
};

// Fills an empty store with the synthetic records in `records_dir` (*.json, *.yaml; each
// validated by the engine) as patients of team "demo", and three accounts with generated
// passwords. kFailedPrecondition when the store already holds patients.
StatusOr<DemoSeed> SeedDemo(const Engine& engine, store::Store& store, const Clock& clock,
                            const std::string& records_dir);

}  // namespace refract::server
