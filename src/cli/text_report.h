// The human-readable assessment report printed by `refract assess` (plain text, UTF-8, no colours).
#pragma once

#include <string>

#include "refract/app/assess.h"

namespace refract::cli {

std::string RenderTextReport(const Assessment& assessment);

}  // namespace refract::cli
