// Shared readers for the knowledge files: tables, instruments, interventions (private to
// refract::io).
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "json_reader.h"
#include "refract/base/status.h"
#include "refract/knowledge/knowledge.h"

namespace refract::io_internal {

// The row's "tag" (V/E/U/D) and "source", both required.
Provenance ReadProvenance(ObjectReader& row);

// An optional [low, high] pair of numbers with low <= high; errors name the key.
std::optional<std::pair<double, double>> ReadRange(ObjectReader& row, std::string_view key,
                                                   ErrorList& errors);

// A required or optional array of integers in [min, max]; errors name each bad element.
std::vector<int> ReadIntArray(ObjectReader& reader, std::string_view key, Need need, int min,
                              int max, ErrorList& errors);

// A required or optional array of non-empty strings.
std::vector<std::string> ReadStringArray(ObjectReader& reader, std::string_view key, Need need,
                                         ErrorList& errors);

// The header of a knowledge file: "format" must be refract-knowledge/1 and "table" must be `table`;
// "description" is optional. Returns "<table>@<version>" (errors are added to `errors`).
std::string ReadTableHeader(ObjectReader& reader, std::string_view table, ErrorList& errors);

// The rows of the required array "items": each object read by `read` (ObjectReader& -> T, T has an
// `id`), its unknown keys rejected; a repeated id is "duplicate id '<id>'" at the row's id.
template <typename T, typename Read>
std::vector<T> ReadUniqueItems(ObjectReader& reader, ErrorList& errors, Read read) {
  std::vector<T> rows;
  const nlohmann::json* items = reader.Array("items", Need::kRequired);
  if (!items) return rows;
  std::set<std::string, std::less<>> ids;
  for (size_t i = 0; i < items->size(); ++i) {
    ObjectReader row(items->at(i), reader.PathOf("items") + "[" + std::to_string(i) + "]", errors);
    if (!row.valid()) continue;
    T item = read(row);
    row.RejectUnknownKeys();
    if (!item.id.empty() && !ids.insert(item.id).second) {
      errors.Add(row.PathOf("id"), "duplicate id '" + item.id + "'");
    }
    rows.push_back(std::move(item));
  }
  return rows;
}

// Parses `text` as JSON; reports "not valid JSON" at `root` and returns nullopt on failure.
std::optional<nlohmann::json> ParseDocument(const std::string& text, const std::string& root,
                                            ErrorList& errors);

// One knowledge file read whole: `text` parsed (errors are rooted at "<file>:$"), its header
// checked against `table` (T::version = "<table>@<version>"), the body read by
// `read(ObjectReader& root, T& result, ErrorList&)`, unknown root keys rejected. Every error found
// is returned at once as kInvalidArgument; nothing is returned half-read.
template <typename T, typename Read>
StatusOr<T> ReadKnowledgeTable(const std::string& text, std::string_view file,
                               std::string_view table, Read read) {
  const std::string root = std::string(file) + ":$";
  ErrorList errors;
  std::optional<nlohmann::json> document = ParseDocument(text, root, errors);
  if (!document) return errors.ToStatus();
  ObjectReader reader(*document, root, errors);
  T result;
  result.version = ReadTableHeader(reader, table, errors);
  read(reader, result, errors);
  reader.RejectUnknownKeys();
  if (!errors.empty()) return errors.ToStatus();
  return result;
}

}  // namespace refract::io_internal
