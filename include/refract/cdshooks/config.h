// The CDS Hooks configuration of `refract serve` (--cds-config FILE or REFRACT_CDS_CONFIG), a JSON
// document (docs/cds-hooks.md "Security configuration"):
//   {"public_url": "https://cds.example.org",     the base URL EHRs call: aud = public_url + path
//    "app_url": "https://cds.example.org/app/",   the Refract app the link card opens
//    "fetch_timeout_ms": 5000,                    connect and read timeout on fhirServer
//    "issuers": [{"iss": "...", "jwks": {...}} | {"iss": "...", "jwks_url": "https://..."}],
//    "leeway_seconds": 30, "max_lifetime_seconds": 3600, "replay_check": true,
//    "jwks_cache_seconds": 300}
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "refract/base/status.h"
#include "refract/cdshooks/jwt_auth.h"

namespace refract::cdshooks {

struct CdsConfig {
  std::string public_url;
  std::string app_url;
  int fetch_timeout_ms = 5000;
  JwtPolicy jwt;
};

// kInvalidArgument with FieldErrors: public_url and app_url absolute http(s) URLs, at least one
// issuer, fetch_timeout_ms from 100 to 60000.
StatusOr<CdsConfig> ParseCdsConfig(const nlohmann::json& config);

}  // namespace refract::cdshooks
