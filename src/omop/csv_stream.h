// A CSV file read record by record with libcsv, in fixed-size chunks, so that a table never sits
// in memory whole (internal to refract::omop).
#pragma once

#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "refract/base/status.h"

namespace refract::omop::internal {

// One CSV record: its fields' text back to back and where each field ends. Cleared and refilled
// record after record, it keeps its storage, so reading a table allocates (almost) nothing per row.
class CsvRecord {
 public:
  size_t size() const { return ends_.size(); }
  std::string_view operator[](size_t field) const {
    const size_t begin = field == 0 ? 0 : ends_[field - 1];
    return std::string_view(text_.data() + begin, ends_[field] - begin);
  }
  void Clear() {
    text_.clear();
    ends_.clear();
  }
  void Add(std::string_view field) {
    if (!field.empty()) text_.append(field.data(), field.size());
    ends_.push_back(text_.size());
  }

 private:
  std::string text_;
  std::vector<size_t> ends_;
};

class CsvStream {
 public:
  // Opens `path` and reads its header. kNotFound when the file cannot be opened,
  // kInvalidArgument for a file without a header.
  static StatusOr<std::unique_ptr<CsvStream>> Open(const std::string& path, std::string name);
  ~CsvStream();
  CsvStream(const CsvStream&) = delete;
  CsvStream& operator=(const CsvStream&) = delete;

  // The next data record into `record`; false at the end of the file. Errors name the file and
  // the data row ("CONDITION_OCCURRENCE.csv row 12: ..."). The storage `record` held before is
  // kept to be refilled, so a caller reading many records should pass the same one each time.
  StatusOr<bool> Next(CsvRecord& record);

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
