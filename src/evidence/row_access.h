// Named, typed access to one CSV record with error messages that name the line and column.
// Private to refract::evidence.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "refract/base/status.h"
#include "refract/evidence/csv_reader.h"

namespace refract::evidence {

// Which columns to keep as attributes: all (nullopt) or the listed ones.
using AttributeColumns = std::optional<std::span<const std::string>>;

class RowAccess {
 public:
  RowAccess(const CsvTable& table, const CsvRecord& record, char decimal_mark)
      : table_(table), record_(record), decimal_mark_(decimal_mark) {}

  // "line 12, column 'sd1'".
  std::string Where(std::string_view column) const;

  // Raw text of a column; "" when the column does not exist.
  std::string Text(std::string_view column) const;

  // A number (NaN for NA/empty/absent column). Error: "line 12, column 'sd1': malformed number
  // 'x'".
  StatusOr<double> Number(std::string_view column) const;

  // The record's columns by header name: all of them (nullopt) or only the named ones present.
  std::map<std::string, std::string, std::less<>> Attributes(const AttributeColumns& names) const;

  int line() const { return record_.line; }

 private:
  const CsvTable& table_;
  const CsvRecord& record_;
  char decimal_mark_;
};

}  // namespace refract::evidence
