// Helpers of the text reports: word wrapping, numbers rounded for reading, the imputed-date marker.
#pragma once

#include <string>
#include <string_view>

#include "refract/app/imputed_dates.h"

namespace refract::cli {

inline constexpr size_t kReportWidth = 96;

// `text` wrapped at word boundaries to `width` columns: the first line indented by `first_indent`
// spaces, the others by `rest_indent`; every line ends with '\n'. A word longer than a line stays
// whole.
std::string Wrap(std::string_view text, size_t first_indent, size_t rest_indent,
                 size_t width = kReportWidth);

// A number for reading: at most one decimal ("34.9", "2", "0.5"); JSON keeps the exact value.
std::string Rounded(double value);

// The marker of a result an imputed day decides (app/imputed_dates.h): "PROVISIONAL (an imputed
// day decides this: adequate if T1 start was on or before 2024-04-14, ...; T1 start 2024-04 imputed
// as 2024-04-15)".
std::string ImputedMarker(const ImputedDateEffect& effect);

// The same without the PROVISIONAL wrapper: "an imputed day decides this: ...".
std::string ImputedReason(const ImputedDateEffect& effect);

}  // namespace refract::cli
