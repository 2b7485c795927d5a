// CSV parsing: bytes -> header + records, over libcsv (RFC 4180; Debian libcsv-dev).
//
// Quoted fields may contain the delimiter, doubled quotes and line breaks; bytes are passed through
// unchanged (UTF-8 stays UTF-8); a leading UTF-8 byte-order mark is dropped. Parsing is strict: a
// quote inside an unquoted field or an unterminated quoted field is an error. Every record must
// have as many fields as the header. Numbers are not interpreted here; see ParseNumber().
//
// No I/O: the caller reads the bytes (a file, a request body, an embedded table). Thread-safe (no
// shared state). Errors are kInvalidArgument with the 1-based physical line number
// where the offending record starts, e.g. "line 12: record has 70 fields, header has 71".
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "refract/base/status.h"

namespace refract::evidence {

struct CsvDialect {
  char delimiter = ',';
  char decimal_mark = '.';  // used by ParseNumber(), not by the parser
};

// The Metapsy data standard: semicolon-separated, decimal comma, "NA" for missing.
inline constexpr CsvDialect kMetapsyDialect{.delimiter = ';', .decimal_mark = ','};

struct CsvRecord {
  int line = 0;  // physical line (1-based) on which the record starts
  std::vector<std::string> fields;
};

struct CsvTable {
  std::vector<std::string> header;
  std::vector<CsvRecord> records;

  // Index of the column named `name`, or nullopt.
  std::optional<size_t> ColumnIndex(std::string_view name) const;
};

// Parses a whole document. Errors: empty input (no header), strict-mode parse errors, ragged
// records.
StatusOr<CsvTable> ParseCsv(std::string_view bytes, const CsvDialect& dialect);

// Streaming, column-selective parsing (the same rules and errors as ParseCsv): `keep` chooses
// columns by header name; `on_record` is called for each data record with a header-only table
// (the kept names, in file order) and the record's kept fields in the same order. The record is
// reused between calls (no allocation per record once its fields have grown), and the other
// columns are never copied. A non-ok status from `on_record` stops the parse and is returned.
// Returns the kept header (no records).
using CsvColumnFilter = std::function<bool(std::string_view name)>;
using CsvRecordSink = std::function<Status(const CsvTable& header, const CsvRecord& record)>;
StatusOr<CsvTable> StreamCsv(std::string_view bytes, const CsvDialect& dialect,
                             const CsvColumnFilter& keep, const CsvRecordSink& on_record);

// A numeric cell: "NA" or empty (after trimming spaces) gives NaN (missing); otherwise the whole
// text must be a finite decimal number using `decimal_mark` (no thousands separators), e.g. "0,25"
// with ','. Locale-independent. Returns nullopt for malformed text.
std::optional<double> ParseNumber(std::string_view text, char decimal_mark);

}  // namespace refract::evidence
