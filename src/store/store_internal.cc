// Shared store helpers (store_internal.h).
#include "store_internal.h"

#include <sodium.h>

#include <array>

namespace refract::store::internal {

namespace {

constexpr int kMaxPatientPage = 500;
constexpr int kMaxAuditPage = 1000;

std::string ToHex(const unsigned char* bytes, size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bytes, size);
  hex.pop_back();
  return hex;
}

}  // namespace

Status InitSodium() {
  if (sodium_init() < 0) return Status::Internal("libsodium could not be initialised");
  return Status::Ok();
}

std::string NewPatientId() {
  std::array<unsigned char, 8> bytes{};
  randombytes_buf(bytes.data(), bytes.size());
  return "p" + ToHex(bytes.data(), bytes.size());
}

std::string HexSha256(std::string_view bytes) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(bytes.data()),
                     bytes.size());
  return ToHex(digest.data(), digest.size());
}

std::string EncodeRoles(const std::vector<Role>& roles) {
  std::string text;
  for (Role role : roles) {
    if (!text.empty()) text += ',';
    text += ToString(role);
  }
  return text;
}

std::vector<std::string> CdsFeedbackValues(const CdsFeedback& item) {
  return {item.service,
          item.client,
          item.card,
          item.outcome,
          JoinInstruments(item.accepted_suggestions),
          item.override_code,
          item.override_system,
          item.user_comment,
          item.outcome_timestamp,
          item.received_at};
}

CdsFeedback CdsFeedbackFrom(int64_t id, const std::vector<std::string>& values) {
  return {.id = id,
          .service = values[0],
          .client = values[1],
          .card = values[2],
          .outcome = values[3],
          .accepted_suggestions = SplitInstruments(values[4]),
          .override_code = values[5],
          .override_system = values[6],
          .user_comment = values[7],
          .outcome_timestamp = values[8],
          .received_at = values[9]};
}

std::string JoinInstruments(const std::vector<std::string>& ids) {
  std::string text;
  for (const std::string& id : ids) {
    if (!text.empty()) text += ',';
    text += id;
  }
  return text;
}

std::vector<std::string> SplitInstruments(std::string_view text) {
  std::vector<std::string> ids;
  while (!text.empty()) {
    const size_t comma = text.find(',');
    ids.emplace_back(text.substr(0, comma));
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
  }
  return ids;
}

Status LinkUsedOrExpired() { return Status::FailedPrecondition("link already used or expired"); }

std::vector<Role> DecodeRoles(std::string_view text) {
  std::vector<Role> roles;
  while (!text.empty()) {
    size_t comma = text.find(',');
    std::optional<Role> role = RoleFromString(text.substr(0, comma));
    if (role) roles.push_back(*role);
    text = comma == std::string_view::npos ? std::string_view() : text.substr(comma + 1);
  }
  return roles;
}

Status CheckQuery(const PatientQuery& query) {
  if (query.limit < 1 || query.limit > kMaxPatientPage) {
    return Status::InvalidArgument("limit must be between 1 and 500");
  }
  return Status::Ok();
}

Status CheckAuditLimit(int limit) {
  if (limit < 1 || limit > kMaxAuditPage) {
    return Status::InvalidArgument("limit must be between 1 and 1000");
  }
  return Status::Ok();
}

Status CheckChangeable(const PatientVersion& current, int64_t expected_version) {
  if (current.version != expected_version) {
    return Status::Conflict("the patient has changed since version " +
                            std::to_string(expected_version) + " (now " +
                            std::to_string(current.version) + ")");
  }
  if (current.archived) return Status::FailedPrecondition("the patient is archived");
  return Status::Ok();
}

std::optional<std::string> PrefixUpperBound(std::string prefix) {
  while (!prefix.empty() && static_cast<unsigned char>(prefix.back()) == 0xff) prefix.pop_back();
  if (prefix.empty()) return std::nullopt;
  prefix.back() = static_cast<char>(static_cast<unsigned char>(prefix.back()) + 1);
  return prefix;
}

std::string LikePrefixPattern(std::string_view prefix) {
  std::string pattern;
  for (char c : prefix) {
    if (c == '\\' || c == '%' || c == '_') pattern += '\\';
    pattern += c;
  }
  return pattern + '%';
}

AuditEvent SealAudit(AuditEvent event, int64_t sequence, std::string previous_hash) {
  event.sequence = sequence;
  event.previous_hash = std::move(previous_hash);
  event.hash = HexSha256(AuditHashInput(event));
  return event;
}

AuditVerifier::AuditVerifier(int64_t head_sequence, std::string head_hash)
    : head_sequence_(head_sequence), head_hash_(std::move(head_hash)) {}

bool AuditVerifier::Fail(int64_t sequence, std::string problem) {
  result_.intact = false;
  result_.first_bad_sequence = sequence;
  result_.problem = std::move(problem);
  return false;
}

bool AuditVerifier::Add(const AuditEvent& row) {
  if (!result_.intact || row.sequence > head_sequence_) return false;
  const int64_t expected = result_.rows + 1;
  const std::string name = "row " + std::to_string(expected);
  if (row.sequence != expected) return Fail(expected, name + " missing");
  if (row.previous_hash != previous_hash_) {
    return Fail(expected, name + ": previous_hash does not match the row before it");
  }
  if (HexSha256(AuditHashInput(row)) != row.hash) {
    return Fail(expected, name + ": hash does not match its fields");
  }
  previous_hash_ = row.hash;
  ++result_.rows;
  return true;
}

AuditVerification AuditVerifier::Finish() {
  if (!result_.intact) return result_;
  if (result_.rows < head_sequence_) {
    Fail(result_.rows + 1, "row " + std::to_string(result_.rows + 1) + " missing");
  } else if (previous_hash_ != head_hash_) {
    Fail(head_sequence_, "row " + std::to_string(head_sequence_) +
                             ": hash differs from the one recorded at the chain head");
  }
  return result_;
}

StatusOr<AuditVerification> VerifyAuditChain(Store& store, int64_t head_sequence,
                                             const std::string& head_hash) {
  AuditVerifier verifier(head_sequence, head_hash);
  int64_t after = 0;
  while (after < head_sequence) {
    StatusOr<std::vector<AuditEvent>> page = store.ListAudit(after, kMaxAuditPage);
    if (!page.ok()) return page.status();
    if (page->empty()) break;
    for (const AuditEvent& row : *page) {
      if (!verifier.Add(row)) return verifier.Finish();
    }
    after = page->back().sequence;
  }
  return verifier.Finish();
}

}  // namespace refract::store::internal
