// BackupSqlite (include/refract/store/backup.h): a live store copied with the online backup API.
#include <gtest/gtest.h>

#include <filesystem>

#include "refract/store/backup.h"
#include "refract/store/sqlite_store.h"

namespace refract::store {
namespace {

class SqliteBackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("refract-backup-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + std::to_string(reinterpret_cast<uintptr_t>(this)));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  std::filesystem::path dir_;
};

TEST_F(SqliteBackupTest, CopyOfAnOpenStoreHoldsEverythingAndVerifies) {
  StatusOr<std::unique_ptr<Store>> live = OpenSqliteStore(Path("live.db"));
  ASSERT_TRUE(live.ok()) << live.status().message();
  ChangeInfo change{.author = "dr-a", .time = "2026-12-06T10:00:00Z", .reason = "created"};
  std::vector<std::string> ids;
  for (int i = 0; i < 20; ++i) {
    StatusOr<PatientVersion> created =
        (*live)->CreatePatient("team-a", "TRD-" + std::to_string(i), "{}", change);
    ASSERT_TRUE(created.ok());
    ids.push_back(created->patient_id);
    ASSERT_TRUE((*live)->AppendAudit({.time = change.time, .action = "patient.create"}).ok());
  }
  ASSERT_TRUE((*live)->UpdatePatient(ids[0], 1, "TRD-0", R"({"v":2})", change).ok());

  ASSERT_TRUE(BackupSqlite(Path("live.db"), Path("copy.db")).ok());
  ASSERT_TRUE((*live)->AppendAudit({.time = change.time, .action = "after.backup"}).ok());

  StatusOr<std::unique_ptr<Store>> copy = OpenSqliteStore(Path("copy.db"));
  ASSERT_TRUE(copy.ok()) << copy.status().message();
  EXPECT_EQ(*(*copy)->CountPatients(), 20);
  StatusOr<PatientVersion> first = (*copy)->GetPatient(ids[0], std::nullopt);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->version, 2);
  EXPECT_EQ(first->document, R"({"v":2})");
  StatusOr<AuditVerification> verified = (*copy)->VerifyAudit();
  ASSERT_TRUE(verified.ok());
  EXPECT_TRUE(verified->intact) << verified->problem;
  EXPECT_EQ(verified->rows, 20);
}

TEST_F(SqliteBackupTest, MissingSourceIsUnavailable) {
  EXPECT_EQ(BackupSqlite(Path("absent/none.db"), Path("copy.db")).code(), StatusCode::kUnavailable);
}

}  // namespace
}  // namespace refract::store
