// `refract fhir ...`: the FHIR R4 command group (docs/fhir.md). `fhir import` converts a Bundle
// into a refract-patient/1 record and its mapping report.
#pragma once

#include <CLI/CLI.hpp>

namespace refract::cli {

// The `fhir` group, created once; the FHIR subcommands attach to it.
CLI::App& FhirCommandGroup(CLI::App& app);

void AddFhirImportCommand(CLI::App& app, int* exit_code);

}  // namespace refract::cli
