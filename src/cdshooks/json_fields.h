// Reading JSON members with one FieldError per problem (private to refract::cdshooks): a reader
// collects every problem of a document instead of stopping at the first.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "refract/base/status.h"

namespace refract::cdshooks::internal {

class FieldReader {
 public:
  // Member `key` of `object` as a string; "" when absent. A required absent member, or a member of
  // another type, is an error at `path`.`key`.
  std::string String(const nlohmann::json& object, const std::string& path, const char* key,
                     bool required);
  std::optional<bool> Bool(const nlohmann::json& object, const std::string& path, const char* key);
  std::optional<int64_t> Integer(const nlohmann::json& object, const std::string& path,
                                 const char* key);
  // The member if it is an object (nullptr when absent or not one; the latter is an error).
  const nlohmann::json* Object(const nlohmann::json& object, const std::string& path,
                               const char* key, bool required);
  const nlohmann::json* Array(const nlohmann::json& object, const std::string& path,
                              const char* key, bool required);
  // `value` must be one of `allowed`.
  void OneOf(const std::string& value, const std::string& path,
             const std::vector<std::string>& allowed);
  void Add(std::string path, std::string rule);

  bool ok() const { return errors_.empty(); }
  Status ToStatus() const { return Status::InvalidFields(errors_); }

 private:
  std::vector<FieldError> errors_;
};

// `path` + "." + key, or `path` + "[index]".
std::string Member(const std::string& path, const char* key);
std::string Element(const std::string& path, size_t index);

}  // namespace refract::cdshooks::internal
