// `refract new [--json] [-o FILE]`: writes the commented record template (patient_template.h) to
// stdout or FILE, YAML by default; --json writes the same record as JSON (JSON has no comments: see
// docs/patient-record.md for the fields). An existing FILE is not overwritten (exit 1).
#pragma once

#include <CLI/CLI.hpp>

namespace refract::cli {

void AddNewCommand(CLI::App& app, int* exit_code);

}  // namespace refract::cli
