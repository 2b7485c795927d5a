// A CSV file read record by record with libcsv, in fixed-size chunks, so that a table never sits
// in memory whole (internal to refract::omop).
#pragma once

#include <deque>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "refract/base/status.h"

namespace refract::omop::internal {

class CsvStream {
 public:
  // Opens `path` and reads its header. kNotFound when the file cannot be opened,
  // kInvalidArgument for a file without a header.
  static StatusOr<std::unique_ptr<CsvStream>> Open(const std::string& path, std::string name);
  ~CsvStream();
  CsvStream(const CsvStream&) = delete;
  CsvStream& operator=(const CsvStream&) = delete;

  // The next data record into `fields`; false at the end of the file. Errors name the file and
  // the data row ("CONDITION_OCCURRENCE.csv row 12: ...").
  StatusOr<bool> Next(std::vector<std::string>& fields);

  // The column index of `name`, or nullopt.
  std::optional<size_t> Column(const std::string& name) const;
  const std::string& name() const { return name_; }
  long row() const { return row_; }  // 1-based data row of the last record returned

  struct Parser;

 private:
  CsvStream() = default;
  Status Fill();

  std::string name_;
  std::ifstream file_;
  std::unique_ptr<Parser> parser_;
  std::map<std::string, size_t> columns_;
  long row_ = 0;
  bool ended_ = false;
};

}  // namespace refract::omop::internal
