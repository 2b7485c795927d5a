#include "refract/evidence/csv_reader.h"

#include <csv.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <utility>

namespace refract::evidence {
namespace {

// Turns libcsv callbacks into records of the kept columns, remembering the line on which each
// record starts, and hands each record to the sink.
struct Collector {
  const CsvColumnFilter* keep = nullptr;
  const CsvRecordSink* sink = nullptr;
  int current_line = 1;
  bool in_record = false;
  bool have_header = false;
  size_t field_index = 0;          // fields seen so far in the current record
  std::vector<std::string> names;  // every header name, while reading the header
  std::vector<int> slot;           // per header column: its index among the kept, or -1
  CsvTable header;                 // the kept names
  CsvRecord record;                // reused for every record
  Status status = Status::Ok();
};

void OnField(void* data, size_t length, void* context) {
  auto* c = static_cast<Collector*>(context);
  if (!c->status.ok()) return;
  if (!c->in_record) {
    c->in_record = true;
    c->record.line = c->current_line;
  }
  if (!c->have_header) {
    c->names.emplace_back(static_cast<const char*>(data), length);
  } else if (c->field_index < c->slot.size() && c->slot[c->field_index] >= 0) {
    c->record.fields[static_cast<size_t>(c->slot[c->field_index])].assign(
        static_cast<const char*>(data), length);
  }
  ++c->field_index;
}

void TakeHeader(Collector& c) {
  for (std::string& name : c.names) {
    bool kept = (*c.keep)(name);
    c.slot.push_back(kept ? static_cast<int>(c.header.header.size()) : -1);
    if (kept) c.header.header.push_back(std::move(name));
  }
  c.record.fields.resize(c.header.header.size());
  c.have_header = true;
}

void OnRecordEnd(int /*terminator*/, void* context) {
  auto* c = static_cast<Collector*>(context);
  if (!c->status.ok()) return;
  if (!c->have_header) {
    TakeHeader(*c);
  } else if (c->field_index != c->slot.size()) {
    c->status = Status::InvalidArgument("line " + std::to_string(c->record.line) + ": record has " +
                                        std::to_string(c->field_index) + " fields, header has " +
                                        std::to_string(c->slot.size()));
  } else {
    c->status = (*c->sink)(c->header, c->record);
  }
  c->field_index = 0;
  c->in_record = false;
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
    if (!collector.status.ok()) return collector.status;
    bytes.remove_prefix(length);
    ++collector.current_line;
  }
  if (csv_fini(&parser, OnField, OnRecordEnd, &collector) != 0) {
    return Status::InvalidArgument("line " + std::to_string(collector.current_line) + ": " +
                                   csv_strerror(csv_error(&parser)));
  }
  return collector.status;
}

Status Parse(std::string_view bytes, char delimiter, Collector& collector) {
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
    return Status::Internal("csv: parser initialisation failed");
  }
  csv_set_delim(&parser, static_cast<unsigned char>(delimiter));
  Status status = Feed(parser, bytes, collector);
  csv_free(&parser);
  if (!status.ok()) {
    if (status.message().find("parse error") != std::string::npos) {
      return Status::InvalidArgument(status.message() +
                                     " (stray or unterminated quote in a field)");
    }
    return status;
  }
  if (!collector.have_header) return Status::InvalidArgument("line 1: no header row");
  return Status::Ok();
}

}  // namespace

std::optional<size_t> CsvTable::ColumnIndex(std::string_view name) const {
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  return std::nullopt;
}

StatusOr<CsvTable> StreamCsv(std::string_view bytes, const CsvDialect& dialect,
                             const CsvColumnFilter& keep, const CsvRecordSink& on_record) {
  Collector collector;
  collector.keep = &keep;
  collector.sink = &on_record;
  if (Status status = Parse(StripBom(bytes), dialect.delimiter, collector); !status.ok()) {
    return status;
  }
  return std::move(collector.header);
}

StatusOr<CsvTable> ParseCsv(std::string_view bytes, const CsvDialect& dialect) {
  std::vector<CsvRecord> records;
  StatusOr<CsvTable> table = StreamCsv(
      bytes, dialect, [](std::string_view) { return true; },
      [&records](const CsvTable&, const CsvRecord& record) {
        records.push_back(record);
        return Status::Ok();
      });
  if (!table.ok()) return table.status();
  table->records = std::move(records);
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
