#include "knowledge_json_common.h"

namespace refract::io_internal {

Provenance ReadProvenance(ObjectReader& row) {
  static const EnumTable<Tag> kTags = {{"V", Tag::kVerified},
                                       {"E", Tag::kEstablished},
                                       {"U", Tag::kUnconfirmed},
                                       {"D", Tag::kDecision}};
  return {row.Enum("tag", Need::kRequired, kTags).value_or(Tag::kUnconfirmed),
          row.String("source", Need::kRequired).value_or("")};
}

std::optional<std::pair<double, double>> ReadRange(ObjectReader& row, std::string_view key,
                                                   ErrorList& errors) {
  const nlohmann::json* range = row.Array(key, Need::kOptional);
  if (!range) return std::nullopt;
  if (range->size() != 2 || !(*range)[0].is_number() || !(*range)[1].is_number() ||
      (*range)[0].get<double>() > (*range)[1].get<double>()) {
    errors.Add(row.PathOf(key), "must be [low, high] with low <= high");
    return std::nullopt;
  }
  return std::make_pair((*range)[0].get<double>(), (*range)[1].get<double>());
}

std::vector<int> ReadIntArray(ObjectReader& reader, std::string_view key, Need need, int min,
                              int max, ErrorList& errors) {
  std::vector<int> values;
  const nlohmann::json* array = reader.Array(key, need);
  if (!array) return values;
  for (size_t i = 0; i < array->size(); ++i) {
    const nlohmann::json& element = (*array)[i];
    if (!element.is_number_integer() || element.get<long long>() < min ||
        element.get<long long>() > max) {
      errors.Add(
          reader.PathOf(key) + "[" + std::to_string(i) + "]",
          "must be an integer between " + std::to_string(min) + " and " + std::to_string(max));
      continue;
    }
    values.push_back(element.get<int>());
  }
  return values;
}

std::vector<std::string> ReadStringArray(ObjectReader& reader, std::string_view key, Need need,
                                         ErrorList& errors) {
  std::vector<std::string> values;
  const nlohmann::json* array = reader.Array(key, need);
  if (!array) return values;
  for (size_t i = 0; i < array->size(); ++i) {
    const nlohmann::json& element = (*array)[i];
    if (!element.is_string() || element.get<std::string>().empty()) {
      errors.Add(reader.PathOf(key) + "[" + std::to_string(i) + "]", "must be a non-empty string");
      continue;
    }
    values.push_back(element.get<std::string>());
  }
  return values;
}

std::string ReadTableHeader(ObjectReader& reader, std::string_view table, ErrorList& errors) {
  if (auto format = reader.String("format", Need::kRequired);
      format && *format != "refract-knowledge/1") {
    errors.Add(reader.PathOf("format"), "must be 'refract-knowledge/1'");
  }
  if (auto name = reader.String("table", Need::kRequired); name && *name != table) {
    errors.Add(reader.PathOf("table"), "must be '" + std::string(table) + "'");
  }
  reader.String("description", Need::kOptional);
  return std::string(table) + "@" + reader.String("version", Need::kRequired).value_or("");
}

std::optional<nlohmann::json> ParseDocument(const std::string& text, const std::string& root,
                                            ErrorList& errors) {
  nlohmann::json document = nlohmann::json::parse(text, nullptr, false);
  if (document.is_discarded()) {
    errors.Add(root, "not valid JSON");
    return std::nullopt;
  }
  return document;
}

}  // namespace refract::io_internal
