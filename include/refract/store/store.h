// The durable store behind `refract serve`: patient records with an append-only version history,
// user accounts, sessions, API tokens, one-time patient questionnaire links and the hash-chained
// audit log. One interface, two implementations: SQLite (the embedded default,
// store/sqlite_store.h) and PostgreSQL (store/postgres_store.h). Both apply the versioned schema
// migrations on Open, idempotently.
//
// Contracts every implementation keeps (tests/store/ runs one contract suite against both):
// - A patient is never hard-deleted: Archive marks it archived and adds a version.
// - Every change adds a version (1, 2, ...) holding the whole validated refract-patient/1 document
//   with who, when and why; old versions are never altered. UpdatePatient and ArchivePatient take
//   the version the caller read and return kConflict when it is no longer the latest (a lost
//   update), writing nothing.
// - Each call is one transaction: after a crash, a change is either wholly present or absent.
// - Text is stored and returned byte for byte (parameterised statements only; never concatenated
//   into SQL).
// - Errors: kNotFound (no such patient / version / user / token), kAlreadyExists (the pseudonym
//   is taken in the team, the username exists), kConflict (stale version), kUnavailable (the
//   database cannot be reached or is busy beyond the timeout), kInternal (anything else).
// - Times are given by the caller (ISO 8601 UTC text from the server's clock): the store never
//   reads the clock, so tests are reproducible.
// - Thread-safe: one store object is shared by the server's worker threads.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "refract/base/status.h"

namespace refract::store {

// Who makes a change and when, recorded with every version.
struct ChangeInfo {
  std::string author = {};  // username
  std::string time = {};    // ISO 8601 UTC, e.g. "2026-12-06T10:15:00Z"
  std::string reason = {};  // "created", "added trial T3", "retracted A2: entered in error", ...
};

struct PatientVersion {
  std::string patient_id = {};  // store-assigned, opaque ("p" + 16 hex digits)
  std::string team = {};        // the care team that owns the patient
  std::string pseudonym = {};   // the record's `id`: pseudonymous, unique within the team
  int64_t version = 0;
  bool archived = false;
  std::string document = {};  // the refract-patient/1 JSON text as validated by the caller
  ChangeInfo change = {};
};

// A version without its document: the history list.
struct VersionInfo {
  int64_t version = 0;
  bool archived = false;
  ChangeInfo change = {};
};

struct PatientSummary {
  std::string patient_id = {};
  std::string team = {};
  std::string pseudonym = {};
  int64_t version = 0;
  bool archived = false;
  std::string updated_at = {};  // the time of the latest version
};

struct PatientQuery {
  std::string team = {};              // only this team's patients
  std::string pseudonym_prefix = {};  // "" = all; matched as a literal prefix (no wildcards)
  bool include_archived = false;
  std::string after_pseudonym = {};  // keyset paging: the last pseudonym of the previous page
  int limit = 50;                    // 1..500
};

struct PatientPage {
  std::vector<PatientSummary> patients = {};  // ordered by pseudonym
  std::string next_after = {};                // "" when this is the last page
};

enum class Role { kClinician, kAdmin, kAuditor };

struct User {
  int64_t id = 0;
  std::string username = {};
  std::string password_hash = {};  // argon2id string (libsodium crypto_pwhash_str)
  std::vector<Role> roles = {};
  std::string team = {};  // the care team (clinicians); "" for admins and auditors without one
  bool disabled = false;
  std::string created_at = {};
};

// A browser session or an API token: only the SHA-256 of the secret is stored.
struct Credential {
  std::string token_hash = {};  // hex SHA-256 of the secret
  int64_t user_id = 0;
  std::string kind = {};        // "session" or "api_token"
  std::string name = {};        // API tokens: the label the admin gave; sessions: ""
  std::string csrf_token = {};  // sessions: the CSRF token the browser must echo; API tokens: ""
  std::string created_at = {};
  std::string expires_at = {};  // "" = never (API tokens until revoked)
  bool revoked = false;
};

// A one-time link a patient opens to fill in questionnaires without an account. Only the SHA-256 of
// the link's secret token is stored. Times are ISO 8601 UTC text, compared as text.
struct QuestionnaireLink {
  std::string token_hash = {};  // hex SHA-256 of the token
  std::string patient_id = {};
  std::string team = {};                      // the patient's care team when the link was made
  std::vector<std::string> instruments = {};  // instrument ids, stored comma-separated
  std::string created_by = {};                // username
  std::string created_at = {};
  std::string expires_at = {};
  std::string used_at = {};  // "" while unused
};

// One CDS Hooks feedback item (CDS Hooks 2.0.1 "Feedback"): what a clinician did with a card.
// `id` is assigned by AddCdsFeedback. Suggestion ids are stored comma-separated (uuids).
struct CdsFeedback {
  int64_t id = 0;
  std::string service = {};  // the CDS service id
  std::string client = {};   // the JWT issuer that sent it
  std::string card = {};     // the card uuid
  std::string outcome = {};  // "accepted" or "overridden"
  std::vector<std::string> accepted_suggestions = {};
  std::string override_code = {};    // overrideReason.reason.code, or ""
  std::string override_system = {};  // overrideReason.reason.system, or ""
  std::string user_comment = {};     // overrideReason.userComment, or ""
  std::string outcome_timestamp = {};
  std::string received_at = {};  // ISO 8601 UTC
};

// One audit row. `sequence` and the hashes are assigned by AppendAudit.
struct AuditEvent {
  int64_t sequence = 0;
  std::string time = {};
  std::string username = {};  // "" when unauthenticated
  std::string role = {};      // the role the action used, or ""
  std::string action = {};    // "patient.read", "patient.update", "login", "audit.read", ...
  std::string patient_id = {};
  int64_t version = 0;             // 0 when no version applies
  std::string address = {};        // client address
  std::string outcome = {};        // "ok", "denied", "not_found", "invalid", "conflict", "error"
  std::string previous_hash = {};  // hex SHA-256 of the previous row ("" for the first)
  std::string hash = {};           // hex SHA-256 over previous_hash and this row's fields
};

// The row fields a hash covers, in a fixed order, each length-prefixed so that no two different
// rows share a preimage: "<len>:<field>" for sequence, time, username, role, action, patient_id,
// version, address, outcome, previous_hash.
std::string AuditHashInput(const AuditEvent& event);

// Which row breaks the chain, if any.
struct AuditVerification {
  bool intact = true;
  int64_t rows = 0;
  int64_t first_bad_sequence = 0;  // 0 when intact
  std::string problem = {};  // "row 17: hash does not match its fields", "row 18 missing", ...
};

class Store {
 public:
  virtual ~Store() = default;

  // --- patients ---
  // kAlreadyExists when `pseudonym` is taken in `team`.
  virtual StatusOr<PatientVersion> CreatePatient(const std::string& team,
                                                 const std::string& pseudonym,
                                                 const std::string& document,
                                                 const ChangeInfo& change) = 0;
  // The latest version, or `version` when given. kNotFound for an unknown id or version.
  virtual StatusOr<PatientVersion> GetPatient(const std::string& patient_id,
                                              std::optional<int64_t> version) = 0;
  virtual StatusOr<PatientPage> ListPatients(const PatientQuery& query) = 0;
  // A new version with `document` (its pseudonym may change; kAlreadyExists if taken).
  // kConflict when `expected_version` is not the latest; kFailedPrecondition when archived.
  virtual StatusOr<PatientVersion> UpdatePatient(const std::string& patient_id,
                                                 int64_t expected_version,
                                                 const std::string& pseudonym,
                                                 const std::string& document,
                                                 const ChangeInfo& change) = 0;
  // A new version, same document, archived. kConflict as UpdatePatient.
  virtual StatusOr<PatientVersion> ArchivePatient(const std::string& patient_id,
                                                  int64_t expected_version,
                                                  const ChangeInfo& change) = 0;
  virtual StatusOr<std::vector<VersionInfo>> PatientHistory(const std::string& patient_id) = 0;
  virtual StatusOr<int64_t> CountPatients() = 0;

  // --- users and credentials ---
  virtual StatusOr<User> CreateUser(const User& user) = 0;  // kAlreadyExists
  virtual StatusOr<User> FindUser(const std::string& username) = 0;
  virtual StatusOr<User> GetUser(int64_t id) = 0;
  virtual StatusOr<std::vector<User>> ListUsers() = 0;
  virtual StatusOr<User> UpdateUser(
      const User& user) = 0;  // by id: password, roles, team, disabled
  virtual Status AddCredential(const Credential& credential) = 0;
  // kNotFound for an unknown hash; revoked and expired credentials are returned as stored (the
  // caller decides).
  virtual StatusOr<Credential> FindCredential(const std::string& token_hash) = 0;
  virtual Status RevokeCredential(const std::string& token_hash) = 0;
  virtual StatusOr<std::vector<Credential>> ListCredentials(int64_t user_id) = 0;

  // --- questionnaire links ---
  // kNotFound for an unknown patient, kAlreadyExists for a hash already stored.
  virtual Status CreateQuestionnaireLink(const QuestionnaireLink& link) = 0;
  // kNotFound for an unknown hash; used and expired links are returned as stored.
  virtual StatusOr<QuestionnaireLink> FindQuestionnaireLink(const std::string& token_hash) = 0;
  // The patient's links, oldest first (none: an empty list).
  virtual StatusOr<std::vector<QuestionnaireLink>> ListQuestionnaireLinks(
      const std::string& patient_id) = 0;
  // In one transaction: marks the link used at `now` and adds a version of the link's patient
  // with `document` (the pseudonym is kept) as UpdatePatient does. kNotFound for an unknown hash;
  // kFailedPrecondition "link already used or expired" when it was used or expires_at <= now;
  // kConflict when `expected_version` is not the latest (and kFailedPrecondition when the
  // patient is archived). On any error nothing is written: the link stays unused.
  virtual StatusOr<PatientVersion> CompleteQuestionnaireLink(const std::string& token_hash,
                                                             const std::string& now,
                                                             int64_t expected_version,
                                                             const std::string& document,
                                                             const ChangeInfo& change) = 0;

  // --- audit ---
  // Appends atomically: reads the last row's hash, sets sequence, previous_hash and hash. Safe
  // under concurrent appenders (one chain, no forks).
  // CDS Hooks feedback: appended in one transaction (all items or none); returns the ids in order.
  virtual StatusOr<std::vector<int64_t>> AddCdsFeedback(const std::vector<CdsFeedback>& items) = 0;
  // The feedback on card `card` in id order (empty when none).
  virtual StatusOr<std::vector<CdsFeedback>> ListCdsFeedback(const std::string& card) = 0;

  virtual StatusOr<AuditEvent> AppendAudit(const AuditEvent& event) = 0;
  // Rows with sequence > after_sequence, oldest first, at most `limit`.
  virtual StatusOr<std::vector<AuditEvent>> ListAudit(int64_t after_sequence, int limit) = 0;
  // Recomputes every hash and link.
  virtual StatusOr<AuditVerification> VerifyAudit() = 0;

  // --- health ---
  // Ok when the database answers a trivial query.
  virtual Status Ping() = 0;
  // The schema version after migrations.
  virtual StatusOr<int> SchemaVersion() = 0;
};

std::string_view ToString(Role role);
std::optional<Role> RoleFromString(std::string_view text);

}  // namespace refract::store
