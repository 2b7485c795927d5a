// The SQLite store (store.h), the embedded default of `refract serve`.
#pragma once

#include <memory>
#include <string>

#include "refract/base/status.h"
#include "refract/store/store.h"

namespace refract::store {

// Opens (creating when absent) the database at `path` and applies the schema migrations. ":memory:"
// gives a private in-memory database (tests); "file:" URIs are accepted. The connection runs in
// WAL mode with synchronous=FULL (a committed change survives power loss), foreign_keys=ON and a
// 5 s busy timeout. One connection behind a mutex: calls are serialised, writes take the write
// lock at BEGIN (BEGIN IMMEDIATE). kUnavailable when the file cannot be opened, kInternal when a
// migration fails.
StatusOr<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path);

}  // namespace refract::store
