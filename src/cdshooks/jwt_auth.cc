// JWT authentication of CDS clients (include/refract/cdshooks/jwt_auth.h). Signatures are checked
// by libcpp-jwt (OpenSSL); this file chooses the key and checks the claims.
#include "refract/cdshooks/jwt_auth.h"

#include <fmt/format.h>

#include <jwt/jwt.hpp>
#include <limits>

#include "refract/cdshooks/jwk.h"

namespace refract::cdshooks {
namespace {

using nlohmann::json;

Status Refuse(const std::string& why) {
  return Status::Unauthenticated("CDS client JWT refused: " + why);
}

StatusOr<json> DecodePart(std::string_view part, const char* name) {
  std::optional<std::string> bytes = Base64UrlDecode(part);
  if (!bytes) return Refuse(fmt::format("the {} is not base64url", name));
  json value = json::parse(*bytes, nullptr, false);
  if (!value.is_object()) return Refuse(fmt::format("the {} is not a JSON object", name));
  return value;
}

// Member `key` of `object` when it is a string, else "".
std::string TextOf(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

// The key of `jwks` for `kid` (or its only key when the token names none).
StatusOr<json> SelectKey(const json& jwks, const std::string& kid, const std::string& alg) {
  if (!jwks.is_object() || !jwks.contains("keys") || !jwks["keys"].is_array()) {
    return Refuse("the issuer's JWKS has no keys array");
  }
  const json& keys = jwks["keys"];
  const json* chosen = nullptr;
  if (kid.empty()) {
    if (keys.size() == 1) chosen = &keys[0];
  } else {
    for (const json& key : keys) {
      if (key.is_object() && TextOf(key, "kid") == kid) chosen = &key;
    }
  }
  if (chosen == nullptr) {
    return Refuse(kid.empty() ? "the token has no kid and the issuer has several keys"
                              : fmt::format("no key with kid '{}' for this issuer", kid));
  }
  if (chosen->contains("alg") && TextOf(*chosen, "alg") != alg) {
    return Refuse(
        fmt::format("key '{}' is for {}, the token uses {}", kid, TextOf(*chosen, "alg"), alg));
  }
  if (chosen->contains("use") && TextOf(*chosen, "use") != "sig") {
    return Refuse(fmt::format("key '{}' is not a signing key", kid));
  }
  return *chosen;
}

bool AudienceMatches(const json& aud, const std::string& audience) {
  if (aud.is_string()) return aud.get<std::string>() == audience;
  if (!aud.is_array()) return false;
  for (const json& item : aud) {
    if (item.is_string() && item.get<std::string>() == audience) return true;
  }
  return false;
}

// The signature, by libcpp-jwt. Its own time checks read the system clock: they are given the
// widest leeway so that the claims are checked once, below, against the caller's clock.
Status CheckSignature(const std::string& token, const std::string& alg, const std::string& pem) {
  std::error_code error;
  jwt::decode(token, jwt::params::algorithms({alg}), error, jwt::params::secret(pem),
              jwt::params::verify(true), jwt::params::leeway(std::numeric_limits<uint32_t>::max()));
  if (error) return Refuse(fmt::format("signature not valid ({})", error.message()));
  return Status::Ok();
}

}  // namespace

StatusOr<JwtPolicy> ParseJwtPolicy(const json& config) {
  if (!config.is_object()) return Status::InvalidFields({{"$", "must be a JSON object"}});
  JwtPolicy policy;
  std::vector<FieldError> errors;
  const json issuers = config.value("issuers", json::array());
  if (!issuers.is_array()) errors.push_back({"$.issuers", "must be an array"});
  for (size_t i = 0; issuers.is_array() && i < issuers.size(); ++i) {
    const std::string path = fmt::format("$.issuers[{}]", i);
    const json& item = issuers[i];
    TrustedIssuer issuer;
    if (!item.is_object() || !item.contains("iss") || !item["iss"].is_string()) {
      errors.push_back({path + ".iss", "is required (a string)"});
      continue;
    }
    issuer.issuer = item["iss"].get<std::string>();
    if (item.contains("jwks")) issuer.jwks = item["jwks"];
    if (item.contains("jwks_url") && item["jwks_url"].is_string()) {
      issuer.jwks_url = item["jwks_url"].get<std::string>();
    }
    if (issuer.jwks.is_null() == issuer.jwks_url.empty()) {
      errors.push_back({path, "needs exactly one of jwks (a JWK set) or jwks_url"});
    }
    if (issuer.jwks.is_object() && !issuer.jwks.contains("keys")) {
      errors.push_back({path + ".jwks", "must be a JWK set ({\"keys\": [...]})"});
    }
    policy.issuers.push_back(std::move(issuer));
  }
  policy.leeway_seconds = config.value("leeway_seconds", policy.leeway_seconds);
  policy.max_lifetime_seconds = config.value("max_lifetime_seconds", policy.max_lifetime_seconds);
  policy.check_replay = config.value("replay_check", policy.check_replay);
  policy.jwks_cache_seconds = config.value("jwks_cache_seconds", policy.jwks_cache_seconds);
  if (policy.leeway_seconds < 0 || policy.leeway_seconds > 300) {
    errors.push_back({"$.leeway_seconds", "must be from 0 to 300"});
  }
  if (!errors.empty()) return Status::InvalidFields(errors);
  return policy;
}

JwtVerifier::JwtVerifier(JwtPolicy policy, JwksFetcher fetcher)
    : policy_(std::move(policy)), fetcher_(std::move(fetcher)) {}

StatusOr<json> JwtVerifier::KeysOf(const TrustedIssuer& issuer, int64_t now, bool refresh) {
  if (!issuer.jwks.is_null()) return issuer.jwks;
  std::lock_guard<std::mutex> lock(keys_mutex_);
  const auto cached = key_cache_.find(issuer.jwks_url);
  if (cached != key_cache_.end() && !refresh &&
      now - cached->second.fetched_at < policy_.jwks_cache_seconds) {
    return cached->second.jwks;
  }
  StatusOr<json> fetched = fetcher_(issuer.jwks_url);
  if (!fetched.ok()) {
    return Refuse(
        fmt::format("the issuer's JWKS could not be fetched ({})", fetched.status().message()));
  }
  key_cache_[issuer.jwks_url] = {*fetched, now};
  return *fetched;
}

Status JwtVerifier::RememberJti(const std::string& issuer, const std::string& jti, int64_t expires,
                                int64_t now) {
  std::lock_guard<std::mutex> lock(replay_mutex_);
  const std::string key = issuer + " " + jti;
  const auto seen = seen_.find(key);
  if (seen != seen_.end() && seen->second + policy_.leeway_seconds >= now) {
    return Refuse("jti was already used (replay)");
  }
  if (seen_.size() >= policy_.replay_capacity) {
    std::erase_if(seen_,
                  [&](const auto& entry) { return entry.second + policy_.leeway_seconds < now; });
    if (seen_.size() >= policy_.replay_capacity) {
      return Status::ResourceExhausted("CDS client JWT refused: the replay cache is full");
    }
  }
  seen_[key] = expires;
  return Status::Ok();
}

StatusOr<std::string> JwtVerifier::PemOf(const json& jwk) {
  constexpr size_t kMaxCachedKeys = 64;
  const std::string text = jwk.dump();
  std::lock_guard<std::mutex> lock(pem_mutex_);
  if (const auto cached = pem_cache_.find(text); cached != pem_cache_.end()) return cached->second;
  StatusOr<std::string> pem = JwkToPublicPem(jwk);
  if (!pem.ok()) return pem;
  if (pem_cache_.size() >= kMaxCachedKeys) pem_cache_.clear();
  pem_cache_.emplace(text, *pem);
  return pem;
}

StatusOr<VerifiedClient> JwtVerifier::Verify(std::string_view authorization,
                                             const std::string& audience, int64_t now) {
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.substr(0, kBearer.size()) != kBearer) {
    return Refuse("the Authorization header must be 'Bearer <JWT>'");
  }
  const std::string token(authorization.substr(kBearer.size()));
  const size_t first = token.find('.');
  const size_t second = first == std::string::npos ? first : token.find('.', first + 1);
  if (second == std::string::npos || token.find('.', second + 1) != std::string::npos ||
      second + 1 == token.size()) {
    return Refuse("not a signed JWT (three parts, with a signature)");
  }
  StatusOr<json> header = DecodePart(std::string_view(token).substr(0, first), "header");
  if (!header.ok()) return header.status();
  StatusOr<json> claims =
      DecodePart(std::string_view(token).substr(first + 1, second - first - 1), "payload");
  if (!claims.ok()) return claims.status();
  const std::string alg = TextOf(*header, "alg");
  if (alg != "ES384" && alg != "RS384") {
    return Refuse(fmt::format("alg '{}' is not accepted (ES384 or RS384)", alg));
  }
  const std::string iss = TextOf(*claims, "iss");
  const TrustedIssuer* issuer = nullptr;
  for (const TrustedIssuer& candidate : policy_.issuers) {
    if (candidate.issuer == iss) issuer = &candidate;
  }
  if (issuer == nullptr) return Refuse(fmt::format("issuer '{}' is not trusted", iss));
  const std::string jku = TextOf(*header, "jku");
  if (!jku.empty() && issuer->jwks.is_null() && jku != issuer->jwks_url) {
    return Refuse("jku is not the JWKS URL configured for this issuer");
  }
  const std::string kid = TextOf(*header, "kid");
  StatusOr<json> keys = KeysOf(*issuer, now, false);
  if (!keys.ok()) return keys.status();
  StatusOr<json> key = SelectKey(*keys, kid, alg);
  if (!key.ok() && issuer->jwks.is_null()) {
    keys = KeysOf(*issuer, now, true);  // the issuer may have rotated its keys
    if (!keys.ok()) return keys.status();
    key = SelectKey(*keys, kid, alg);
  }
  if (!key.ok()) return key.status();
  StatusOr<std::string> pem = PemOf(*key);
  if (!pem.ok()) return Refuse("the issuer's key is not usable: " + pem.status().message());
  if (Status signature = CheckSignature(token, alg, *pem); !signature.ok()) {
    return signature;
  }
  if (!claims->contains("aud") || !AudienceMatches((*claims)["aud"], audience)) {
    return Refuse(fmt::format("aud must be '{}'", audience));
  }
  const json exp = claims->value("exp", json());
  const json iat = claims->value("iat", json());
  if (!exp.is_number_integer()) return Refuse("exp is required (seconds since the epoch)");
  if (!iat.is_number_integer()) return Refuse("iat is required (seconds since the epoch)");
  const int64_t expires = exp.get<int64_t>();
  const int64_t issued = iat.get<int64_t>();
  if (expires + policy_.leeway_seconds < now) return Refuse("exp is in the past");
  if (issued - policy_.leeway_seconds > now) return Refuse("iat is in the future");
  if (expires - issued > policy_.max_lifetime_seconds) {
    return Refuse(
        fmt::format("the token lives longer than {} s (exp - iat)", policy_.max_lifetime_seconds));
  }
  const std::string jti = TextOf(*claims, "jti");
  if (jti.empty()) return Refuse("jti is required");
  if (policy_.check_replay) {
    if (Status fresh = RememberJti(iss, jti, expires, now); !fresh.ok()) return fresh;
  }
  return VerifiedClient{iss, jti, TextOf(*claims, "tenant")};
}

}  // namespace refract::cdshooks
