// `refract fhir export RECORD [--out FILE]`: the record's assessment as a FHIR R4 Bundle
// (include/refract/fhir/fhir_export.h), on standard output or written to FILE (replaced whole:
// written beside it, then renamed, so a failed run leaves no half-written file).
#pragma once

#include <CLI/CLI.hpp>

namespace refract::cli {

// Adds `export` to the `fhir` command group.
void AddFhirExportCommand(CLI::App& fhir, int* exit_code);

}  // namespace refract::cli
