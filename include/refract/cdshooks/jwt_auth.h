// Authentication of CDS clients (CDS Hooks 2.0.1, "Trusting CDS Clients"): every request carries
// `Authorization: Bearer <JWT>` signed by the client. A token is accepted only when
//   - its header alg is ES384 or RS384 (the spec's algorithms; "none" and HMAC are refused) and its
//     signature verifies (libcpp-jwt, OpenSSL) with the issuer's key chosen by `kid` (or the only
//     key of the set);
//   - `iss` is on the allow-list; the keys come from the issuer's configured JWKS (inline) or its
//     configured JWKS URL, fetched and cached. A `jku` header is never fetched: with a JWKS URL it
//     must equal the configured one (a client cannot point Refract at keys of its own choosing),
//     with inline keys it is ignored;
//   - `aud` equals the URL of the service the client called;
//   - `exp` is not past (leeway configurable), `iat` is not in the future (same leeway), and the
//     lifetime exp - iat is at most max_lifetime_seconds (the spec recommends 5 minutes);
//   - `jti` was not seen before from that issuer (replay cache keyed by iss + jti, kept until exp,
//     bounded: when full of unexpired entries, new tokens are refused rather than admitted
//     unchecked). Thread-safe.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <unordered_map>

#include "refract/base/status.h"

namespace refract::cdshooks {

struct TrustedIssuer {
  std::string issuer;             // exact `iss` value
  nlohmann::json jwks = nullptr;  // {"keys": [...]} given in the configuration, or null
  std::string jwks_url;           // fetched when jwks is null
};

struct JwtPolicy {
  std::vector<TrustedIssuer> issuers;
  int64_t leeway_seconds = 30;
  int64_t max_lifetime_seconds = 3600;
  bool check_replay = true;  // false only for a benchmark configuration (docs/cds-hooks.md)
  size_t replay_capacity = 100000;
  int64_t jwks_cache_seconds = 300;
};

// Reads the policy from JSON: {"issuers": [{"iss": "...", "jwks": {...} | "jwks_url": "..."}],
// "leeway_seconds", "max_lifetime_seconds", "replay_check", "jwks_cache_seconds"}.
StatusOr<JwtPolicy> ParseJwtPolicy(const nlohmann::json& config);

// Fetches a JWKS document by URL (an HTTP GET in production, a table in tests).
using JwksFetcher = std::function<StatusOr<nlohmann::json>(const std::string& url)>;

struct VerifiedClient {
  std::string issuer;
  std::string jti;
  std::string tenant;  // the optional `tenant` claim
};

class JwtVerifier {
 public:
  JwtVerifier(JwtPolicy policy, JwksFetcher fetcher);

  // `authorization` is the Authorization header value; `audience` the URL the client called;
  // `now` seconds since the epoch. kUnauthenticated with a message naming the failed check.
  StatusOr<VerifiedClient> Verify(std::string_view authorization, const std::string& audience,
                                  int64_t now);

 private:
  StatusOr<nlohmann::json> KeysOf(const TrustedIssuer& issuer, int64_t now, bool refresh);
  Status RememberJti(const std::string& issuer, const std::string& jti, int64_t expires,
                     int64_t now);
  // The key's PEM, converted once per distinct JWK (the conversion is a third of a signature
  // check).
  StatusOr<std::string> PemOf(const nlohmann::json& jwk);

  struct CachedKeys {
    nlohmann::json jwks;
    int64_t fetched_at = 0;
  };
  JwtPolicy policy_;
  JwksFetcher fetcher_;
  std::mutex keys_mutex_;
  std::map<std::string, CachedKeys> key_cache_;  // by JWKS URL
  std::mutex pem_mutex_;
  std::unordered_map<std::string, std::string> pem_cache_;  // JWK text -> PEM, at most 64 keys
  std::mutex replay_mutex_;
  std::unordered_map<std::string, int64_t> seen_;  // iss + " " + jti -> exp
};

}  // namespace refract::cdshooks
