// Private to refract::engine: moderator columns of effect records -> the design of a
// meta-regression (include/refract/engine/meta_analyses.h states the coding rules).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "refract/base/status.h"
#include "refract/evidence/effect_record.h"

namespace refract::meta_analyses {

struct Design {
  std::vector<std::string> coefficients;    // without "intrcpt"
  std::vector<std::string> factor_columns;  // terms coded as factors
  std::vector<std::string> levels;          // levels of the last factor term, reference first
  std::vector<double> x;                    // row-major k x coefficients.size(); NaN = missing
};

// "x1 + x2" -> {"x1", "x2"}. Error: an empty term ("mods: empty term in 'x1 +'").
StatusOr<std::vector<std::string>> SplitTerms(std::string_view formula);

// The design of `terms` over `records`. With force_factor every term is a factor (R's factor()).
// Errors name the field: "mods: no column 'x' in the input".
StatusOr<Design> BuildDesign(std::span<const evidence::EffectRecord> records,
                             std::span<const std::string> terms, char decimal_mark,
                             bool force_factor, std::string_view field);

// Attribute text as a number with the given decimal mark: NaN for NA, empty or absent; nullopt
// when it is not a number.
std::optional<double> AttributeNumber(const evidence::EffectRecord& record, std::string_view column,
                                      char decimal_mark);

}  // namespace refract::meta_analyses
