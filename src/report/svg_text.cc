#include "svg_text.h"

#include <charconv>
#include <cmath>

namespace refract::report {

std::string Fixed(double value, int digits) {
  char buffer[64];
  auto result =
      std::to_chars(buffer, buffer + sizeof(buffer), value, std::chars_format::fixed, digits);
  return std::string(buffer, result.ptr);
}

std::vector<double> NiceTicks(double lo, double hi, int target) {
  double raw = (hi - lo) / target;
  double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  double normalized = raw / magnitude;
  double step = (normalized < 1.5   ? 1
                 : normalized < 3.5 ? 2
                 : normalized < 7.5 ? 5
                                    : 10) *
                magnitude;
  double first = std::floor(lo / step) * step, last = std::ceil(hi / step) * step;
  int count = static_cast<int>(std::lround((last - first) / step));
  std::vector<double> ticks;
  for (int i = 0; i <= count; ++i) ticks.push_back(first + i * step);
  return ticks;
}

int TickDigits(double value) {
  for (int digits = 0; digits < 6; ++digits) {
    double scaled = value * std::pow(10.0, digits);
    if (std::abs(scaled - std::round(scaled)) < 1e-6) return digits;
  }
  return 6;
}

std::string Escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\n':
        out += ' ';
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace refract::report
