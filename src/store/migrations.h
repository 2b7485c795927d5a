// The versioned schema migrations, one list per database. Each Open applies, in one transaction,
// every migration whose version is above the highest one recorded in `schema_migrations`, and
// records it; opening an up-to-date database changes nothing. Migrations are never edited once
// released: a schema change is a new entry at the end.
#pragma once

#include <span>
#include <string_view>

namespace refract::store::internal {

struct Migration {
  int version = 0;
  std::string_view description = {};
  std::string_view sql = {};  // one or more statements
};

std::span<const Migration> SqliteMigrations();
std::span<const Migration> PostgresMigrations();

}  // namespace refract::store::internal
