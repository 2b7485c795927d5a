#include "meta_design.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <optional>
#include <set>

namespace refract::meta_analyses {
namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool IsMissingText(std::string_view text) { return text.empty() || text == "NA"; }

// Raw text of a column, nullopt when the record has no such column.
std::optional<std::string_view> Text(const evidence::EffectRecord& record,
                                     std::string_view column) {
  auto it = record.attributes.find(column);
  if (it == record.attributes.end()) return std::nullopt;
  return Trim(it->second);
}

bool AllNumeric(std::span<const evidence::EffectRecord> records, std::string_view column,
                char decimal_mark) {
  return std::all_of(records.begin(), records.end(), [&](const evidence::EffectRecord& r) {
    return AttributeNumber(r, column, decimal_mark).has_value();
  });
}

void AddNumeric(std::span<const evidence::EffectRecord> records, const std::string& column,
                char decimal_mark, Design& design, std::vector<std::vector<double>>& columns) {
  std::vector<double> values;
  for (const evidence::EffectRecord& r : records) {
    values.push_back(*AttributeNumber(r, column, decimal_mark));
  }
  design.coefficients.push_back(column);
  columns.push_back(std::move(values));
}

void AddFactor(std::span<const evidence::EffectRecord> records, const std::string& column,
               Design& design, std::vector<std::vector<double>>& columns) {
  std::set<std::string, std::less<>> levels;
  for (const evidence::EffectRecord& r : records) {
    std::optional<std::string_view> text = Text(r, column);
    if (text && !IsMissingText(*text)) levels.emplace(*text);
  }
  design.levels.assign(levels.begin(), levels.end());
  design.factor_columns.push_back(column);
  for (auto level = std::next(levels.begin()); level != levels.end(); ++level) {
    std::vector<double> dummy;
    for (const evidence::EffectRecord& r : records) {
      std::optional<std::string_view> text = Text(r, column);
      const bool missing = !text || IsMissingText(*text);
      dummy.push_back(missing ? kMissing : (*text == *level ? 1.0 : 0.0));
    }
    design.coefficients.push_back(column + *level);
    columns.push_back(std::move(dummy));
  }
}

}  // namespace

std::optional<double> AttributeNumber(const evidence::EffectRecord& record, std::string_view column,
                                      char decimal_mark) {
  std::optional<std::string_view> text = Text(record, column);
  if (!text || IsMissingText(*text)) return kMissing;
  std::string copy(*text);
  if (decimal_mark == ',') std::replace(copy.begin(), copy.end(), ',', '.');
  double value = 0;
  const char* end = copy.data() + copy.size();
  auto [ptr, ec] = std::from_chars(copy.data(), end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

StatusOr<std::vector<std::string>> SplitTerms(std::string_view formula) {
  std::vector<std::string> terms;
  while (true) {
    const size_t plus = formula.find('+');
    std::string_view term = Trim(formula.substr(0, plus));
    if (term.empty()) {
      return Status::InvalidFields({{"mods", fmt::format("empty term in '{}': give column names "
                                                         "joined by '+', e.g. \"x1 + x2\"",
                                                         formula)}});
    }
    terms.emplace_back(term);
    if (plus == std::string_view::npos) return terms;
    formula.remove_prefix(plus + 1);
  }
}

StatusOr<Design> BuildDesign(std::span<const evidence::EffectRecord> records,
                             std::span<const std::string> terms, char decimal_mark,
                             bool force_factor, std::string_view field) {
  Design design;
  std::vector<std::vector<double>> columns;
  for (const std::string& term : terms) {
    const bool present = std::any_of(records.begin(), records.end(),
                                     [&](const auto& r) { return r.attributes.contains(term); });
    if (!present) {
      return Status::InvalidFields(
          {{std::string(field), fmt::format("no column '{}' in the input", term)}});
    }
    if (!force_factor && AllNumeric(records, term, decimal_mark)) {
      AddNumeric(records, term, decimal_mark, design, columns);
    } else {
      AddFactor(records, term, design, columns);
    }
  }
  const size_t p = columns.size();
  design.x.resize(records.size() * p);
  for (size_t j = 0; j < p; ++j) {
    for (size_t i = 0; i < records.size(); ++i) design.x[i * p + j] = columns[j][i];
  }
  return design;
}

}  // namespace refract::meta_analyses
