// Writing `refract-assessment/1` (docs/assessment-output.md): one JSON object per assessed patient.
#pragma once

#include <string>

#include "refract/app/assess.h"

namespace refract {

inline constexpr const char* kAssessmentFormat = "refract-assessment/1";

// Compact (one line) unless `pretty`, which indents by two spaces.
std::string AssessmentToJson(const Assessment& assessment, bool pretty);

}  // namespace refract
