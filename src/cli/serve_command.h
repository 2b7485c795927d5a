// `refract serve`: the HTTP API (docs/server.md). Configuration: defaults, then the REFRACT_*
// environment, then flags. `--demo` starts on a fresh SQLite file in a new temporary directory,
// loads the synthetic records of examples/ and prints one-time passwords for an admin, a clinician
// (team "demo") and an auditor.
#pragma once

#include <CLI/CLI.hpp>

namespace refract::cli {

void AddServeCommand(CLI::App& app, int* exit_code);

}  // namespace refract::cli
