// JWK to PEM with OpenSSL 3 (include/refract/cdshooks/jwk.h).
#include "refract/cdshooks/jwk.h"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>

#include <memory>

namespace refract::cdshooks {
namespace {

using nlohmann::json;

struct ParamBuildFree {
  void operator()(OSSL_PARAM_BLD* p) const { OSSL_PARAM_BLD_free(p); }
};
struct ParamFree {
  void operator()(OSSL_PARAM* p) const { OSSL_PARAM_free(p); }
};
struct PkeyCtxFree {
  void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
};
struct PkeyFree {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct BioFree {
  void operator()(BIO* p) const { BIO_free(p); }
};
struct BnFree {
  void operator()(BIGNUM* p) const { BN_free(p); }
};

StatusOr<std::string> Member(const json& jwk, const char* key) {
  const auto it = jwk.find(key);
  if (it == jwk.end() || !it->is_string()) {
    return Status::InvalidFields({{std::string("jwk.") + key, "is required (a base64url string)"}});
  }
  std::optional<std::string> bytes = Base64UrlDecode(it->get<std::string>());
  if (!bytes || bytes->empty()) {
    return Status::InvalidFields({{std::string("jwk.") + key, "must be base64url"}});
  }
  return *bytes;
}

StatusOr<std::string> PemOf(const char* key_type, OSSL_PARAM_BLD* build) {
  std::unique_ptr<OSSL_PARAM, ParamFree> params(OSSL_PARAM_BLD_to_param(build));
  std::unique_ptr<EVP_PKEY_CTX, PkeyCtxFree> context(
      EVP_PKEY_CTX_new_from_name(nullptr, key_type, nullptr));
  EVP_PKEY* raw_key = nullptr;
  if (params == nullptr || context == nullptr || EVP_PKEY_fromdata_init(context.get()) <= 0 ||
      EVP_PKEY_fromdata(context.get(), &raw_key, EVP_PKEY_PUBLIC_KEY, params.get()) <= 0) {
    return Status::InvalidArgument("jwk: not a valid public key");
  }
  std::unique_ptr<EVP_PKEY, PkeyFree> key(raw_key);
  std::unique_ptr<BIO, BioFree> bio(BIO_new(BIO_s_mem()));
  if (bio == nullptr || PEM_write_bio_PUBKEY(bio.get(), key.get()) != 1) {
    return Status::Internal("jwk: cannot write the key as PEM");
  }
  char* data = nullptr;
  const long size = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

StatusOr<std::string> EcPem(const json& jwk) {
  const std::string curve = jwk.value("crv", "");
  const char* group = curve == "P-256"   ? "prime256v1"
                      : curve == "P-384" ? "secp384r1"
                      : curve == "P-521" ? "secp521r1"
                                         : nullptr;
  if (group == nullptr)
    return Status::InvalidFields({{"jwk.crv", "must be P-256, P-384 or P-521"}});
  StatusOr<std::string> x = Member(jwk, "x");
  if (!x.ok()) return x.status();
  StatusOr<std::string> y = Member(jwk, "y");
  if (!y.ok()) return y.status();
  const std::string point = std::string(1, '\x04') + *x + *y;  // SEC 1 uncompressed point
  std::unique_ptr<OSSL_PARAM_BLD, ParamBuildFree> build(OSSL_PARAM_BLD_new());
  if (build == nullptr ||
      OSSL_PARAM_BLD_push_utf8_string(build.get(), OSSL_PKEY_PARAM_GROUP_NAME, group, 0) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(build.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                       point.size()) != 1) {
    return Status::Internal("jwk: cannot build the EC parameters");
  }
  return PemOf("EC", build.get());
}

std::unique_ptr<BIGNUM, BnFree> BigNumber(const std::string& bytes) {
  return std::unique_ptr<BIGNUM, BnFree>(
      BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes.data()),
                static_cast<int>(bytes.size()), nullptr));
}

StatusOr<std::string> RsaPem(const json& jwk) {
  StatusOr<std::string> n = Member(jwk, "n");
  if (!n.ok()) return n.status();
  StatusOr<std::string> e = Member(jwk, "e");
  if (!e.ok()) return e.status();
  std::unique_ptr<BIGNUM, BnFree> modulus = BigNumber(*n);
  std::unique_ptr<BIGNUM, BnFree> exponent = BigNumber(*e);
  std::unique_ptr<OSSL_PARAM_BLD, ParamBuildFree> build(OSSL_PARAM_BLD_new());
  if (build == nullptr || modulus == nullptr || exponent == nullptr ||
      OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_N, modulus.get()) != 1 ||
      OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_E, exponent.get()) != 1) {
    return Status::Internal("jwk: cannot build the RSA parameters");
  }
  return PemOf("RSA", build.get());
}

}  // namespace

std::optional<std::string> Base64UrlDecode(std::string_view text) {
  std::string bytes;
  uint32_t buffer = 0;
  int bits = 0;
  for (const char c : text) {
    int value = -1;
    if (c >= 'A' && c <= 'Z') value = c - 'A';
    if (c >= 'a' && c <= 'z') value = c - 'a' + 26;
    if (c >= '0' && c <= '9') value = c - '0' + 52;
    if (c == '-') value = 62;
    if (c == '_') value = 63;
    if (value < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  return bytes;
}

StatusOr<std::string> JwkToPublicPem(const json& jwk) {
  if (!jwk.is_object()) return Status::InvalidFields({{"jwk", "must be a JSON object"}});
  const std::string type = jwk.value("kty", "");
  if (type == "EC") return EcPem(jwk);
  if (type == "RSA") return RsaPem(jwk);
  return Status::InvalidFields({{"jwk.kty", "must be EC or RSA"}});
}

}  // namespace refract::cdshooks
