#include "row_access.h"

#include <limits>
#include <optional>

namespace refract::evidence {

std::string RowAccess::Where(std::string_view column) const {
  return "line " + std::to_string(record_.line) + ", column '" + std::string(column) + "'";
}

std::string RowAccess::Text(std::string_view column) const {
  std::optional<size_t> index = table_.ColumnIndex(column);
  return index ? record_.fields[*index] : std::string();
}

StatusOr<double> RowAccess::Number(std::string_view column) const {
  std::optional<size_t> index = table_.ColumnIndex(column);
  if (!index) return std::numeric_limits<double>::quiet_NaN();
  const std::string& text = record_.fields[*index];
  std::optional<double> value = ParseNumber(text, decimal_mark_);
  if (!value) return Status::InvalidArgument(Where(column) + ": malformed number '" + text + "'");
  return *value;
}

std::map<std::string, std::string, std::less<>> RowAccess::Attributes(
    const AttributeColumns& names) const {
  std::map<std::string, std::string, std::less<>> attributes;
  if (!names) {
    for (size_t i = 0; i < table_.header.size(); ++i) {
      attributes.emplace(table_.header[i], record_.fields[i]);
    }
    return attributes;
  }
  for (const std::string& name : *names) {
    if (std::optional<size_t> index = table_.ColumnIndex(name)) {
      attributes.emplace(name, record_.fields[*index]);
    }
  }
  return attributes;
}

}  // namespace refract::evidence
