// `refract cohort`: population staging of an OMOP CDM database (docs/omop.md, docs/cli.md):
// per-person results (NDJSON or CSV), a population report (Markdown or JSON) and an SVG chart.
//
// Exit codes (cli_common.h): 0 ok; 1 invalid input (unreadable source, unsorted or malformed CSV:
// the message names the file, row and rule; nothing is left half-written); 2 usage error.
#pragma once

#include <CLI/CLI.hpp>

namespace refract::cli {

// Registers the `cohort` subcommand on `app`; its callback stores the exit code in *exit_code.
void AddCohortCommand(CLI::App& app, int* exit_code);

}  // namespace refract::cli
