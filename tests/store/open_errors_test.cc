// Opening a store that cannot be reached is kUnavailable (include/refract/store/*_store.h).
#include <gtest/gtest.h>

#include "refract/store/postgres_store.h"
#include "refract/store/sqlite_store.h"

namespace refract::store {
namespace {

TEST(OpenStoreTest, SqliteFileInAMissingDirectoryIsUnavailable) {
  EXPECT_EQ(OpenSqliteStore("/nonexistent-refract-dir/store.db").status().code(),
            StatusCode::kUnavailable);
}

TEST(OpenStoreTest, UnreachablePostgresServerIsUnavailable) {
  EXPECT_EQ(OpenPostgresStore("postgresql:///refract?host=/nonexistent-refract-dir&port=1")
                .status()
                .code(),
            StatusCode::kUnavailable);
}

TEST(OpenStoreTest, MemoryStoreStartsAtTheLatestSchema) {
  StatusOr<std::unique_ptr<Store>> store = OpenSqliteStore(":memory:");
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_EQ(*(*store)->SchemaVersion(), 3);
  EXPECT_EQ(*(*store)->CountPatients(), 0);
  EXPECT_TRUE((*store)->VerifyAudit()->intact);
}

}  // namespace
}  // namespace refract::store
