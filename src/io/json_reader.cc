#include "json_reader.h"

#include <cmath>

#include "refract/base/edit_distance.h"

namespace refract::io_internal {

ObjectReader::ObjectReader(const nlohmann::json& value, std::string path, ErrorList& errors)
    : value_(value), path_(std::move(path)), errors_(errors) {
  if (!value_.is_object()) {
    errors_.Add(path_, "must be an object");
    valid_ = false;
  }
}

bool ObjectReader::Has(std::string_view key) const {
  return valid_ && value_.find(key) != value_.end() && !value_.find(key)->is_null();
}

bool ObjectReader::IsNumber(std::string_view key) const {
  return Has(key) && value_.find(key)->is_number();
}

bool ObjectReader::Present(std::string_view key) const {
  return valid_ && value_.find(key) != value_.end();
}

const nlohmann::json* ObjectReader::Member(std::string_view key, Need need) {
  if (!valid_) return nullptr;
  consumed_.insert(std::string(key));
  auto it = value_.find(key);
  if (it == value_.end() || it->is_null()) {
    if (need == Need::kRequired) errors_.Add(PathOf(key), "is required");
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> ObjectReader::String(std::string_view key, Need need) {
  const nlohmann::json* member = Member(key, need);
  if (!member) return std::nullopt;
  if (!member->is_string()) {
    errors_.Add(PathOf(key), "must be a string");
    return std::nullopt;
  }
  std::string text = member->get<std::string>();
  if (text.empty()) {
    errors_.Add(PathOf(key), "must not be empty");
    return std::nullopt;
  }
  return text;
}

std::optional<int> ObjectReader::Int(std::string_view key, Need need, int min, int max) {
  const nlohmann::json* member = Member(key, need);
  if (!member) return std::nullopt;
  if (!member->is_number_integer()) {
    errors_.Add(PathOf(key), "must be an integer");
    return std::nullopt;
  }
  const long long number = member->get<long long>();
  if (number < min || number > max) {
    errors_.Add(PathOf(key), "must be between " + std::to_string(min) + " and " +
                                 std::to_string(max) + " (got " + std::to_string(number) + ")");
    return std::nullopt;
  }
  return static_cast<int>(number);
}

std::optional<double> ObjectReader::Number(std::string_view key, Need need, double min,
                                           double max) {
  const nlohmann::json* member = Member(key, need);
  if (!member) return std::nullopt;
  if (!member->is_number()) {
    errors_.Add(PathOf(key), "must be a number");
    return std::nullopt;
  }
  const double number = member->get<double>();
  if (!std::isfinite(number) || number < min || number > max) {
    errors_.Add(PathOf(key), "must be between " + nlohmann::json(min).dump() + " and " +
                                 nlohmann::json(max).dump() + " (got " +
                                 (std::isfinite(number) ? member->dump() : "a non-finite number") +
                                 ")");
    return std::nullopt;
  }
  return number;
}

std::optional<bool> ObjectReader::Bool(std::string_view key, Need need) {
  const nlohmann::json* member = Member(key, need);
  if (!member) return std::nullopt;
  if (!member->is_boolean()) {
    errors_.Add(PathOf(key), "must be true or false");
    return std::nullopt;
  }
  return member->get<bool>();
}

std::optional<Date> ObjectReader::DateField(std::string_view key, Need need) {
  std::optional<std::string> text = String(key, need);
  if (!text) return std::nullopt;
  std::optional<Date> date = Date::Parse(*text);
  if (!date) errors_.Add(PathOf(key), "must be a calendar date YYYY-MM-DD (got '" + *text + "')");
  return date;
}

const nlohmann::json* ObjectReader::Object(std::string_view key, Need need) {
  const nlohmann::json* member = Member(key, need);
  if (member && !member->is_object()) {
    errors_.Add(PathOf(key), "must be an object");
    return nullptr;
  }
  return member;
}

const nlohmann::json* ObjectReader::Array(std::string_view key, Need need) {
  const nlohmann::json* member = Member(key, need);
  if (member && !member->is_array()) {
    errors_.Add(PathOf(key), "must be an array");
    return nullptr;
  }
  return member;
}

void ObjectReader::RejectUnknownKeys(const std::set<std::string, std::less<>>& misplaced,
                                     const std::string& misplaced_rule) {
  if (!valid_) return;
  for (const auto& [key, unused] : value_.items()) {
    if (consumed_.contains(key)) continue;
    errors_.Add(PathOf(key), misplaced.contains(key) ? misplaced_rule : "unknown field");
  }
}

std::string DidYouMean(std::string_view value, const std::vector<std::string>& ids) {
  const std::vector<std::string> nearest = NearestCandidates(value, ids);
  if (nearest.empty()) return "";
  std::string text = ": did you mean ";
  for (size_t i = 0; i < nearest.size(); ++i)
    text += (i == 0 ? "" : (i + 1 == nearest.size() ? " or " : ", ")) + ("'" + nearest[i] + "'");
  return text + "?";
}

}  // namespace refract::io_internal
