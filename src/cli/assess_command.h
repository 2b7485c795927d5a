// `refract assess` and `refract validate`: read patient records (files or directories), report
// errors per file, and keep going with the rest.
#pragma once

#include <CLI/CLI.hpp>

namespace refract::cli {

void AddAssessCommand(CLI::App& app, int* exit_code);
void AddValidateCommand(CLI::App& app, int* exit_code);

}  // namespace refract::cli
