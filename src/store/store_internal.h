// Pieces both store implementations share: ids, hashing, role encoding, query checks, the prefix
// bounds and the audit chain (sealing a row, verifying the chain page by page).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "refract/base/status.h"
#include "refract/store/store.h"

namespace refract::store::internal {

// Initialises libsodium (idempotent, thread-safe). kInternal when it cannot start.
Status InitSodium();

// "p" + 16 hex digits from libsodium's randombytes_buf. REQUIRES: InitSodium() succeeded.
std::string NewPatientId();

// Lower-case hex SHA-256 (libsodium crypto_hash_sha256).
std::string HexSha256(std::string_view bytes);

// Roles as stored: their names joined by ','. Unknown names are dropped when decoding.
std::string EncodeRoles(const std::vector<Role>& roles);
std::vector<Role> DecodeRoles(std::string_view text);

// kInvalidArgument when the limit is outside 1..500.
Status CheckQuery(const PatientQuery& query);
// kInvalidArgument when the limit is outside 1..1000.
Status CheckAuditLimit(int limit);
// Whether `current` (the latest version) may take a change made from `expected_version`:
// kConflict when the patient changed since, kFailedPrecondition when it is archived.
Status CheckChangeable(const PatientVersion& current, int64_t expected_version);

// CDS feedback rows: the insert up to VALUES (each backend adds its ten placeholders), the select
// of id and the ten columns in CdsFeedbackValues order, and the conversions.
inline constexpr std::string_view kCdsFeedbackInsert =
    "INSERT INTO cds_feedback (service, client, card, outcome, accepted_suggestions, "
    "override_code, override_system, user_comment, outcome_timestamp, received_at) VALUES ";
inline constexpr std::string_view kCdsFeedbackSelect =
    "SELECT id, service, client, card, outcome, accepted_suggestions, override_code, "
    "override_system, user_comment, outcome_timestamp, received_at FROM cds_feedback ";
std::vector<std::string> CdsFeedbackValues(const CdsFeedback& item);
CdsFeedback CdsFeedbackFrom(int64_t id, const std::vector<std::string>& values);

// Questionnaire link instruments as stored: ids joined by ','.
std::string JoinInstruments(const std::vector<std::string>& ids);
std::vector<std::string> SplitInstruments(std::string_view text);
// The error CompleteQuestionnaireLink returns for a used or expired link.
Status LinkUsedOrExpired();

// The smallest byte string greater than every string that starts with `prefix` (bytewise order),
// or nullopt when there is none (empty prefix, or every byte 0xff).
std::optional<std::string> PrefixUpperBound(std::string prefix);

// `prefix` as a LIKE pattern with '\' as the escape character: '\', '%' and '_' are escaped, then
// '%' is appended, so the pattern matches exactly the strings that start with `prefix`.
std::string LikePrefixPattern(std::string_view prefix);

// `event` with its sequence, previous_hash and hash set (hash = HexSha256(AuditHashInput)).
AuditEvent SealAudit(AuditEvent event, int64_t sequence, std::string previous_hash);

// Checks the rows 1..head_sequence of the chain in order, one page at a time; stops at the first
// bad row. `head_hash` is the hash the store recorded for the last row appended.
class AuditVerifier {
 public:
  AuditVerifier(int64_t head_sequence, std::string head_hash);
  // False once a bad row has been found (later rows are ignored).
  bool Add(const AuditEvent& row);
  // The result after the last page: also reports rows missing at the end of the chain.
  AuditVerification Finish();

 private:
  bool Fail(int64_t sequence, std::string problem);
  int64_t head_sequence_ = 0;
  std::string head_hash_;
  std::string previous_hash_;
  AuditVerification result_;
};

// Runs an AuditVerifier over `store.ListAudit` pages up to the given head.
StatusOr<AuditVerification> VerifyAuditChain(Store& store, int64_t head_sequence,
                                             const std::string& head_hash);

}  // namespace refract::store::internal
