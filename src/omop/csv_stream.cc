#include "csv_stream.h"

#include <csv.h>

namespace refract::omop::internal {

struct CsvStream::Parser {
  csv_parser parser{};
  std::vector<std::string> record;
  size_t width = 0;  // the header's fields (0 until it is read): every record's width and capacity
  std::deque<std::vector<std::string>> ready;
};

namespace {

constexpr size_t kChunkBytes = 1 << 16;

void OnField(void* data, size_t length, void* context) {
  auto* parser = static_cast<CsvStream::Parser*>(context);
  parser->record.emplace_back(static_cast<const char*>(data), length);
}

void OnRecordEnd(int /*terminator*/, void* context) {
  auto* parser = static_cast<CsvStream::Parser*>(context);
  parser->ready.push_back(std::move(parser->record));
  parser->record.clear();
  parser->record.reserve(parser->width);
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
  std::vector<std::string> header;
  StatusOr<bool> has_header = stream->Next(header);
  if (!has_header.ok()) return has_header.status();
  if (!*has_header) return Status::InvalidArgument(stream->name_ + ": no header row");
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  if (header[0].starts_with(kBom)) header[0].erase(0, kBom.size());
  for (size_t i = 0; i < header.size(); ++i) stream->columns_[header[i]] = i;
  stream->parser_->width = header.size();
  stream->row_ = 0;
  return stream;
}

Status CsvStream::Fill() {
  char buffer[kChunkBytes];
  while (parser_->ready.empty() && !ended_) {
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

StatusOr<bool> CsvStream::Next(std::vector<std::string>& fields) {
  if (parser_->ready.empty()) {
    Status status = Fill();
    if (!status.ok()) return status;
  }
  if (parser_->ready.empty()) return false;
  fields = std::move(parser_->ready.front());
  parser_->ready.pop_front();
  ++row_;
  const size_t width = parser_->width;
  if (width != 0 && fields.size() != width) {
    return Status::InvalidArgument(name_ + " row " + std::to_string(row_) + ": record has " +
                                   std::to_string(fields.size()) + " fields, header has " +
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
