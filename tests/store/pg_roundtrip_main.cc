// refract_store_pg_roundtrip populate|check URI: the two halves of the pg_dump/pg_restore round
// trip (pg_dump_restore_test.sh). `populate` writes patients, versions, a user and audit rows;
// `check` reads them back from the restored database and verifies the audit chain. Exit 0 on
// success, 1 with a message otherwise.
#include <iostream>
#include <string>

#include "refract/store/postgres_store.h"

namespace {

using refract::store::Store;

constexpr int kPatients = 25;

int Fail(const std::string& message) {
  std::cerr << "pg round trip: " << message << "\n";
  return 1;
}

int Populate(Store& store) {
  refract::store::ChangeInfo change{
      .author = "dr-a", .time = "2026-12-06T10:00:00Z", .reason = "created"};
  for (int i = 0; i < kPatients; ++i) {
    auto created = store.CreatePatient("team-a", "TRD-" + std::to_string(i), "{}", change);
    if (!created.ok()) return Fail(created.status().message());
    if (!store
             .UpdatePatient(created->patient_id, 1, "TRD-" + std::to_string(i), "{\"v\":2}", change)
             .ok()) {
      return Fail("update failed");
    }
    if (!store.AppendAudit({.time = change.time, .action = "patient.create"}).ok()) {
      return Fail("audit append failed");
    }
  }
  if (!store.CreateUser({.username = "dr-a", .password_hash = "h", .created_at = change.time})
           .ok()) {
    return Fail("user creation failed");
  }
  return 0;
}

int Check(Store& store) {
  auto count = store.CountPatients();
  if (!count.ok() || *count != kPatients) return Fail("patients missing after restore");
  auto page = store.ListPatients({.team = "team-a", .limit = 500});
  if (!page.ok() || page->patients.size() != kPatients || page->patients[0].version != 2) {
    return Fail("patient versions missing after restore");
  }
  if (!store.FindUser("dr-a").ok()) return Fail("user missing after restore");
  auto verified = store.VerifyAudit();
  if (!verified.ok() || !verified->intact || verified->rows != kPatients) {
    return Fail("audit chain does not verify after restore");
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) return Fail("usage: refract_store_pg_roundtrip populate|check URI");
  const std::string mode = argv[1];
  auto store = refract::store::OpenPostgresStore(argv[2]);
  if (!store.ok()) return Fail(store.status().message());
  if (mode == "populate") return Populate(**store);
  if (mode == "check") return Check(**store);
  return Fail("unknown mode " + mode);
}
