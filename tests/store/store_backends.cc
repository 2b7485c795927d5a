// The contract suite's databases (store_backends.h).
#include "store_backends.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sodium.h>

#include <cstdlib>
#include <filesystem>
#include <pqxx/pqxx>

#include "refract/store/postgres_store.h"
#include "refract/store/sqlite_store.h"

namespace refract::store::testing {

namespace {

std::string RandomSuffix() {
  if (sodium_init() < 0) return "0";
  return std::to_string(randombytes_uniform(1u << 30));
}

class SqliteFileBackend final : public StoreBackend {
 public:
  SqliteFileBackend()
      : dir_(std::filesystem::temp_directory_path() / ("refract-store-" + RandomSuffix())) {
    std::filesystem::create_directories(dir_);
  }
  ~SqliteFileBackend() override { std::filesystem::remove_all(dir_); }
  StatusOr<std::unique_ptr<Store>> Open() override { return OpenSqliteStore(Path()); }
  bool Persistent() const override { return true; }
  void ExecuteSql(const std::string& sql) override {
    SQLite::Database db(Path(), SQLite::OPEN_READWRITE);
    db.exec(sql);
  }

 private:
  std::string Path() const { return (dir_ / "store.db").string(); }
  std::filesystem::path dir_;
};

class SqliteMemoryBackend final : public StoreBackend {
 public:
  StatusOr<std::unique_ptr<Store>> Open() override { return OpenSqliteStore(":memory:"); }
  bool Persistent() const override { return false; }
  void ExecuteSql(const std::string&) override {}
};

// Each backend object owns a fresh schema, dropped at the end, so cases do not see each other.
class PostgresBackend final : public StoreBackend {
 public:
  PostgresBackend() {
    const char* uri = std::getenv("REFRACT_TEST_PG");
    if (uri == nullptr || *uri == '\0') return;
    server_ = uri;
    schema_ = "refract_test_" + RandomSuffix();
    ExecuteOnServer("CREATE SCHEMA " + schema_);
  }
  ~PostgresBackend() override {
    if (!server_.empty()) ExecuteOnServer("DROP SCHEMA " + schema_ + " CASCADE");
  }
  std::string Unavailable() const override {
    return server_.empty() ? "REFRACT_TEST_PG is not set: PostgreSQL cases skipped (run them with "
                             "scripts/with-postgres ctest ...)"
                           : "";
  }
  StatusOr<std::unique_ptr<Store>> Open() override { return OpenPostgresStore(SchemaUri()); }
  bool Persistent() const override { return true; }
  void ExecuteSql(const std::string& sql) override {
    pqxx::connection connection(SchemaUri());
    pqxx::nontransaction tx(connection);
    tx.exec(sql);
  }

 private:
  // The server URI with search_path set to this backend's schema.
  std::string SchemaUri() const {
    const char separator = server_.find('?') == std::string::npos ? '?' : '&';
    return server_ + separator + "options=-csearch_path%3D" + schema_;
  }
  void ExecuteOnServer(const std::string& sql) {
    pqxx::connection connection(server_);
    pqxx::nontransaction tx(connection);
    tx.exec(sql);
  }
  std::string server_;
  std::string schema_;
};

}  // namespace

std::unique_ptr<StoreBackend> MakeBackend(const std::string& name) {
  if (name == "sqlite_file") return std::make_unique<SqliteFileBackend>();
  if (name == "sqlite_memory") return std::make_unique<SqliteMemoryBackend>();
  return std::make_unique<PostgresBackend>();
}

}  // namespace refract::store::testing
