// Strict reading of JSON objects with precise error messages (private to refract::io).
//
// Every accessor marks its key as consumed; RejectUnknownKeys() then reports each key that no
// accessor read, so unknown fields are rejected instead of silently dropped. Errors name the JSON
// path and the rule:
//   "$.treatments[2].end: must not be before start (2025-03-01)".
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "refract/base/date.h"
#include "refract/base/status.h"

namespace refract::io_internal {

class ErrorList {
 public:
  void Add(std::string path, std::string rule) {
    errors_.push_back({std::move(path), std::move(rule)});
  }
  bool empty() const { return errors_.empty(); }
  // kInvalidArgument with every error as a field detail (one "path: rule" line each).
  Status ToStatus() const { return Status::InvalidFields(errors_); }

 private:
  std::vector<FieldError> errors_;
};

// ": did you mean 'x' or 'y'?" for the ids nearest to `value` (base/edit_distance.h), or "".
std::string DidYouMean(std::string_view value, const std::vector<std::string>& ids);

template <typename E>
using EnumTable = std::vector<std::pair<std::string_view, E>>;

enum class Need { kOptional, kRequired };

class ObjectReader {
 public:
  // Reports an error (and reads nothing) when `value` is not an object.
  ObjectReader(const nlohmann::json& value, std::string path, ErrorList& errors);

  bool valid() const { return valid_; }
  const std::string& path() const { return path_; }
  std::string PathOf(std::string_view key) const { return path_ + "." + std::string(key); }
  bool Has(std::string_view key) const;
  // Whether `key` is present and a number.
  bool IsNumber(std::string_view key) const;
  // Whether `key` is present at all, null included.
  bool Present(std::string_view key) const;

  std::optional<std::string> String(std::string_view key, Need need);
  std::optional<int> Int(std::string_view key, Need need, int min, int max);
  std::optional<double> Number(std::string_view key, Need need, double min, double max);
  std::optional<bool> Bool(std::string_view key, Need need);
  std::optional<Date> DateField(std::string_view key, Need need);
  // The raw member (object or array) for nested reading; nullptr when absent or of the wrong type.
  const nlohmann::json* Object(std::string_view key, Need need);
  const nlohmann::json* Array(std::string_view key, Need need);

  template <typename E>
  std::optional<E> Enum(std::string_view key, Need need, const EnumTable<E>& table) {
    std::optional<std::string> text = String(key, need);
    if (!text) return std::nullopt;
    for (const auto& [name, value] : table) {
      if (name == *text) return value;
    }
    std::string allowed;
    std::vector<std::string> names;
    for (const auto& entry : table) {
      allowed += (allowed.empty() ? "" : ", ") + std::string(entry.first);
      names.emplace_back(entry.first);
    }
    const std::string hint = DidYouMean(*text, names);
    errors_.Add(PathOf(key), "'" + *text + "' is not one of: " + allowed +
                                 (hint.empty() ? "" : ";" + hint.substr(1)));
    return std::nullopt;
  }

  // Reports every key no accessor read. Keys listed in `misplaced` get `misplaced_rule` instead of
  // "unknown field" (e.g. a field that exists, but not for this treatment kind).
  void RejectUnknownKeys(const std::set<std::string, std::less<>>& misplaced = {},
                         const std::string& misplaced_rule = "");

 private:
  const nlohmann::json* Member(std::string_view key, Need need);

  const nlohmann::json& value_;
  std::string path_;
  ErrorList& errors_;
  bool valid_ = true;
  std::set<std::string, std::less<>> consumed_;
};

}  // namespace refract::io_internal
