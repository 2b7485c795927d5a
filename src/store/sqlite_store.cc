// The SQLite store (include/refract/store/sqlite_store.h).
#include "refract/store/sqlite_store.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <mutex>

#include "group_commit.h"
#include "migrations.h"
#include "store_internal.h"

namespace refract::store {

namespace {

constexpr int kBusyTimeoutMs = 5000;

constexpr const char* kPatientColumns =
    "SELECT p.id, p.team, v.pseudonym, v.version, v.archived, v.document, v.author, v.time, "
    "v.reason FROM patients p JOIN patient_versions v ON v.patient_id = p.id ";

// Lists a team's patients by pseudonym, ?5 at most. The lower bound ?2 is the prefix (>=) or the
// last pseudonym of the previous page (>), whichever is tighter, so that SQLite seeks to it in the
// (team, pseudonym) index; ?3 is the prefix's upper bound when it has one. ?4 archived shown.
constexpr const char* kListFromPrefix =
    "SELECT id, team, pseudonym, version, archived, updated_at FROM patients "
    "WHERE team = ?1 AND pseudonym >= ?2 AND ?3 = '' AND (?4 OR archived = 0) ORDER BY pseudonym "
    "LIMIT ?5";
constexpr const char* kListFromPrefixBounded =
    "SELECT id, team, pseudonym, version, archived, updated_at FROM patients "
    "WHERE team = ?1 AND pseudonym >= ?2 AND pseudonym < ?3 AND (?4 OR archived = 0) ORDER BY "
    "pseudonym LIMIT ?5";
constexpr const char* kListAfter =
    "SELECT id, team, pseudonym, version, archived, updated_at FROM patients "
    "WHERE team = ?1 AND pseudonym > ?2 AND ?3 = '' AND (?4 OR archived = 0) ORDER BY pseudonym "
    "LIMIT ?5";
constexpr const char* kListAfterBounded =
    "SELECT id, team, pseudonym, version, archived, updated_at FROM patients "
    "WHERE team = ?1 AND pseudonym > ?2 AND pseudonym < ?3 AND (?4 OR archived = 0) ORDER BY "
    "pseudonym LIMIT ?5";

Status FromException(const SQLite::Exception& error) {
  switch (error.getExtendedErrorCode()) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return Status::AlreadyExists("already exists");
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return Status::NotFound("refers to a missing row");
    default:
      break;
  }
  switch (error.getErrorCode()) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
      return Status::Unavailable(std::string("sqlite: ") + error.getErrorStr());
    default:
      return Status::Internal(std::string("sqlite: ") + error.getErrorStr());
  }
}

PatientVersion ReadPatient(SQLite::Statement& row) {
  PatientVersion patient;
  patient.patient_id = row.getColumn(0).getString();
  patient.team = row.getColumn(1).getString();
  patient.pseudonym = row.getColumn(2).getString();
  patient.version = row.getColumn(3).getInt64();
  patient.archived = row.getColumn(4).getInt() != 0;
  patient.document = row.getColumn(5).getString();
  patient.change = {.author = row.getColumn(6).getString(),
                    .time = row.getColumn(7).getString(),
                    .reason = row.getColumn(8).getString()};
  return patient;
}

constexpr const char* kUserColumns =
    "SELECT id, username, password_hash, roles, team, disabled, created_at FROM users ";

User ReadUser(SQLite::Statement& row) {
  User user;
  user.id = row.getColumn(0).getInt64();
  user.username = row.getColumn(1).getString();
  user.password_hash = row.getColumn(2).getString();
  user.roles = internal::DecodeRoles(row.getColumn(3).getString());
  user.team = row.getColumn(4).getString();
  user.disabled = row.getColumn(5).getInt() != 0;
  user.created_at = row.getColumn(6).getString();
  return user;
}

constexpr const char* kCredentialColumns =
    "SELECT token_hash, user_id, kind, name, csrf_token, created_at, expires_at, revoked "
    "FROM credentials ";

Credential ReadCredential(SQLite::Statement& row) {
  Credential credential;
  credential.token_hash = row.getColumn(0).getString();
  credential.user_id = row.getColumn(1).getInt64();
  credential.kind = row.getColumn(2).getString();
  credential.name = row.getColumn(3).getString();
  credential.csrf_token = row.getColumn(4).getString();
  credential.created_at = row.getColumn(5).getString();
  credential.expires_at = row.getColumn(6).getString();
  credential.revoked = row.getColumn(7).getInt() != 0;
  return credential;
}

constexpr const char* kLinkColumns =
    "SELECT token_hash, patient_id, team, instruments, created_by, created_at, expires_at, "
    "coalesce(used_at, '') FROM questionnaire_links ";

QuestionnaireLink ReadLink(SQLite::Statement& row) {
  return {.token_hash = row.getColumn(0).getString(),
          .patient_id = row.getColumn(1).getString(),
          .team = row.getColumn(2).getString(),
          .instruments = internal::SplitInstruments(row.getColumn(3).getString()),
          .created_by = row.getColumn(4).getString(),
          .created_at = row.getColumn(5).getString(),
          .expires_at = row.getColumn(6).getString(),
          .used_at = row.getColumn(7).getString()};
}

AuditEvent ReadAudit(SQLite::Statement& row) {
  AuditEvent event;
  event.sequence = row.getColumn(0).getInt64();
  event.time = row.getColumn(1).getString();
  event.username = row.getColumn(2).getString();
  event.role = row.getColumn(3).getString();
  event.action = row.getColumn(4).getString();
  event.patient_id = row.getColumn(5).getString();
  event.version = row.getColumn(6).getInt64();
  event.address = row.getColumn(7).getString();
  event.outcome = row.getColumn(8).getString();
  event.previous_hash = row.getColumn(9).getString();
  event.hash = row.getColumn(10).getString();
  return event;
}

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(const std::string& path)
      : db_(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_URI) {
    db_.setBusyTimeout(kBusyTimeoutMs);
    db_.exec("PRAGMA journal_mode=WAL");
    db_.exec("PRAGMA synchronous=FULL");
    db_.exec("PRAGMA foreign_keys=ON");
  }

  Status Migrate() {
    return Run(true, [&]() -> Status {
      db_.exec(
          "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
          "description TEXT NOT NULL)");
      const int current = CurrentVersion();
      for (const internal::Migration& migration : internal::SqliteMigrations()) {
        if (migration.version <= current) continue;
        db_.exec(std::string(migration.sql));
        SQLite::Statement record(db_,
                                 "INSERT INTO schema_migrations (version, description) "
                                 "VALUES (?, ?)");
        record.bind(1, migration.version);
        record.bind(2, std::string(migration.description));
        record.exec();
      }
      return Status::Ok();
    });
  }

  StatusOr<PatientVersion> CreatePatient(const std::string& team, const std::string& pseudonym,
                                         const std::string& document,
                                         const ChangeInfo& change) override {
    return Run(true, [&]() -> StatusOr<PatientVersion> {
      PatientVersion patient{.patient_id = internal::NewPatientId(),
                             .team = team,
                             .pseudonym = pseudonym,
                             .version = 1,
                             .archived = false,
                             .document = document,
                             .change = change};
      if (PseudonymTaken(team, pseudonym, "")) {
        return Status::AlreadyExists("the pseudonym is taken in this team");
      }
      SQLite::Statement insert(db_,
                               "INSERT INTO patients (id, team, pseudonym, version, archived, "
                               "updated_at) VALUES (?, ?, ?, 1, 0, ?)");
      insert.bind(1, patient.patient_id);
      insert.bind(2, team);
      insert.bind(3, pseudonym);
      insert.bind(4, change.time);
      insert.exec();
      InsertVersion(patient);
      return patient;
    });
  }

  StatusOr<PatientVersion> GetPatient(const std::string& patient_id,
                                      std::optional<int64_t> version) override {
    return Run(false, [&]() -> StatusOr<PatientVersion> { return Load(patient_id, version); });
  }

  StatusOr<PatientPage> ListPatients(const PatientQuery& query) override {
    if (Status checked = internal::CheckQuery(query); !checked.ok()) return checked;
    return Run(false, [&]() -> StatusOr<PatientPage> { return List(query); });
  }

  StatusOr<PatientVersion> UpdatePatient(const std::string& patient_id, int64_t expected_version,
                                         const std::string& pseudonym, const std::string& document,
                                         const ChangeInfo& change) override {
    return Run(true, [&]() -> StatusOr<PatientVersion> {
      StatusOr<PatientVersion> current = LatestForChange(patient_id, expected_version);
      if (!current.ok()) return current.status();
      if (PseudonymTaken(current->team, pseudonym, patient_id)) {
        return Status::AlreadyExists("the pseudonym is taken in this team");
      }
      PatientVersion next = std::move(*current);
      next.pseudonym = pseudonym;
      next.document = document;
      return AddVersion(std::move(next), change);
    });
  }

  StatusOr<PatientVersion> ArchivePatient(const std::string& patient_id, int64_t expected_version,
                                          const ChangeInfo& change) override {
    return Run(true, [&]() -> StatusOr<PatientVersion> {
      StatusOr<PatientVersion> current = LatestForChange(patient_id, expected_version);
      if (!current.ok()) return current.status();
      PatientVersion next = std::move(*current);
      next.archived = true;
      return AddVersion(std::move(next), change);
    });
  }

  StatusOr<std::vector<VersionInfo>> PatientHistory(const std::string& patient_id) override {
    return Run(false, [&]() -> StatusOr<std::vector<VersionInfo>> {
      SQLite::Statement query(db_,
                              "SELECT version, archived, author, time, reason FROM "
                              "patient_versions WHERE patient_id = ? ORDER BY version");
      query.bind(1, patient_id);
      std::vector<VersionInfo> history;
      while (query.executeStep()) {
        history.push_back({.version = query.getColumn(0).getInt64(),
                           .archived = query.getColumn(1).getInt() != 0,
                           .change = {.author = query.getColumn(2).getString(),
                                      .time = query.getColumn(3).getString(),
                                      .reason = query.getColumn(4).getString()}});
      }
      if (history.empty()) return Status::NotFound("no such patient");
      return history;
    });
  }

  StatusOr<int64_t> CountPatients() override {
    return Run(false, [&]() -> StatusOr<int64_t> {
      return db_.execAndGet("SELECT count(*) FROM patients").getInt64();
    });
  }

  StatusOr<User> CreateUser(const User& user) override {
    return Run(true, [&]() -> StatusOr<User> {
      SQLite::Statement insert(db_,
                               "INSERT INTO users (username, password_hash, roles, team, "
                               "disabled, created_at) VALUES (?, ?, ?, ?, ?, ?)");
      insert.bind(1, user.username);
      insert.bind(2, user.password_hash);
      insert.bind(3, internal::EncodeRoles(user.roles));
      insert.bind(4, user.team);
      insert.bind(5, static_cast<int>(user.disabled));
      insert.bind(6, user.created_at);
      insert.exec();
      User created = user;
      created.id = db_.getLastInsertRowid();
      return created;
    });
  }

  StatusOr<User> FindUser(const std::string& username) override {
    return Run(false, [&]() -> StatusOr<User> {
      SQLite::Statement query(db_, std::string(kUserColumns) + "WHERE username = ?");
      query.bind(1, username);
      if (!query.executeStep()) return Status::NotFound("no such user");
      return ReadUser(query);
    });
  }

  StatusOr<User> GetUser(int64_t id) override {
    return Run(false, [&]() -> StatusOr<User> { return LoadUser(id); });
  }

  StatusOr<std::vector<User>> ListUsers() override {
    return Run(false, [&]() -> StatusOr<std::vector<User>> {
      SQLite::Statement query(db_, std::string(kUserColumns) + "ORDER BY id");
      std::vector<User> users;
      while (query.executeStep()) users.push_back(ReadUser(query));
      return users;
    });
  }

  StatusOr<User> UpdateUser(const User& user) override {
    return Run(true, [&]() -> StatusOr<User> {
      SQLite::Statement update(db_,
                               "UPDATE users SET password_hash = ?, roles = ?, team = ?, "
                               "disabled = ? WHERE id = ?");
      update.bind(1, user.password_hash);
      update.bind(2, internal::EncodeRoles(user.roles));
      update.bind(3, user.team);
      update.bind(4, static_cast<int>(user.disabled));
      update.bind(5, user.id);
      if (update.exec() == 0) return Status::NotFound("no such user");
      return LoadUser(user.id);
    });
  }

  Status AddCredential(const Credential& credential) override {
    return Run(true, [&]() -> Status {
      SQLite::Statement insert(db_,
                               "INSERT INTO credentials (token_hash, user_id, kind, name, "
                               "csrf_token, created_at, expires_at, revoked) VALUES "
                               "(?, ?, ?, ?, ?, ?, ?, ?)");
      insert.bind(1, credential.token_hash);
      insert.bind(2, credential.user_id);
      insert.bind(3, credential.kind);
      insert.bind(4, credential.name);
      insert.bind(5, credential.csrf_token);
      insert.bind(6, credential.created_at);
      insert.bind(7, credential.expires_at);
      insert.bind(8, static_cast<int>(credential.revoked));
      insert.exec();
      return Status::Ok();
    });
  }

  StatusOr<Credential> FindCredential(const std::string& token_hash) override {
    return Run(false, [&]() -> StatusOr<Credential> {
      SQLite::Statement query(db_, std::string(kCredentialColumns) + "WHERE token_hash = ?");
      query.bind(1, token_hash);
      if (!query.executeStep()) return Status::NotFound("no such credential");
      return ReadCredential(query);
    });
  }

  Status RevokeCredential(const std::string& token_hash) override {
    return Run(true, [&]() -> Status {
      SQLite::Statement update(db_, "UPDATE credentials SET revoked = 1 WHERE token_hash = ?");
      update.bind(1, token_hash);
      if (update.exec() == 0) return Status::NotFound("no such credential");
      return Status::Ok();
    });
  }

  StatusOr<std::vector<Credential>> ListCredentials(int64_t user_id) override {
    return Run(false, [&]() -> StatusOr<std::vector<Credential>> {
      SQLite::Statement query(db_, std::string(kCredentialColumns) +
                                       "WHERE user_id = ? ORDER BY created_at, token_hash");
      query.bind(1, user_id);
      std::vector<Credential> credentials;
      while (query.executeStep()) credentials.push_back(ReadCredential(query));
      return credentials;
    });
  }

  Status CreateQuestionnaireLink(const QuestionnaireLink& link) override {
    return Run(true, [&]() -> Status {
      SQLite::Statement insert(db_,
                               "INSERT INTO questionnaire_links (token_hash, patient_id, team, "
                               "instruments, created_by, created_at, expires_at, used_at) "
                               "VALUES (?, ?, ?, ?, ?, ?, ?, NULL)");
      insert.bind(1, link.token_hash);
      insert.bind(2, link.patient_id);
      insert.bind(3, link.team);
      insert.bind(4, internal::JoinInstruments(link.instruments));
      insert.bind(5, link.created_by);
      insert.bind(6, link.created_at);
      insert.bind(7, link.expires_at);
      insert.exec();
      return Status::Ok();
    });
  }

  StatusOr<QuestionnaireLink> FindQuestionnaireLink(const std::string& token_hash) override {
    return Run(false, [&]() -> StatusOr<QuestionnaireLink> { return LoadLink(token_hash); });
  }

  StatusOr<std::vector<QuestionnaireLink>> ListQuestionnaireLinks(
      const std::string& patient_id) override {
    return Run(false, [&]() -> StatusOr<std::vector<QuestionnaireLink>> {
      SQLite::Statement query(
          db_, std::string(kLinkColumns) + "WHERE patient_id = ? ORDER BY created_at, token_hash");
      query.bind(1, patient_id);
      std::vector<QuestionnaireLink> links;
      while (query.executeStep()) links.push_back(ReadLink(query));
      return links;
    });
  }

  StatusOr<PatientVersion> CompleteQuestionnaireLink(const std::string& token_hash,
                                                     const std::string& now,
                                                     int64_t expected_version,
                                                     const std::string& document,
                                                     const ChangeInfo& change) override {
    return Run(true, [&]() -> StatusOr<PatientVersion> {
      StatusOr<QuestionnaireLink> link = LoadLink(token_hash);
      if (!link.ok()) return link.status();
      SQLite::Statement use(db_,
                            "UPDATE questionnaire_links SET used_at = ?2 WHERE token_hash = ?1 "
                            "AND used_at IS NULL AND expires_at > ?2");
      use.bind(1, token_hash);
      use.bind(2, now);
      if (use.exec() != 1) return internal::LinkUsedOrExpired();
      StatusOr<PatientVersion> current = LatestForChange(link->patient_id, expected_version);
      if (!current.ok()) return current.status();
      PatientVersion next = std::move(*current);
      next.document = document;
      return AddVersion(std::move(next), change);
    });
  }

  StatusOr<std::vector<int64_t>> AddCdsFeedback(const std::vector<CdsFeedback>& items) override {
    return Run(true, [&]() -> StatusOr<std::vector<int64_t>> {
      std::vector<int64_t> ids;
      for (const CdsFeedback& item : items) {
        SQLite::Statement insert(
            db_, std::string(internal::kCdsFeedbackInsert) + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        const std::vector<std::string> values = internal::CdsFeedbackValues(item);
        for (size_t i = 0; i < values.size(); ++i) {
          insert.bind(static_cast<int>(i + 1), values[i]);
        }
        insert.exec();
        ids.push_back(db_.getLastInsertRowid());
      }
      return ids;
    });
  }

  StatusOr<std::vector<CdsFeedback>> ListCdsFeedback(const std::string& card) override {
    return Run(false, [&]() -> StatusOr<std::vector<CdsFeedback>> {
      SQLite::Statement query(
          db_, std::string(internal::kCdsFeedbackSelect) + "WHERE card = ? ORDER BY id");
      query.bind(1, card);
      std::vector<CdsFeedback> items;
      while (query.executeStep()) {
        std::vector<std::string> values;
        for (int i = 1; i <= 10; ++i) values.push_back(query.getColumn(i).getString());
        items.push_back(internal::CdsFeedbackFrom(query.getColumn(0).getInt64(), values));
      }
      return items;
    });
  }

  // Concurrent appends share a transaction (group_commit.h): one fsync for the batch.
  StatusOr<AuditEvent> AppendAudit(const AuditEvent& event) override {
    return audit_writes_.Submit(event, [this](const std::vector<AuditEvent>& events) {
      return Run(true, [&]() { return AppendAuditRows(events); });
    });
  }

  StatusOr<std::vector<AuditEvent>> ListAudit(int64_t after_sequence, int limit) override {
    if (Status checked = internal::CheckAuditLimit(limit); !checked.ok()) return checked;
    return Run(false, [&]() -> StatusOr<std::vector<AuditEvent>> {
      SQLite::Statement query(db_,
                              "SELECT sequence, time, username, role, action, patient_id, "
                              "version, address, outcome, previous_hash, hash FROM audit_log "
                              "WHERE sequence > ? ORDER BY sequence LIMIT ?");
      query.bind(1, after_sequence);
      query.bind(2, limit);
      std::vector<AuditEvent> events;
      while (query.executeStep()) events.push_back(ReadAudit(query));
      return events;
    });
  }

  StatusOr<AuditVerification> VerifyAudit() override {
    StatusOr<std::pair<int64_t, std::string>> head =
        Run(false, [&]() -> StatusOr<std::pair<int64_t, std::string>> {
          SQLite::Statement query(db_, "SELECT sequence, hash FROM audit_head WHERE id = 1");
          if (!query.executeStep()) return Status::Internal("the audit chain head is missing");
          return std::make_pair(query.getColumn(0).getInt64(), query.getColumn(1).getString());
        });
    if (!head.ok()) return head.status();
    return internal::VerifyAuditChain(*this, head->first, head->second);
  }

  Status Ping() override {
    return Run(false, [&]() -> Status {
      db_.exec("SELECT 1");
      return Status::Ok();
    });
  }

  StatusOr<int> SchemaVersion() override {
    return Run(false, [&]() -> StatusOr<int> { return CurrentVersion(); });
  }

 private:
  // Runs `body` in one transaction under the connection mutex; commits when it returns OK, rolls
  // back otherwise or when SQLite throws.
  template <typename Body>
  auto Run(bool write, Body body) -> decltype(body()) {
    std::lock_guard lock(mutex_);
    try {
      db_.exec(write ? "BEGIN IMMEDIATE" : "BEGIN");
      auto result = body();
      db_.exec(result.ok() ? "COMMIT" : "ROLLBACK");
      return result;
    } catch (const SQLite::Exception& error) {
      if (sqlite3_get_autocommit(db_.getHandle()) == 0) db_.exec("ROLLBACK");
      return FromException(error);
    }
  }

  // Seals `events` onto the chain in order; inside a write transaction.
  StatusOr<std::vector<AuditEvent>> AppendAuditRows(const std::vector<AuditEvent>& events) {
    SQLite::Statement head(db_, "SELECT sequence, hash FROM audit_head WHERE id = 1");
    if (!head.executeStep()) return Status::Internal("the audit chain head is missing");
    int64_t sequence = head.getColumn(0).getInt64();
    std::string hash = head.getColumn(1).getString();
    SQLite::Statement insert(db_,
                             "INSERT INTO audit_log (sequence, time, username, role, action, "
                             "patient_id, version, address, outcome, previous_hash, hash) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    std::vector<AuditEvent> sealed;
    sealed.reserve(events.size());
    for (const AuditEvent& event : events) {
      AuditEvent row = internal::SealAudit(event, ++sequence, hash);
      insert.reset();
      insert.bind(1, row.sequence);
      insert.bind(2, row.time);
      insert.bind(3, row.username);
      insert.bind(4, row.role);
      insert.bind(5, row.action);
      insert.bind(6, row.patient_id);
      insert.bind(7, row.version);
      insert.bind(8, row.address);
      insert.bind(9, row.outcome);
      insert.bind(10, row.previous_hash);
      insert.bind(11, row.hash);
      insert.exec();
      hash = row.hash;
      sealed.push_back(std::move(row));
    }
    SQLite::Statement advance(db_, "UPDATE audit_head SET sequence = ?, hash = ? WHERE id = 1");
    advance.bind(1, sequence);
    advance.bind(2, hash);
    advance.exec();
    return sealed;
  }

  int CurrentVersion() {
    return db_.execAndGet("SELECT coalesce(max(version), 0) FROM schema_migrations").getInt();
  }

  bool PseudonymTaken(const std::string& team, const std::string& pseudonym,
                      const std::string& except_id) {
    SQLite::Statement query(db_,
                            "SELECT 1 FROM patients WHERE team = ? AND pseudonym = ? AND id <> ?");
    query.bind(1, team);
    query.bind(2, pseudonym);
    query.bind(3, except_id);
    return query.executeStep();
  }

  StatusOr<PatientVersion> Load(const std::string& patient_id, std::optional<int64_t> version) {
    SQLite::Statement query(db_, std::string(kPatientColumns) +
                                     "WHERE p.id = ? AND v.version = coalesce(?, p.version)");
    query.bind(1, patient_id);
    if (version) {
      query.bind(2, *version);
    } else {
      query.bind(2);
    }
    if (!query.executeStep()) {
      return Status::NotFound(version ? "no such patient version" : "no such patient");
    }
    return ReadPatient(query);
  }

  // The latest version when it is `expected_version` and not archived.
  StatusOr<PatientVersion> LatestForChange(const std::string& patient_id,
                                           int64_t expected_version) {
    StatusOr<PatientVersion> current = Load(patient_id, std::nullopt);
    if (!current.ok()) return current.status();
    if (Status changeable = internal::CheckChangeable(*current, expected_version);
        !changeable.ok()) {
      return changeable;
    }
    return current;
  }

  PatientVersion AddVersion(PatientVersion next, const ChangeInfo& change) {
    next.version += 1;
    next.change = change;
    SQLite::Statement update(db_,
                             "UPDATE patients SET pseudonym = ?, version = ?, archived = ?, "
                             "updated_at = ? WHERE id = ?");
    update.bind(1, next.pseudonym);
    update.bind(2, next.version);
    update.bind(3, static_cast<int>(next.archived));
    update.bind(4, change.time);
    update.bind(5, next.patient_id);
    update.exec();
    InsertVersion(next);
    return next;
  }

  void InsertVersion(const PatientVersion& patient) {
    SQLite::Statement insert(db_,
                             "INSERT INTO patient_versions (patient_id, version, pseudonym, "
                             "document, archived, author, time, reason) VALUES "
                             "(?, ?, ?, ?, ?, ?, ?, ?)");
    insert.bind(1, patient.patient_id);
    insert.bind(2, patient.version);
    insert.bind(3, patient.pseudonym);
    insert.bind(4, patient.document);
    insert.bind(5, static_cast<int>(patient.archived));
    insert.bind(6, patient.change.author);
    insert.bind(7, patient.change.time);
    insert.bind(8, patient.change.reason);
    insert.exec();
  }

  StatusOr<PatientPage> List(const PatientQuery& query) {
    std::optional<std::string> upper = internal::PrefixUpperBound(query.pseudonym_prefix);
    const bool after_is_tighter =
        !query.after_pseudonym.empty() && query.after_pseudonym >= query.pseudonym_prefix;
    const char* sql = after_is_tighter ? (upper ? kListAfterBounded : kListAfter)
                                       : (upper ? kListFromPrefixBounded : kListFromPrefix);
    SQLite::Statement select(db_, sql);
    select.bind(1, query.team);
    select.bind(2, after_is_tighter ? query.after_pseudonym : query.pseudonym_prefix);
    select.bind(3, upper.value_or(""));
    select.bind(4, static_cast<int>(query.include_archived));
    select.bind(5, query.limit + 1);
    PatientPage page;
    while (select.executeStep()) {
      page.patients.push_back({.patient_id = select.getColumn(0).getString(),
                               .team = select.getColumn(1).getString(),
                               .pseudonym = select.getColumn(2).getString(),
                               .version = select.getColumn(3).getInt64(),
                               .archived = select.getColumn(4).getInt() != 0,
                               .updated_at = select.getColumn(5).getString()});
    }
    if (page.patients.size() > static_cast<size_t>(query.limit)) {
      page.patients.pop_back();
      page.next_after = page.patients.back().pseudonym;
    }
    return page;
  }

  StatusOr<QuestionnaireLink> LoadLink(const std::string& token_hash) {
    SQLite::Statement query(db_, std::string(kLinkColumns) + "WHERE token_hash = ?");
    query.bind(1, token_hash);
    if (!query.executeStep()) return Status::NotFound("no such questionnaire link");
    return ReadLink(query);
  }

  StatusOr<User> LoadUser(int64_t id) {
    SQLite::Statement query(db_, std::string(kUserColumns) + "WHERE id = ?");
    query.bind(1, id);
    if (!query.executeStep()) return Status::NotFound("no such user");
    return ReadUser(query);
  }

  std::mutex mutex_;
  SQLite::Database db_;
  internal::GroupCommit<AuditEvent, AuditEvent> audit_writes_;
};

}  // namespace

StatusOr<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path) {
  if (Status sodium = internal::InitSodium(); !sodium.ok()) return sodium;
  std::unique_ptr<SqliteStore> store;
  try {
    store = std::make_unique<SqliteStore>(path);
  } catch (const SQLite::Exception& error) {
    return Status::Unavailable(std::string("cannot open the SQLite database: ") +
                               error.getErrorStr());
  }
  if (Status migrated = store->Migrate(); !migrated.ok()) {
    return migrated.WithPrefix("schema migration");
  }
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace refract::store
