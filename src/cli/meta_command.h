// `refract meta`: meta-analysis of a study-level CSV (docs/meta-csv.md) or of a Metapsy database
// file, with subgroups, sensitivity analyses, text/JSON output and an SVG forest plot.
//
// Exit codes (cli_common.h): 0 ok; 1 invalid input (unreadable file, malformed number, negative
// variance, k < 2, ...: the message names the file, line, column and rule); 2 usage error.
#pragma once

#include <CLI/CLI.hpp>

namespace refract::cli {

// Registers the `meta` subcommand on `app`; its callback stores the exit code in *exit_code.
void AddMetaCommand(CLI::App& app, int* exit_code);

}  // namespace refract::cli
