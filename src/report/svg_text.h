// Text helpers shared by the SVG renderers (private to refract::report).
#pragma once

#include <string>
#include <vector>

namespace refract::report {

// `value` with `digits` decimals, independent of the locale.
std::string Fixed(double value, int digits);

// Axis ticks every 1, 2 or 5 x 10^n, about `target` intervals, covering [lo, hi] (lo < hi).
std::vector<double> NiceTicks(double lo, double hi, int target);

// Decimals needed to print a tick value (0.05 -> 2, 2 -> 0, 0.25 -> 2).
int TickDigits(double value);

// XML-escapes &, <, >, " and '.
std::string Escape(const std::string& text);

}  // namespace refract::report
