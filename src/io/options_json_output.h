// JSON of the next-step options (private to refract::io; fields documented in
// docs/assessment-output.md, "options"). The assessment carries a compact object per option; the
// explain form (`refract options --explain ID --json`) carries the full trace of one option.
#pragma once

#include <nlohmann/json.hpp>

#include "refract/options/ranking.h"

namespace refract::io_internal {

// The `options` object of refract-assessment/1.
nlohmann::json OptionsJson(const OptionsReport& report);

// One option with every evidence entry, computed effect, synthesis, moderator, caution, course and
// measurement item.
nlohmann::json OptionTraceJson(const OptionResult& result, const OptionsReport& report);

}  // namespace refract::io_internal
