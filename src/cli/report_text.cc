#include "report_text.h"

#include <fmt/format.h>

#include <cmath>
#include <vector>

namespace refract::cli {

std::string Wrap(std::string_view text, size_t first_indent, size_t rest_indent, size_t width) {
  std::string out(first_indent, ' ');
  size_t column = first_indent;
  bool line_empty = true;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t start = text.find_first_not_of(' ', pos);
    if (start == std::string_view::npos) break;
    const size_t end = std::min(text.find(' ', start), text.size());
    const std::string_view word = text.substr(start, end - start);
    if (!line_empty && column + 1 + word.size() > width) {
      out += "\n" + std::string(rest_indent, ' ');
      column = rest_indent;
      line_empty = true;
    }
    if (!line_empty) {
      out += ' ';
      ++column;
    }
    out += word;
    column += word.size();
    line_empty = false;
    pos = end;
  }
  return out + "\n";
}

std::string Rounded(double value) {
  const double rounded = std::round(value * 10) / 10;
  return fmt::format("{:g}", rounded == 0 ? 0.0 : rounded);
}

std::string ImputedReason(const ImputedDateEffect& effect) {
  std::vector<std::string> dates;
  for (const DecidingDate& d : effect.dates) {
    dates.push_back(fmt::format("{} {} imputed as {}", d.label, d.recorded, d.imputed.ToString()));
    if (effect.condition.empty()) {
      dates.back() +=
          fmt::format(", possible {} to {}", d.earliest.ToString(), d.latest.ToString());
    }
  }
  if (!effect.condition.empty()) {
    return fmt::format("an imputed day decides this: {}; {}", effect.condition,
                       fmt::join(dates, "; "));
  }
  const std::vector<std::string> others(effect.results.begin() + 1, effect.results.end());
  return fmt::format(
      "an imputed day decides this: {} at the imputed days, {} on other possible days; {}",
      effect.results.front(), fmt::join(others, " or "), fmt::join(dates, "; "));
}

std::string ImputedMarker(const ImputedDateEffect& effect) {
  return fmt::format("PROVISIONAL ({})", ImputedReason(effect));
}

}  // namespace refract::cli
