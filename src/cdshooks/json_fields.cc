#include "json_fields.h"

#include <fmt/format.h>

namespace refract::cdshooks::internal {

std::string Member(const std::string& path, const char* key) { return path + "." + key; }

std::string Element(const std::string& path, size_t index) {
  return fmt::format("{}[{}]", path, index);
}

void FieldReader::Add(std::string path, std::string rule) {
  errors_.push_back({std::move(path), std::move(rule)});
}

std::string FieldReader::String(const nlohmann::json& object, const std::string& path,
                                const char* key, bool required) {
  const auto it = object.find(key);
  if (it == object.end()) {
    if (required) Add(Member(path, key), "is required");
    return "";
  }
  if (!it->is_string()) {
    Add(Member(path, key), "must be a string");
    return "";
  }
  return it->get<std::string>();
}

std::optional<bool> FieldReader::Bool(const nlohmann::json& object, const std::string& path,
                                      const char* key) {
  const auto it = object.find(key);
  if (it == object.end()) return std::nullopt;
  if (!it->is_boolean()) {
    Add(Member(path, key), "must be true or false");
    return std::nullopt;
  }
  return it->get<bool>();
}

std::optional<int64_t> FieldReader::Integer(const nlohmann::json& object, const std::string& path,
                                            const char* key) {
  const auto it = object.find(key);
  if (it == object.end()) return std::nullopt;
  if (!it->is_number_integer()) {
    Add(Member(path, key), "must be an integer");
    return std::nullopt;
  }
  return it->get<int64_t>();
}

const nlohmann::json* FieldReader::Object(const nlohmann::json& object, const std::string& path,
                                          const char* key, bool required) {
  const auto it = object.find(key);
  if (it == object.end()) {
    if (required) Add(Member(path, key), "is required");
    return nullptr;
  }
  if (!it->is_object()) {
    Add(Member(path, key), "must be an object");
    return nullptr;
  }
  return &*it;
}

const nlohmann::json* FieldReader::Array(const nlohmann::json& object, const std::string& path,
                                         const char* key, bool required) {
  const auto it = object.find(key);
  if (it == object.end()) {
    if (required) Add(Member(path, key), "is required");
    return nullptr;
  }
  if (!it->is_array()) {
    Add(Member(path, key), "must be an array");
    return nullptr;
  }
  return &*it;
}

void FieldReader::OneOf(const std::string& value, const std::string& path,
                        const std::vector<std::string>& allowed) {
  for (const std::string& option : allowed) {
    if (value == option) return;
  }
  Add(path, fmt::format("must be one of {}", fmt::join(allowed, ", ")));
}

}  // namespace refract::cdshooks::internal
