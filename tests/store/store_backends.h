// The databases the store contract suite runs against: SQLite in a temporary file, SQLite in
// memory, and PostgreSQL in a private schema of the server named by REFRACT_TEST_PG (a libpq URI;
// scripts/with-postgres starts a throwaway one). A backend that cannot run a case says why, and the
// case is skipped with that message.
#pragma once

#include <memory>
#include <string>

#include "refract/base/status.h"
#include "refract/store/store.h"

namespace refract::store::testing {

class StoreBackend {
 public:
  virtual ~StoreBackend() = default;
  // Why this backend cannot run at all here ("" when it can).
  virtual std::string Unavailable() const { return ""; }
  // Opens the store; opening again reaches the same database when Persistent().
  virtual StatusOr<std::unique_ptr<Store>> Open() = 0;
  virtual bool Persistent() const = 0;
  // Runs SQL outside the store (to tamper with rows). REQUIRES: Persistent().
  virtual void ExecuteSql(const std::string& sql) = 0;
};

// "sqlite_file", "sqlite_memory" or "postgres".
std::unique_ptr<StoreBackend> MakeBackend(const std::string& name);

}  // namespace refract::store::testing
