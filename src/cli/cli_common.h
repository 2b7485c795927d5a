// Shared pieces of the `refract` command-line adapter: input expansion and exit codes.
#pragma once

#include <string>
#include <vector>

#include "refract/base/status.h"

namespace refract::cli {

// Documented exit codes (docs/cli.md).
inline constexpr int kExitOk = 0;
inline constexpr int kExitInvalidInput = 1;
inline constexpr int kExitUsage = 2;

// Standard input as a record path.
inline constexpr const char* kStdinPath = "-";

// Files named directly ("-" for standard input), plus the *.json, *.yaml and *.yml files directly
// inside named directories (sorted by name). kNotFound for a path that does not exist.
StatusOr<std::vector<std::string>> ExpandInputs(const std::vector<std::string>& paths);

// Writes `text` to `path` through a temporary file beside it and a rename, so that a failure leaves
// no half-written file. kInvalidArgument naming the path when it cannot be written.
Status WriteWhole(const std::string& path, const std::string& text);

}  // namespace refract::cli
