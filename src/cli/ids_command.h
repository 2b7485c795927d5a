// `refract ids [KIND]`: the accepted ids a patient record may use, with their display names, from
// the loaded knowledge (embedded or --knowledge DIR). KIND: drugs (class and dose range),
// augmenters, modalities, adverse-effects, instruments, options (preference ids and categories),
// conditions; without KIND, every kind. The "did you mean" errors of the record reader point here.
#pragma once

#include <CLI/CLI.hpp>

namespace refract::cli {

void AddIdsCommand(CLI::App& app, int* exit_code);

}  // namespace refract::cli
