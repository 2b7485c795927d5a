// The next-step options in the text report (docs/options.md): safety actions first, the ranked list
// with a one-line rationale, the top options in detail (score components, evidence with computed
// effects, moderators, cautions, course, what to measure and when), and the options not ranked
// with the reason. RenderOptionTrace is `refract options --explain ID`: everything about one
// option for one patient, so that its score can be reproduced by hand.
#pragma once

#include <string>

#include "refract/app/assess.h"

namespace refract::cli {

// How many ranked options the report shows in detail.
inline constexpr int kOptionsInDetail = 5;

// REQUIRES: assessment.options.
std::string RenderOptions(const Assessment& assessment);

// REQUIRES: assessment.options; `result` belongs to it.
std::string RenderOptionTrace(const Assessment& assessment, const OptionResult& result);

}  // namespace refract::cli
