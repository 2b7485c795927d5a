// Readers of the request bodies of the account, score and meta routes, and of the free-text fields
// the patient routes copy into a change reason. Pure functions over a parsed JSON object (api.h
// ParseJsonObject): every value of the wrong type or out of range is a kInvalidArgument with the
// field's path ($.name), never an exception, so a malformed body is a 400 and not a 500.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "refract/base/status.h"
#include "refract/engine/engine.h"
#include "refract/store/store.h"

namespace refract::server::api {

// Bodies may nest arrays and objects this deep at most (a refract-patient/1 record needs five).
inline constexpr int kMaxJsonDepth = 64;
// kInvalidArgument ($) when `text` nests arrays or objects deeper than kMaxJsonDepth. To be called
// before a body is parsed: nlohmann::json copies and serialises recursively, so a body of a few
// hundred kilobytes of "[[[[..." would overflow a server thread's stack (CWE-674).
Status CheckJsonDepth(std::string_view text);

// The string at `key` when it is a non-empty string, else `fallback` (for change reasons).
std::string TextOr(const nlohmann::json& body, const std::string& key, const std::string& fallback);

// POST /api/v1/session {username, password}: both non-empty strings.
struct SignInBody {
  std::string username = {};
  std::string password = {};
};
StatusOr<SignInBody> ReadSignIn(const nlohmann::json& body);

// POST /api/v1/users {username, password, roles, team}: team is required for a clinician.
struct NewUserBody {
  std::string username = {};
  std::string password = {};
  std::vector<store::Role> roles = {};
  std::string team = {};
};
StatusOr<NewUserBody> ReadNewUser(const nlohmann::json& body);

// PATCH /api/v1/users/{id} {roles?, team?, disabled?, password?}: absent fields stay unchanged.
struct UserUpdateBody {
  std::optional<std::vector<store::Role>> roles = {};
  std::optional<std::string> team = {};
  std::optional<bool> disabled = {};
  std::optional<std::string> password = {};
};
StatusOr<UserUpdateBody> ReadUserUpdate(const nlohmann::json& body);

// POST /api/v1/tokens {name}.
StatusOr<std::string> ReadTokenName(const nlohmann::json& body);

// POST /api/v1/score {"instrument", "items": [int|null...] | "total", "safety_item", "variants":
// {"16": "A"}}: the request of `refract score`. Integers must fit an int (no silent wrap-around).
StatusOr<ScoreRequest> ReadScoreRequest(const nlohmann::json& body);

// POST /api/v1/meta {"format": "csv"|"metapsy", "text", "measure", "method", "knha", "by",
// "separator", "decimal_mark", "one_per_study", "rho", "min_rob", "level"}: the options of
// `refract meta`; the engine checks the values' ranges.
StatusOr<MetaRequest> ReadMetaRequest(const nlohmann::json& body);

}  // namespace refract::server::api
