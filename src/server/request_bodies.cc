// Request body readers (src/server/request_bodies.h).
#include "request_bodies.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <limits>

#include "meta_analyses_body.h"

namespace refract::server::api {
namespace {

using nlohmann::json;

Status Invalid(const std::string& path, const std::string& rule) {
  return Status::InvalidFields({{path, rule}});
}

StatusOr<std::string> RequiredText(const json& body, const std::string& key) {
  auto it = body.find(key);
  if (it == body.end() || !it->is_string() || it->get<std::string>().empty()) {
    return Invalid("$." + key, "is required and must be a non-empty string");
  }
  return it->get<std::string>();
}

// The string at `key`, `fallback` when absent; kInvalidArgument when present and not a string.
StatusOr<std::string> OptionalText(const json& body, const std::string& key,
                                   const std::string& fallback) {
  auto it = body.find(key);
  if (it == body.end()) return fallback;
  if (!it->is_string()) return Invalid("$." + key, "must be a string");
  return it->get<std::string>();
}

StatusOr<bool> OptionalBool(const json& body, const std::string& key, bool fallback) {
  auto it = body.find(key);
  if (it == body.end()) return fallback;
  if (!it->is_boolean()) return Invalid("$." + key, "must be true or false");
  return it->get<bool>();
}

StatusOr<double> OptionalNumber(const json& body, const std::string& key, double fallback) {
  auto it = body.find(key);
  if (it == body.end()) return fallback;
  if (!it->is_number()) return Invalid("$." + key, "must be a number");
  return it->get<double>();
}

// An integer that fits an int; nullopt for any other value (a float, or one out of range).
std::optional<int> SmallInt(const json& value) {
  if (value.is_number_unsigned()) {
    const auto number = value.get<uint64_t>();
    if (number > static_cast<uint64_t>(std::numeric_limits<int>::max())) return std::nullopt;
    return static_cast<int>(number);
  }
  if (!value.is_number_integer()) return std::nullopt;
  const auto number = value.get<int64_t>();
  if (number < std::numeric_limits<int>::min() || number > std::numeric_limits<int>::max()) {
    return std::nullopt;
  }
  return static_cast<int>(number);
}

StatusOr<std::vector<store::Role>> ReadRoles(const json& body) {
  auto it = body.find("roles");
  if (it == body.end() || !it->is_array() || it->empty()) {
    return Invalid("$.roles", "is required: a non-empty array of clinician, admin, auditor");
  }
  std::vector<store::Role> roles;
  for (size_t i = 0; i < it->size(); ++i) {
    const json& value = (*it)[i];
    std::optional<store::Role> role =
        value.is_string() ? store::RoleFromString(value.get<std::string>()) : std::nullopt;
    if (!role) {
      return Invalid(fmt::format("$.roles[{}]", i), "must be one of: clinician, admin, auditor");
    }
    roles.push_back(*role);
  }
  return roles;
}

// A one-character option ("separator", "decimal_mark"), or the default when absent.
StatusOr<char> CharOption(const json& body, const std::string& key, char fallback) {
  const auto value = body.find(key);
  if (value == body.end()) return fallback;
  if (!value->is_string() || value->get<std::string>().size() != 1) {
    return Invalid("$." + key, "must be a single character");
  }
  return value->get<std::string>()[0];
}

Status ReadScoreItems(const json& body, ScoreRequest& request) {
  const auto items = body.find("items");
  if (items == body.end()) return Status::Ok();
  if (!items->is_array()) return Invalid("$.items", "must be an array");
  for (size_t i = 0; i < items->size(); ++i) {
    const json& item = (*items)[i];
    const std::optional<int> value = SmallInt(item);
    if (!item.is_null() && !value) {
      return Invalid(fmt::format("$.items[{}]", i), "must be an integer or null (unanswered)");
    }
    request.items.push_back(value);
  }
  return Status::Ok();
}

Status ReadScoreVariants(const json& body, ScoreRequest& request) {
  const auto variants = body.find("variants");
  if (variants == body.end()) return Status::Ok();
  if (!variants->is_object()) {
    return Invalid("$.variants", "must map item numbers to the variant rated");
  }
  for (const auto& [item, variant] : variants->items()) {
    int number = 0;
    const auto [end, error] = std::from_chars(item.data(), item.data() + item.size(), number);
    if (error != std::errc() || end != item.data() + item.size() || number <= 0 ||
        !variant.is_string()) {
      return Invalid("$.variants." + item,
                     "must map an item number to the variant rated (\"A\" or \"B\")");
    }
    request.variants[number] = variant.get<std::string>();
  }
  return Status::Ok();
}

}  // namespace

Status CheckJsonDepth(std::string_view text) {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') in_string = true;
    if (c == '[' || c == '{') ++depth;
    if (c == ']' || c == '}') --depth;
    if (depth > kMaxJsonDepth) {
      return Invalid("$", fmt::format("nests deeper than {} levels", kMaxJsonDepth));
    }
  }
  return Status::Ok();
}

std::string TextOr(const json& body, const std::string& key, const std::string& fallback) {
  if (!body.is_object()) return fallback;
  auto it = body.find(key);
  return it != body.end() && it->is_string() && !it->get<std::string>().empty()
             ? it->get<std::string>()
             : fallback;
}

StatusOr<SignInBody> ReadSignIn(const json& body) {
  StatusOr<std::string> username = RequiredText(body, "username");
  if (!username.ok()) return username.status();
  StatusOr<std::string> password = RequiredText(body, "password");
  if (!password.ok()) return password.status();
  return SignInBody{std::move(*username), std::move(*password)};
}

StatusOr<NewUserBody> ReadNewUser(const json& body) {
  StatusOr<SignInBody> credentials = ReadSignIn(body);
  if (!credentials.ok()) return credentials.status();
  StatusOr<std::vector<store::Role>> roles = ReadRoles(body);
  if (!roles.ok()) return roles.status();
  StatusOr<std::string> team = OptionalText(body, "team", "");
  if (!team.ok()) return team.status();
  const bool clinician =
      std::find(roles->begin(), roles->end(), store::Role::kClinician) != roles->end();
  if (clinician && team->empty()) {
    return Invalid("$.team", "is required for a clinician (the care team)");
  }
  return NewUserBody{std::move(credentials->username), std::move(credentials->password),
                     std::move(*roles), std::move(*team)};
}

StatusOr<UserUpdateBody> ReadUserUpdate(const json& body) {
  UserUpdateBody update;
  if (body.contains("roles")) {
    StatusOr<std::vector<store::Role>> roles = ReadRoles(body);
    if (!roles.ok()) return roles.status();
    update.roles = std::move(*roles);
  }
  if (body.contains("team")) {
    StatusOr<std::string> team = OptionalText(body, "team", "");
    if (!team.ok()) return team.status();
    update.team = std::move(*team);
  }
  if (body.contains("disabled")) {
    StatusOr<bool> disabled = OptionalBool(body, "disabled", false);
    if (!disabled.ok()) return disabled.status();
    update.disabled = *disabled;
  }
  if (body.contains("password")) {
    StatusOr<std::string> password = RequiredText(body, "password");
    if (!password.ok()) return password.status();
    update.password = std::move(*password);
  }
  return update;
}

StatusOr<std::string> ReadTokenName(const json& body) { return RequiredText(body, "name"); }

StatusOr<ScoreRequest> ReadScoreRequest(const json& body) {
  ScoreRequest request;
  const auto instrument = body.find("instrument");
  if (instrument == body.end() || !instrument->is_string()) {
    return Invalid("$.instrument", "is required: an instrument id");
  }
  request.instrument = instrument->get<std::string>();
  if (Status items = ReadScoreItems(body, request); !items.ok()) return items;
  for (const char* key : {"total", "safety_item"}) {
    const auto value = body.find(key);
    if (value == body.end() || value->is_null()) continue;
    const std::optional<int> number = SmallInt(*value);
    if (!number) return Invalid(std::string("$.") + key, "must be an integer");
    (key == std::string("total") ? request.total : request.safety_item) = number;
  }
  if (request.items.empty() && !request.total) {
    return Invalid("$.items", "give the items, or the total when they are not available");
  }
  if (Status variants = ReadScoreVariants(body, request); !variants.ok()) return variants;
  return request;
}

StatusOr<MetaRequest> ReadMetaRequest(const json& body) {
  MetaRequest request;
  StatusOr<std::string> format = OptionalText(body, "format", "csv");
  if (!format.ok() || (*format != "csv" && *format != "metapsy")) {
    return Invalid("$.format", "must be csv or metapsy");
  }
  request.format = *format == "csv" ? MetaFormat::kCsv : MetaFormat::kMetapsy;
  const auto text = body.find("text");
  if (text == body.end() || !text->is_string()) {
    return Invalid("$.text", "is required: the whole CSV document");
  }
  request.text = text->get<std::string>();
  StatusOr<std::string> measure = OptionalText(body, "measure", request.measure);
  StatusOr<std::string> method = OptionalText(body, "method", request.method);
  StatusOr<std::string> by = OptionalText(body, "by", "");
  StatusOr<bool> knha = OptionalBool(body, "knha", false);
  StatusOr<bool> one_per_study = OptionalBool(body, "one_per_study", false);
  StatusOr<double> rho = OptionalNumber(body, "rho", request.rho);
  StatusOr<double> level = OptionalNumber(body, "level", request.level);
  StatusOr<char> separator = CharOption(body, "separator", ',');
  StatusOr<char> decimal_mark = CharOption(body, "decimal_mark", '.');
  for (const Status& status :
       {measure.status(), method.status(), by.status(), knha.status(), one_per_study.status(),
        rho.status(), level.status(), separator.status(), decimal_mark.status()}) {
    if (!status.ok()) return status;
  }
  if (const auto min_rob = body.find("min_rob"); min_rob != body.end() && !min_rob->is_null()) {
    if (!min_rob->is_number()) return Invalid("$.min_rob", "must be a number");
    request.min_rob = min_rob->get<double>();
  }
  request.measure = *measure;
  request.method = *method;
  request.by = *by;
  request.knha = *knha;
  request.one_per_study = *one_per_study;
  request.rho = *rho;
  request.level = *level;
  request.separator = *separator;
  request.decimal_mark = *decimal_mark;
  if (Status analyses = ReadMetaAnalyses(body, request.analyses); !analyses.ok()) return analyses;
  return request;
}

}  // namespace refract::server::api
