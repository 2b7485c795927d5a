// Text helpers shared by the SVG renderers (private to refract::report).
#pragma once

#include <string>

namespace refract::report {

// `value` with `digits` decimals, independent of the locale.
std::string Fixed(double value, int digits);

// XML-escapes &, <, >, " and '.
std::string Escape(const std::string& text);

}  // namespace refract::report
