// `refract score --instrument ID --items 1,2,... | --total N`: scores one administration
// (docs/cli.md §7).
#pragma once

#include <CLI/CLI.hpp>

namespace refract::cli {

void AddScoreCommand(CLI::App& app, int* exit_code);

}  // namespace refract::cli
