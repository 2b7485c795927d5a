#include "jwt_signing.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <jwt/jwt.hpp>
#include <stdexcept>

#include "refract/cdshooks/jwk.h"

namespace refract::cdshooks::testing {
namespace {

std::string PrivatePem(EVP_PKEY* key) {
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, key, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<size_t>(size));
  BIO_free(bio);
  return pem;
}

std::string BigNumberBytes(EVP_PKEY* key, const char* name) {
  BIGNUM* number = nullptr;
  EVP_PKEY_get_bn_param(key, name, &number);
  std::string bytes(static_cast<size_t>(BN_num_bytes(number)), '\0');
  BN_bn2bin(number, reinterpret_cast<unsigned char*>(bytes.data()));
  BN_free(number);
  return bytes;
}

}  // namespace

std::string Base64Url(const std::string& bytes) {
  static const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (const char c : bytes) {
    buffer = (buffer << 8) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(buffer >> bits) & 0x3F];
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (6 - bits)) & 0x3F];
  return out;
}

std::string PrivateEcJwkToPem(const nlohmann::json& jwk) {
  const std::string d = *Base64UrlDecode(jwk["d"].get<std::string>());
  const std::string point = std::string(1, '\x04') + *Base64UrlDecode(jwk["x"].get<std::string>()) +
                            *Base64UrlDecode(jwk["y"].get<std::string>());
  BIGNUM* secret = BN_bin2bn(reinterpret_cast<const unsigned char*>(d.data()),
                             static_cast<int>(d.size()), nullptr);
  OSSL_PARAM_BLD* build = OSSL_PARAM_BLD_new();
  OSSL_PARAM_BLD_push_utf8_string(build, OSSL_PKEY_PARAM_GROUP_NAME, "secp384r1", 0);
  OSSL_PARAM_BLD_push_BN(build, OSSL_PKEY_PARAM_PRIV_KEY, secret);
  OSSL_PARAM_BLD_push_octet_string(build, OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size());
  OSSL_PARAM* params = OSSL_PARAM_BLD_to_param(build);
  EVP_PKEY_CTX* context = EVP_PKEY_CTX_new_from_name(nullptr, "EC", nullptr);
  EVP_PKEY* key = nullptr;
  EVP_PKEY_fromdata_init(context);
  if (EVP_PKEY_fromdata(context, &key, EVP_PKEY_KEYPAIR, params) <= 0) {
    throw std::runtime_error("the private JWK is not a P-384 key");
  }
  std::string pem = PrivatePem(key);
  EVP_PKEY_free(key);
  EVP_PKEY_CTX_free(context);
  OSSL_PARAM_free(params);
  OSSL_PARAM_BLD_free(build);
  BN_free(secret);
  return pem;
}

GeneratedKey NewRsaKey(const std::string& kid) {
  EVP_PKEY* key = EVP_RSA_gen(2048);
  GeneratedKey generated{PrivatePem(key),
                         {{"kty", "RSA"},
                          {"kid", kid},
                          {"use", "sig"},
                          {"alg", "RS384"},
                          {"n", Base64Url(BigNumberBytes(key, OSSL_PKEY_PARAM_RSA_N))},
                          {"e", Base64Url(BigNumberBytes(key, OSSL_PKEY_PARAM_RSA_E))}}};
  EVP_PKEY_free(key);
  return generated;
}

GeneratedKey NewEcKey(const std::string& kid) {
  EVP_PKEY* key = EVP_EC_gen("secp384r1");
  unsigned char point[97];
  size_t length = 0;
  EVP_PKEY_get_octet_string_param(key, OSSL_PKEY_PARAM_PUB_KEY, point, sizeof point, &length);
  const std::string bytes(reinterpret_cast<const char*>(point), length);
  GeneratedKey generated{PrivatePem(key),
                         {{"kty", "EC"},
                          {"crv", "P-384"},
                          {"kid", kid},
                          {"x", Base64Url(bytes.substr(1, 48))},
                          {"y", Base64Url(bytes.substr(49, 48))}}};
  EVP_PKEY_free(key);
  return generated;
}

std::string SignJwt(const std::string& alg, const std::string& private_pem,
                    const nlohmann::json& header, const nlohmann::json& claims) {
  jwt::jwt_object token{jwt::params::algorithm(alg), jwt::params::secret(private_pem)};
  for (const auto& [name, value] : header.items()) {
    token.header().add_header(name, value.get<std::string>());
  }
  for (const auto& [name, value] : claims.items()) {
    if (value.is_string()) {
      token.payload().add_claim(name, value.get<std::string>());
    } else {
      token.payload().add_claim(name, value.get<int64_t>());
    }
  }
  return token.signature();
}

}  // namespace refract::cdshooks::testing
