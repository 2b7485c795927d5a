// `refract options`: the ranked next-step options of each patient record, or with `--explain ID`
// the full trace of one option (every score component with its weight and source, every evidence
// entry and computed synthesis, every moderator and caution and why it did or did not apply).
#pragma once

#include <CLI/CLI.hpp>

namespace refract::cli {

void AddOptionsCommand(CLI::App& app, int* exit_code);

}  // namespace refract::cli
