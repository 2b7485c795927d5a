// Store administration from the command line (docs/server.md):
//   refract admin create-user --store URI --username NAME --role ROLE [--role ROLE] [--team TEAM]
//                             [--password-stdin]
//     creates a user (the first admin of a new store); without --password-stdin a password is
//     generated and printed once. There is no default password.
//   refract admin backup --store sqlite:PATH --to FILE
//     a consistent copy of a SQLite store, also while the server writes to it (PostgreSQL:
//     pg_dump).
//   refract audit verify --store URI
//     recomputes the audit log's hash chain: exit 0 when intact, 1 naming the first bad row.
#pragma once

#include <CLI/CLI.hpp>

namespace refract::cli {

void AddAdminCommand(CLI::App& app, int* exit_code);
void AddAuditCommand(CLI::App& app, int* exit_code);

}  // namespace refract::cli
