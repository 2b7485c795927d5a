// The durable store: UpdatePatient writes per second (each a durable transaction) and the patient
// list query over 100,000 stored patients (first page, a page deep in the list, a prefix search),
// on SQLite in a temporary file and, when REFRACT_TEST_PG names a server, on PostgreSQL.
#include <SQLiteCpp/SQLiteCpp.h>
#include <benchmark/benchmark.h>
#include <sodium.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <pqxx/pqxx>

#include "refract/store/postgres_store.h"
#include "refract/store/sqlite_store.h"

namespace {

using refract::store::ChangeInfo;
using refract::store::PatientQuery;
using refract::store::Store;

constexpr int kStoredPatients = 100'000;
const ChangeInfo kChange{.author = "bench", .time = "2026-12-06T10:00:00Z", .reason = "bench"};
const std::string kDocument(2000, 'x');  // about the size of a small refract-patient/1 record

std::string Pseudonym(int i) {
  char name[16];
  std::snprintf(name, sizeof name, "P%06d", i);
  return name;
}

std::string TempPath(const std::string& name) {
  return (std::filesystem::temp_directory_path() /
          (name + "-" + std::to_string(randombytes_uniform(1u << 30)) + ".db"))
      .string();
}

// Fills patients and versions in one transaction, outside the store (100,000 separate durable
// transactions would take minutes); the rows are what CreatePatient writes.
void FillSqlite(const std::string& path) {
  SQLite::Database db(path, SQLite::OPEN_READWRITE);
  SQLite::Transaction transaction(db);
  SQLite::Statement patient(db, "INSERT INTO patients VALUES (?, 'team-a', ?, 1, 0, ?)");
  SQLite::Statement version(
      db, "INSERT INTO patient_versions VALUES (?, 1, ?, ?, 0, 'bench', ?, 'created')");
  for (int i = 0; i < kStoredPatients; ++i) {
    const std::string id = "p" + std::to_string(1'000'000'000'000'000 + i);
    for (SQLite::Statement* statement : {&patient, &version}) {
      statement->reset();
      statement->bind(1, id);
      statement->bind(2, Pseudonym(i));
    }
    patient.bind(3, kChange.time);
    version.bind(3, kDocument);
    version.bind(4, kChange.time);
    patient.exec();
    version.exec();
  }
  transaction.commit();
}

void FillPostgres(const std::string& uri) {
  pqxx::connection connection(uri);
  pqxx::work tx(connection);
  tx.exec("TRUNCATE patients, patient_versions");
  tx.exec_params(
      "INSERT INTO patients SELECT 'p' || (1000000000000000 + i), 'team-a', "
      "'P' || lpad(i::text, 6, '0'), 1, false, $1 FROM generate_series(0, $2 - 1) AS i",
      kChange.time, kStoredPatients);
  tx.exec_params(
      "INSERT INTO patient_versions SELECT id, 1, pseudonym, $1, false, 'bench', $2, 'created' "
      "FROM patients",
      kDocument, kChange.time);
  tx.exec("ANALYZE patients");
  tx.commit();
}

Store& SqliteStore() {
  static std::unique_ptr<Store> store = [] {
    const std::string path = TempPath("refract-store-bench");
    (void)refract::store::OpenSqliteStore(path);
    FillSqlite(path);
    return refract::store::OpenSqliteStore(path).value();
  }();
  return *store;
}

Store* PostgresStore() {
  static std::unique_ptr<Store> store = []() -> std::unique_ptr<Store> {
    const char* uri = std::getenv("REFRACT_TEST_PG");
    if (uri == nullptr || *uri == '\0') return nullptr;
    auto opened = refract::store::OpenPostgresStore(uri);
    if (!opened.ok()) return nullptr;
    FillPostgres(uri);
    return std::move(*opened);
  }();
  return store.get();
}

void UpdateLoop(benchmark::State& state, Store& store) {
  auto created = store.CreatePatient("team-bench", "W" + std::to_string(randombytes_random()),
                                     kDocument, kChange);
  if (!created.ok()) return state.SkipWithError(created.status().message().c_str());
  int64_t version = 1;
  for (auto _ : state) {
    auto updated =
        store.UpdatePatient(created->patient_id, version, created->pseudonym, kDocument, kChange);
    if (!updated.ok()) return state.SkipWithError(updated.status().message().c_str());
    version = updated->version;
  }
  state.SetItemsProcessed(state.iterations());
}

void ListLoop(benchmark::State& state, Store& store, const PatientQuery& query) {
  for (auto _ : state) {
    auto page = store.ListPatients(query);
    if (!page.ok() || page->patients.empty()) return state.SkipWithError("empty page");
    benchmark::DoNotOptimize(page);
  }
}

const PatientQuery kFirstPage{.team = "team-a", .limit = 50};
const PatientQuery kDeepPage{.team = "team-a", .after_pseudonym = "P090000", .limit = 50};
const PatientQuery kPrefix{.team = "team-a", .pseudonym_prefix = "P0421", .limit = 50};

void BM_SqliteUpdatePatient(benchmark::State& state) {
  const std::string path = TempPath("refract-store-update");
  {
    auto store = refract::store::OpenSqliteStore(path);
    if (!store.ok()) return state.SkipWithError(store.status().message().c_str());
    UpdateLoop(state, **store);
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}
BENCHMARK(BM_SqliteUpdatePatient)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_SqliteListFirstPage(benchmark::State& state) { ListLoop(state, SqliteStore(), kFirstPage); }
BENCHMARK(BM_SqliteListFirstPage)->Unit(benchmark::kMillisecond);
void BM_SqliteListDeepPage(benchmark::State& state) { ListLoop(state, SqliteStore(), kDeepPage); }
BENCHMARK(BM_SqliteListDeepPage)->Unit(benchmark::kMillisecond);
void BM_SqliteListPrefix(benchmark::State& state) { ListLoop(state, SqliteStore(), kPrefix); }
BENCHMARK(BM_SqliteListPrefix)->Unit(benchmark::kMillisecond);

void BM_PostgresUpdatePatient(benchmark::State& state) {
  Store* store = PostgresStore();
  if (store == nullptr) return state.SkipWithError("REFRACT_TEST_PG is not set");
  UpdateLoop(state, *store);
}
BENCHMARK(BM_PostgresUpdatePatient)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_PostgresListFirstPage(benchmark::State& state) {
  Store* store = PostgresStore();
  if (store == nullptr) return state.SkipWithError("REFRACT_TEST_PG is not set");
  ListLoop(state, *store, kFirstPage);
}
BENCHMARK(BM_PostgresListFirstPage)->Unit(benchmark::kMillisecond);
void BM_PostgresListDeepPage(benchmark::State& state) {
  Store* store = PostgresStore();
  if (store == nullptr) return state.SkipWithError("REFRACT_TEST_PG is not set");
  ListLoop(state, *store, kDeepPage);
}
BENCHMARK(BM_PostgresListDeepPage)->Unit(benchmark::kMillisecond);
void BM_PostgresListPrefix(benchmark::State& state) {
  Store* store = PostgresStore();
  if (store == nullptr) return state.SkipWithError("REFRACT_TEST_PG is not set");
  ListLoop(state, *store, kPrefix);
}
BENCHMARK(BM_PostgresListPrefix)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  if (sodium_init() < 0) return 1;
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
