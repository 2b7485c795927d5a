// Reading a whole file as text, for the adapters that load knowledge files and patient records.
#pragma once

#include <string>

#include "refract/base/status.h"

namespace refract {

// The whole file at `path`, bytes unchanged. kNotFound "<path>: cannot open" when it cannot be
// read.
StatusOr<std::string> ReadTextFile(const std::string& path);

}  // namespace refract
