// Helpers of the text reports: word wrapping and numbers rounded for reading.
#pragma once

#include <string>
#include <string_view>

namespace refract::cli {

inline constexpr size_t kReportWidth = 96;

// `text` wrapped at word boundaries to `width` columns: the first line indented by `first_indent`
// spaces, the others by `rest_indent`; every line ends with '\n'. A word longer than a line stays
// whole.
std::string Wrap(std::string_view text, size_t first_indent, size_t rest_indent,
                 size_t width = kReportWidth);

// A number for reading: at most one decimal ("34.9", "2", "0.5"); JSON keeps the exact value.
std::string Rounded(double value);

}  // namespace refract::cli
