// Backups of the durable store.
//
// SQLite: BackupSqlite copies a live database with SQLite's online backup API
// (https://www.sqlite.org/backup.html) while the server keeps running; the copy is a consistent
// snapshot, a database file that OpenSqliteStore opens.
//
// PostgreSQL: use the server's own tools (https://www.postgresql.org/docs/15/app-pgdump.html):
//   pg_dump --format=custom --file=refract.dump "$URI"          (consistent while running)
//   pg_restore --dbname="$NEW_URI" --no-owner refract.dump       (into an empty database)
// tests/store/pg_dump_restore_test.sh runs that round trip and verifies the audit chain.
#pragma once

#include <string>

#include "refract/base/status.h"

namespace refract::store {

// Copies the SQLite database at `from` into the file `to` (replaced if present), page by page.
// `from` may be open, and written, by a store meanwhile. kUnavailable when either file cannot be
// opened, kInternal when the copy fails.
Status BackupSqlite(const std::string& from, const std::string& to);

}  // namespace refract::store
