// Test support: signing CDS client JWTs the way an EHR does, with OpenSSL 3 keys and libcpp-jwt.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace refract::cdshooks::testing {

// A private EC JWK (kty EC with d, x, y; as the spec's example key) as a PEM private key.
std::string PrivateEcJwkToPem(const nlohmann::json& jwk);

// A fresh key pair: the private key as PEM and the public key as a JWK with `kid`.
struct GeneratedKey {
  std::string private_pem;
  nlohmann::json public_jwk;
};
GeneratedKey NewRsaKey(const std::string& kid);
GeneratedKey NewEcKey(const std::string& kid);

// A compact JWS: `header` members (besides alg and typ) and `claims` signed with `alg`.
std::string SignJwt(const std::string& alg, const std::string& private_pem,
                    const nlohmann::json& header, const nlohmann::json& claims);

// base64url without padding.
std::string Base64Url(const std::string& bytes);

}  // namespace refract::cdshooks::testing
