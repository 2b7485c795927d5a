#include "csv_stream.h"

#include <csv.h>

namespace refract::omop::internal {

// Records are parsed a chunk at a time into `records`; [taken, filled) wait to be read. Next swaps
// a record out for the caller's previous one, whose storage the slot reuses, and memory stays
// bounded by the records of one chunk.
struct CsvStream::Parser {
  csv_parser parser{};
  size_t width = 0;  // the header's fields (0 until it is read): every record's width
  std::vector<CsvRecord> records;
  size_t taken = 0;
  size_t filled = 0;
  bool in_record = false;  // records[filled] holds the fields of a record not yet ended

  CsvRecord& Current() {
    if (filled == records.size()) records.emplace_back();
    if (!in_record) records[filled].Clear();
    in_record = true;
    return records[filled];
  }

  // Called once every parsed record is read: the record still being parsed moves to slot 0.
  void Rewind() {
    if (filled > 0 && filled < records.size()) std::swap(records[0], records[filled]);
    taken = filled = 0;
  }
};

namespace {

constexpr size_t kChunkBytes = 1 << 16;

void OnField(void* data, size_t length, void* context) {
  auto* parser = static_cast<CsvStream::Parser*>(context);
  parser->Current().Add(std::string_view(static_cast<const char*>(data), length));
}

void OnRecordEnd(int /*terminator*/, void* context) {
  auto* parser = static_cast<CsvStream::Parser*>(context);
  parser->Current();  // a record without fields takes its slot too
  parser->in_record = false;
  ++parser->filled;
}

}  // namespace

CsvStream::~CsvStream() {
  if (parser_) csv_free(&parser_->parser);
}

StatusOr<std::unique_ptr<CsvStream>> CsvStream::Open(const std::string& path, std::string name) {
  std::unique_ptr<CsvStream> stream(new CsvStream());
  stream->name_ = std::move(name);
  stream->file_.open(path, std::ios::binary);
  if (!stream->file_) return Status::NotFound("cannot open " + path);
  stream->parser_ = std::make_unique<Parser>();
  if (csv_init(&stream->parser_->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
    return Status::Internal("csv: parser initialisation failed");
  }
  CsvRecord header;
  StatusOr<bool> has_header = stream->Next(header);
  if (!has_header.ok()) return has_header.status();
  if (!*has_header) return Status::InvalidArgument(stream->name_ + ": no header row");
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  for (size_t i = 0; i < header.size(); ++i) {
    std::string_view column = header[i];
    if (i == 0 && column.starts_with(kBom)) column.remove_prefix(kBom.size());
    stream->columns_[std::string(column)] = i;
  }
  stream->parser_->width = header.size();
  stream->row_ = 0;
  return stream;
}

Status CsvStream::Fill() {
  char buffer[kChunkBytes];
  parser_->Rewind();
  while (parser_->filled == 0 && !ended_) {
    file_.read(buffer, sizeof buffer);
    const size_t length = static_cast<size_t>(file_.gcount());
    if (length > 0 && csv_parse(&parser_->parser, buffer, length, OnField, OnRecordEnd,
                                parser_.get()) != length) {
      return Status::InvalidArgument(name_ + " after row " + std::to_string(row_) + ": " +
                                     csv_strerror(csv_error(&parser_->parser)) +
                                     " (stray or unterminated quote in a field)");
    }
    if (length < sizeof buffer) {
      ended_ = true;
      if (csv_fini(&parser_->parser, OnField, OnRecordEnd, parser_.get()) != 0) {
        return Status::InvalidArgument(name_ + " after row " + std::to_string(row_) + ": " +
                                       csv_strerror(csv_error(&parser_->parser)));
      }
    }
  }
  return Status::Ok();
}

StatusOr<bool> CsvStream::Next(CsvRecord& record) {
  if (parser_->taken == parser_->filled) {
    Status status = Fill();
    if (!status.ok()) return status;
  }
  if (parser_->taken == parser_->filled) return false;
  std::swap(record, parser_->records[parser_->taken++]);
  ++row_;
  const size_t width = parser_->width;
  if (width != 0 && record.size() != width) {
    return Status::InvalidArgument(name_ + " row " + std::to_string(row_) + ": record has " +
                                   std::to_string(record.size()) + " fields, header has " +
                                   std::to_string(width));
  }
  return true;
}

std::optional<size_t> CsvStream::Column(const std::string& name) const {
  auto it = columns_.find(name);
  if (it == columns_.end()) return std::nullopt;
  return it->second;
}

}  // namespace refract::omop::internal
