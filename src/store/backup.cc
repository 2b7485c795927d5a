// SQLite online backup (include/refract/store/backup.h).
#include "refract/store/backup.h"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

namespace refract::store {

namespace {

constexpr int kBusyRetries = 500;
constexpr int kBusyPauseMs = 10;

}  // namespace

Status BackupSqlite(const std::string& from, const std::string& to) {
  try {
    SQLite::Database source(from, SQLite::OPEN_READONLY | SQLite::OPEN_URI);
    SQLite::Database target(to, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    SQLite::Backup backup(target, source);
    for (int attempt = 0; attempt < kBusyRetries; ++attempt) {
      if (backup.executeStep() == SQLITE_DONE) return Status::Ok();
      sqlite3_sleep(kBusyPauseMs);  // the source is being written: retry
    }
    return Status::Unavailable("backup: the source stayed busy");
  } catch (const SQLite::Exception& error) {
    if (error.getErrorCode() == SQLITE_CANTOPEN) {
      return Status::Unavailable(std::string("backup: cannot open a database: ") +
                                 error.getErrorStr());
    }
    return Status::Internal(std::string("backup: ") + error.getErrorStr());
  }
}

}  // namespace refract::store
