// Writing `refract-assessment/1` (docs/assessment-output.md): one JSON object per assessed patient.
#pragma once

#include <string>
#include <string_view>

#include "refract/app/assess.h"

namespace refract {

inline constexpr const char* kAssessmentFormat = "refract-assessment/1";
inline constexpr const char* kOptionsFormat = "refract-options/1";

// Compact (one line) unless `pretty`, which indents by two spaces. Carries `options` when the
// assessment has them (app/next_steps.h).
std::string AssessmentToJson(const Assessment& assessment, bool pretty);

// `refract options --json`: the options section of one assessment (refract-options/1), or with
// `option_id` the full trace of that option (`option` is null when the diagnosis ranks nothing).
// REQUIRES: assessment.options.
std::string OptionsToJson(const Assessment& assessment, std::string_view option_id, bool pretty);

}  // namespace refract
