// Passwords and bearer secrets, through libsodium (https://doc.libsodium.org):
// - passwords are hashed with argon2id (crypto_pwhash_str, the "interactive" limits: 2 passes,
//   64 MiB), the OWASP Password Storage Cheat Sheet's first choice; the hash string carries its own
//   salt and parameters;
// - session cookies, CSRF tokens and API tokens are 32 random bytes (randombytes_buf) as hex; only
//   their SHA-256 (crypto_hash_sha256) is stored, so a copy of the database holds no usable secret.
#pragma once

#include <string>
#include <string_view>

#include "refract/base/status.h"

namespace refract::server {

// Call once before any other function here (sodium_init); kInternal when libsodium cannot start.
Status InitSecrets();

// kInvalidArgument for a password shorter than kMinPasswordLength (NIST SP 800-63B §5.1.1.2:
// at least 8 characters; Refract asks for 12) or longer than 1,024 bytes.
inline constexpr size_t kMinPasswordLength = 12;
StatusOr<std::string> HashPassword(std::string_view password);
// Constant-time check against a stored argon2id string.
bool VerifyPassword(std::string_view password, const std::string& stored_hash);
// The argon2id hash of a random secret nobody knows, made once: sign-in verifies against it when
// the account does not exist, so that an unknown username costs as long as a wrong password.
const std::string& DecoyPasswordHash();

// 32 random bytes as 64 hex digits.
std::string NewSecret();
// Lower-case hex SHA-256 of `text`.
std::string Sha256Hex(std::string_view text);
// Equality in time independent of where the texts differ (sodium_memcmp).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace refract::server
