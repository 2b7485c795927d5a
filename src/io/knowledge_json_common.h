// Shared readers for the knowledge files: tables, instruments, interventions (private to
// refract::io).
#pragma once

#include <optional>
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

// The whole file at `path`. kNotFound "<path>: cannot open" when it cannot be read.
StatusOr<std::string> ReadTextFile(const std::string& path);

// Parses `text` as JSON; reports "not valid JSON" at `root` and returns nullopt on failure.
std::optional<nlohmann::json> ParseDocument(const std::string& text, const std::string& root,
                                            ErrorList& errors);

}  // namespace refract::io_internal
