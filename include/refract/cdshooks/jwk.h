// JSON Web Keys (RFC 7517/7518) as PEM public keys for the JWT library. The conversion uses
// OpenSSL 3 (OSSL_PARAM_BLD and EVP_PKEY_fromdata), no hand-written crypto.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "refract/base/status.h"

namespace refract::cdshooks {

// A public JWK ("kty": "EC" with crv P-256/P-384/P-521 and x, y; or "kty": "RSA" with n, e) as a
// PEM SubjectPublicKeyInfo. kInvalidArgument naming the member for anything else.
StatusOr<std::string> JwkToPublicPem(const nlohmann::json& jwk);

// base64url without padding (RFC 7515 section 2) to bytes; nullopt for other characters.
std::optional<std::string> Base64UrlDecode(std::string_view text);

}  // namespace refract::cdshooks
