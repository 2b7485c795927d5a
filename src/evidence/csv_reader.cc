#include "refract/evidence/csv_reader.h"

#include <csv.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <utility>

namespace refract::evidence {
namespace {

// Collects libcsv callbacks into records, remembering the line on which each record starts.
struct Collector {
  int current_line = 1;
  bool in_record = false;
  CsvRecord record;
  std::vector<CsvRecord> records;
};

void OnField(void* data, size_t length, void* context) {
  auto* collector = static_cast<Collector*>(context);
  if (!collector->in_record) {
    collector->in_record = true;
    collector->record.line = collector->current_line;
  }
  collector->record.fields.emplace_back(static_cast<const char*>(data), length);
}

void OnRecordEnd(int /*terminator*/, void* context) {
  auto* collector = static_cast<Collector*>(context);
  collector->records.push_back(std::move(collector->record));
  collector->record = CsvRecord{};
  collector->in_record = false;
}

std::string_view StripBom(std::string_view bytes) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (bytes.substr(0, kBom.size()) == kBom) bytes.remove_prefix(kBom.size());
  return bytes;
}

// Feeds the parser one physical line at a time so that callbacks know the line number.
Status Feed(csv_parser& parser, std::string_view bytes, Collector& collector) {
  while (!bytes.empty()) {
    size_t end = bytes.find('\n');
    size_t length = end == std::string_view::npos ? bytes.size() : end + 1;
    if (csv_parse(&parser, bytes.data(), length, OnField, OnRecordEnd, &collector) != length) {
      int line = collector.in_record ? collector.record.line : collector.current_line;
      return Status::InvalidArgument("line " + std::to_string(line) + ": " +
                                     csv_strerror(csv_error(&parser)));
    }
    bytes.remove_prefix(length);
    ++collector.current_line;
  }
  if (csv_fini(&parser, OnField, OnRecordEnd, &collector) != 0) {
    return Status::InvalidArgument("line " + std::to_string(collector.current_line) + ": " +
                                   csv_strerror(csv_error(&parser)));
  }
  return Status::Ok();
}

StatusOr<std::vector<CsvRecord>> ParseRecords(std::string_view bytes, char delimiter) {
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
    return Status::Internal("csv: parser initialisation failed");
  }
  csv_set_delim(&parser, static_cast<unsigned char>(delimiter));
  Collector collector;
  Status status = Feed(parser, bytes, collector);
  csv_free(&parser);
  if (!status.ok()) {
    if (status.message().find("parse error") != std::string::npos) {
      return Status::InvalidArgument(status.message() +
                                     " (stray or unterminated quote in a field)");
    }
    return status;
  }
  return std::move(collector.records);
}

}  // namespace

std::optional<size_t> CsvTable::ColumnIndex(std::string_view name) const {
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  return std::nullopt;
}

StatusOr<CsvTable> ParseCsv(std::string_view bytes, const CsvDialect& dialect) {
  StatusOr<std::vector<CsvRecord>> records = ParseRecords(StripBom(bytes), dialect.delimiter);
  if (!records.ok()) return records.status();
  if (records->empty()) return Status::InvalidArgument("line 1: no header row");
  CsvTable table;
  table.header = std::move(records->front().fields);
  for (size_t i = 1; i < records->size(); ++i) {
    CsvRecord& record = (*records)[i];
    if (record.fields.size() != table.header.size()) {
      return Status::InvalidArgument("line " + std::to_string(record.line) + ": record has " +
                                     std::to_string(record.fields.size()) + " fields, header has " +
                                     std::to_string(table.header.size()));
    }
    table.records.push_back(std::move(record));
  }
  return table;
}

std::optional<double> ParseNumber(std::string_view text, char decimal_mark) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (text.empty() || text == "NA") return std::numeric_limits<double>::quiet_NaN();
  std::string normalized(text);
  if (decimal_mark != '.') {
    if (normalized.find('.') != std::string::npos) return std::nullopt;
    for (char& c : normalized) {
      if (c == decimal_mark) c = '.';
    }
  }
  if (normalized.front() == '+') {
    normalized.erase(0, 1);
    if (normalized.empty() || normalized.front() == '-') return std::nullopt;
  }
  double value = 0;
  const char* end = normalized.data() + normalized.size();
  auto [ptr, ec] = std::from_chars(normalized.data(), end, value);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

}  // namespace refract::evidence
