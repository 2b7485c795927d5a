// The PostgreSQL store (include/refract/store/postgres_store.h).
#include "refract/store/postgres_store.h"

#include <pqxx/pqxx>

#include "migrations.h"
#include "postgres_pool.h"
#include "store_internal.h"

namespace refract::store {

namespace {

constexpr int kPoolSize = 4;
// pg_advisory_xact_lock key serialising schema migrations across servers ("RFCT").
constexpr int64_t kMigrationLock = 0x52464354;

constexpr const char* kPatientColumns =
    "SELECT p.id, p.team, v.pseudonym, v.version, v.archived, v.document, v.author, v.time, "
    "v.reason FROM patients p JOIN patient_versions v ON v.patient_id = p.id ";
constexpr const char* kUserColumns =
    "SELECT id, username, password_hash, roles, team, disabled, created_at FROM users ";
constexpr const char* kCredentialColumns =
    "SELECT token_hash, user_id, kind, name, csrf_token, created_at, expires_at, revoked "
    "FROM credentials ";
constexpr const char* kAuditColumns =
    "SELECT sequence, time, username, role, action, patient_id, version, address, outcome, "
    "previous_hash, hash FROM audit_log ";

// The first line of a server message: the detail lines may quote row values.
std::string FirstLine(const char* what) {
  std::string text(what);
  return text.substr(0, text.find('\n'));
}

PatientVersion ReadPatient(const pqxx::row& row) {
  return {.patient_id = row[0].as<std::string>(),
          .team = row[1].as<std::string>(),
          .pseudonym = row[2].as<std::string>(),
          .version = row[3].as<int64_t>(),
          .archived = row[4].as<bool>(),
          .document = row[5].as<std::string>(),
          .change = {.author = row[6].as<std::string>(),
                     .time = row[7].as<std::string>(),
                     .reason = row[8].as<std::string>()}};
}

User ReadUser(const pqxx::row& row) {
  return {.id = row[0].as<int64_t>(),
          .username = row[1].as<std::string>(),
          .password_hash = row[2].as<std::string>(),
          .roles = internal::DecodeRoles(row[3].as<std::string>()),
          .team = row[4].as<std::string>(),
          .disabled = row[5].as<bool>(),
          .created_at = row[6].as<std::string>()};
}

Credential ReadCredential(const pqxx::row& row) {
  return {.token_hash = row[0].as<std::string>(),
          .user_id = row[1].as<int64_t>(),
          .kind = row[2].as<std::string>(),
          .name = row[3].as<std::string>(),
          .csrf_token = row[4].as<std::string>(),
          .created_at = row[5].as<std::string>(),
          .expires_at = row[6].as<std::string>(),
          .revoked = row[7].as<bool>()};
}

constexpr const char* kLinkColumns =
    "SELECT token_hash, patient_id, team, instruments, created_by, created_at, expires_at, "
    "coalesce(used_at, '') FROM questionnaire_links ";

QuestionnaireLink ReadLink(const pqxx::row& row) {
  return {.token_hash = row[0].as<std::string>(),
          .patient_id = row[1].as<std::string>(),
          .team = row[2].as<std::string>(),
          .instruments = internal::SplitInstruments(row[3].as<std::string>()),
          .created_by = row[4].as<std::string>(),
          .created_at = row[5].as<std::string>(),
          .expires_at = row[6].as<std::string>(),
          .used_at = row[7].as<std::string>()};
}

AuditEvent ReadAudit(const pqxx::row& row) {
  return {.sequence = row[0].as<int64_t>(),
          .time = row[1].as<std::string>(),
          .username = row[2].as<std::string>(),
          .role = row[3].as<std::string>(),
          .action = row[4].as<std::string>(),
          .patient_id = row[5].as<std::string>(),
          .version = row[6].as<int64_t>(),
          .address = row[7].as<std::string>(),
          .outcome = row[8].as<std::string>(),
          .previous_hash = row[9].as<std::string>(),
          .hash = row[10].as<std::string>()};
}

class PostgresStore final : public Store {
 public:
  explicit PostgresStore(const std::string& uri) : pool_(uri, kPoolSize) {}

  Status Migrate() {
    return Run([&](pqxx::work& tx) -> Status {
      tx.exec_params("SELECT pg_advisory_xact_lock($1)", kMigrationLock);
      tx.exec(
          "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, "
          "description text NOT NULL)");
      const int current = CurrentVersion(tx);
      for (const internal::Migration& migration : internal::PostgresMigrations()) {
        if (migration.version <= current) continue;
        tx.exec(std::string(migration.sql));
        tx.exec_params("INSERT INTO schema_migrations (version, description) VALUES ($1, $2)",
                       migration.version, std::string(migration.description));
      }
      return Status::Ok();
    });
  }

  StatusOr<PatientVersion> CreatePatient(const std::string& team, const std::string& pseudonym,
                                         const std::string& document,
                                         const ChangeInfo& change) override {
    return Run([&](pqxx::work& tx) -> StatusOr<PatientVersion> {
      PatientVersion patient{.patient_id = internal::NewPatientId(),
                             .team = team,
                             .pseudonym = pseudonym,
                             .version = 1,
                             .archived = false,
                             .document = document,
                             .change = change};
      tx.exec_params(
          "INSERT INTO patients (id, team, pseudonym, version, archived, updated_at) "
          "VALUES ($1, $2, $3, 1, false, $4)",
          patient.patient_id, team, pseudonym, change.time);
      InsertVersion(tx, patient);
      return patient;
    });
  }

  StatusOr<PatientVersion> GetPatient(const std::string& patient_id,
                                      std::optional<int64_t> version) override {
    return Run([&](pqxx::work& tx) { return Load(tx, patient_id, version); });
  }

  StatusOr<PatientPage> ListPatients(const PatientQuery& query) override {
    if (Status checked = internal::CheckQuery(query); !checked.ok()) return checked;
    return Run([&](pqxx::work& tx) -> StatusOr<PatientPage> {
      pqxx::result rows = tx.exec_params(
          "SELECT id, team, pseudonym, version, archived, updated_at FROM patients "
          "WHERE team = $1 AND pseudonym LIKE $2 ESCAPE '\\' AND pseudonym > $3 "
          "AND ($4 OR NOT archived) ORDER BY pseudonym LIMIT $5",
          query.team, internal::LikePrefixPattern(query.pseudonym_prefix), query.after_pseudonym,
          query.include_archived, query.limit + 1);
      PatientPage page;
      for (const pqxx::row& row : rows) {
        page.patients.push_back({.patient_id = row[0].as<std::string>(),
                                 .team = row[1].as<std::string>(),
                                 .pseudonym = row[2].as<std::string>(),
                                 .version = row[3].as<int64_t>(),
                                 .archived = row[4].as<bool>(),
                                 .updated_at = row[5].as<std::string>()});
      }
      if (page.patients.size() > static_cast<size_t>(query.limit)) {
        page.patients.pop_back();
        page.next_after = page.patients.back().pseudonym;
      }
      return page;
    });
  }

  StatusOr<PatientVersion> UpdatePatient(const std::string& patient_id, int64_t expected_version,
                                         const std::string& pseudonym, const std::string& document,
                                         const ChangeInfo& change) override {
    return Run([&](pqxx::work& tx) -> StatusOr<PatientVersion> {
      StatusOr<PatientVersion> current = LockLatest(tx, patient_id, expected_version);
      if (!current.ok()) return current.status();
      PatientVersion next = std::move(*current);
      next.pseudonym = pseudonym;
      next.document = document;
      return AddVersion(tx, std::move(next), change);
    });
  }

  StatusOr<PatientVersion> ArchivePatient(const std::string& patient_id, int64_t expected_version,
                                          const ChangeInfo& change) override {
    return Run([&](pqxx::work& tx) -> StatusOr<PatientVersion> {
      StatusOr<PatientVersion> current = LockLatest(tx, patient_id, expected_version);
      if (!current.ok()) return current.status();
      PatientVersion next = std::move(*current);
      next.archived = true;
      return AddVersion(tx, std::move(next), change);
    });
  }

  StatusOr<std::vector<VersionInfo>> PatientHistory(const std::string& patient_id) override {
    return Run([&](pqxx::work& tx) -> StatusOr<std::vector<VersionInfo>> {
      pqxx::result rows = tx.exec_params(
          "SELECT version, archived, author, time, reason FROM patient_versions "
          "WHERE patient_id = $1 ORDER BY version",
          patient_id);
      if (rows.empty()) return Status::NotFound("no such patient");
      std::vector<VersionInfo> history;
      for (const pqxx::row& row : rows) {
        history.push_back({.version = row[0].as<int64_t>(),
                           .archived = row[1].as<bool>(),
                           .change = {.author = row[2].as<std::string>(),
                                      .time = row[3].as<std::string>(),
                                      .reason = row[4].as<std::string>()}});
      }
      return history;
    });
  }

  StatusOr<int64_t> CountPatients() override {
    return Run([&](pqxx::work& tx) -> StatusOr<int64_t> {
      return tx.exec1("SELECT count(*) FROM patients")[0].as<int64_t>();
    });
  }

  StatusOr<User> CreateUser(const User& user) override {
    return Run([&](pqxx::work& tx) -> StatusOr<User> {
      pqxx::row row = tx.exec_params1(
          "INSERT INTO users (username, password_hash, roles, team, disabled, created_at) "
          "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
          user.username, user.password_hash, internal::EncodeRoles(user.roles), user.team,
          user.disabled, user.created_at);
      User created = user;
      created.id = row[0].as<int64_t>();
      return created;
    });
  }

  StatusOr<User> FindUser(const std::string& username) override {
    return Run([&](pqxx::work& tx) -> StatusOr<User> {
      pqxx::result rows =
          tx.exec_params(std::string(kUserColumns) + "WHERE username = $1", username);
      if (rows.empty()) return Status::NotFound("no such user");
      return ReadUser(rows[0]);
    });
  }

  StatusOr<User> GetUser(int64_t id) override {
    return Run([&](pqxx::work& tx) { return LoadUser(tx, id); });
  }

  StatusOr<std::vector<User>> ListUsers() override {
    return Run([&](pqxx::work& tx) -> StatusOr<std::vector<User>> {
      std::vector<User> users;
      for (const pqxx::row& row : tx.exec(std::string(kUserColumns) + "ORDER BY id")) {
        users.push_back(ReadUser(row));
      }
      return users;
    });
  }

  StatusOr<User> UpdateUser(const User& user) override {
    return Run([&](pqxx::work& tx) -> StatusOr<User> {
      pqxx::result updated = tx.exec_params(
          "UPDATE users SET password_hash = $1, roles = $2, team = $3, disabled = $4 "
          "WHERE id = $5",
          user.password_hash, internal::EncodeRoles(user.roles), user.team, user.disabled, user.id);
      if (updated.affected_rows() == 0) return Status::NotFound("no such user");
      return LoadUser(tx, user.id);
    });
  }

  Status AddCredential(const Credential& credential) override {
    return Run([&](pqxx::work& tx) -> Status {
      tx.exec_params(
          "INSERT INTO credentials (token_hash, user_id, kind, name, csrf_token, created_at, "
          "expires_at, revoked) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
          credential.token_hash, credential.user_id, credential.kind, credential.name,
          credential.csrf_token, credential.created_at, credential.expires_at, credential.revoked);
      return Status::Ok();
    });
  }

  StatusOr<Credential> FindCredential(const std::string& token_hash) override {
    return Run([&](pqxx::work& tx) -> StatusOr<Credential> {
      pqxx::result rows =
          tx.exec_params(std::string(kCredentialColumns) + "WHERE token_hash = $1", token_hash);
      if (rows.empty()) return Status::NotFound("no such credential");
      return ReadCredential(rows[0]);
    });
  }

  Status RevokeCredential(const std::string& token_hash) override {
    return Run([&](pqxx::work& tx) -> Status {
      pqxx::result updated =
          tx.exec_params("UPDATE credentials SET revoked = true WHERE token_hash = $1", token_hash);
      if (updated.affected_rows() == 0) return Status::NotFound("no such credential");
      return Status::Ok();
    });
  }

  StatusOr<std::vector<Credential>> ListCredentials(int64_t user_id) override {
    return Run([&](pqxx::work& tx) -> StatusOr<std::vector<Credential>> {
      std::vector<Credential> credentials;
      for (const pqxx::row& row :
           tx.exec_params(std::string(kCredentialColumns) +
                              "WHERE user_id = $1 ORDER BY created_at, token_hash",
                          user_id)) {
        credentials.push_back(ReadCredential(row));
      }
      return credentials;
    });
  }

  Status CreateQuestionnaireLink(const QuestionnaireLink& link) override {
    return Run([&](pqxx::work& tx) -> Status {
      tx.exec_params(
          "INSERT INTO questionnaire_links (token_hash, patient_id, team, instruments, "
          "created_by, created_at, expires_at, used_at) VALUES ($1, $2, $3, $4, $5, $6, $7, NULL)",
          link.token_hash, link.patient_id, link.team, internal::JoinInstruments(link.instruments),
          link.created_by, link.created_at, link.expires_at);
      return Status::Ok();
    });
  }

  StatusOr<QuestionnaireLink> FindQuestionnaireLink(const std::string& token_hash) override {
    return Run([&](pqxx::work& tx) { return LoadLink(tx, token_hash, ""); });
  }

  StatusOr<std::vector<QuestionnaireLink>> ListQuestionnaireLinks(
      const std::string& patient_id) override {
    return Run([&](pqxx::work& tx) -> StatusOr<std::vector<QuestionnaireLink>> {
      std::vector<QuestionnaireLink> links;
      for (const pqxx::row& row : tx.exec_params(
               std::string(kLinkColumns) + "WHERE patient_id = $1 ORDER BY created_at, token_hash",
               patient_id)) {
        links.push_back(ReadLink(row));
      }
      return links;
    });
  }

  StatusOr<PatientVersion> CompleteQuestionnaireLink(const std::string& token_hash,
                                                     const std::string& now,
                                                     int64_t expected_version,
                                                     const std::string& document,
                                                     const ChangeInfo& change) override {
    return Run([&](pqxx::work& tx) -> StatusOr<PatientVersion> {
      StatusOr<QuestionnaireLink> link = LoadLink(tx, token_hash, " FOR UPDATE");
      if (!link.ok()) return link.status();
      if (!link->used_at.empty() || link->expires_at <= now) return internal::LinkUsedOrExpired();
      tx.exec_params("UPDATE questionnaire_links SET used_at = $2 WHERE token_hash = $1",
                     token_hash, now);
      StatusOr<PatientVersion> current = LockLatest(tx, link->patient_id, expected_version);
      if (!current.ok()) return current.status();
      PatientVersion next = std::move(*current);
      next.document = document;
      return AddVersion(tx, std::move(next), change);
    });
  }

  StatusOr<std::vector<int64_t>> AddCdsFeedback(const std::vector<CdsFeedback>& items) override {
    return Run([&](pqxx::work& tx) -> StatusOr<std::vector<int64_t>> {
      std::vector<int64_t> ids;
      for (const CdsFeedback& item : items) {
        const std::vector<std::string> v = internal::CdsFeedbackValues(item);
        ids.push_back(tx.exec_params1(std::string(internal::kCdsFeedbackInsert) +
                                          "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
                                      v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7], v[8], v[9])[0]
                          .as<int64_t>());
      }
      return ids;
    });
  }

  StatusOr<std::vector<CdsFeedback>> ListCdsFeedback(const std::string& card) override {
    return Run([&](pqxx::work& tx) -> StatusOr<std::vector<CdsFeedback>> {
      std::vector<CdsFeedback> items;
      for (const pqxx::row& row : tx.exec_params(
               std::string(internal::kCdsFeedbackSelect) + "WHERE card = $1 ORDER BY id", card)) {
        std::vector<std::string> values;
        for (int i = 1; i <= 10; ++i) values.push_back(row[i].as<std::string>());
        items.push_back(internal::CdsFeedbackFrom(row[0].as<int64_t>(), values));
      }
      return items;
    });
  }

  StatusOr<AuditEvent> AppendAudit(const AuditEvent& event) override {
    return Run([&](pqxx::work& tx) -> StatusOr<AuditEvent> {
      pqxx::row head = tx.exec1("SELECT sequence, hash FROM audit_head WHERE id = 1 FOR UPDATE");
      AuditEvent sealed =
          internal::SealAudit(event, head[0].as<int64_t>() + 1, head[1].as<std::string>());
      tx.exec_params(
          "INSERT INTO audit_log (sequence, time, username, role, action, patient_id, version, "
          "address, outcome, previous_hash, hash) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
          sealed.sequence, sealed.time, sealed.username, sealed.role, sealed.action,
          sealed.patient_id, sealed.version, sealed.address, sealed.outcome, sealed.previous_hash,
          sealed.hash);
      tx.exec_params("UPDATE audit_head SET sequence = $1, hash = $2 WHERE id = 1", sealed.sequence,
                     sealed.hash);
      return sealed;
    });
  }

  StatusOr<std::vector<AuditEvent>> ListAudit(int64_t after_sequence, int limit) override {
    if (Status checked = internal::CheckAuditLimit(limit); !checked.ok()) return checked;
    return Run([&](pqxx::work& tx) -> StatusOr<std::vector<AuditEvent>> {
      std::vector<AuditEvent> events;
      for (const pqxx::row& row :
           tx.exec_params(std::string(kAuditColumns) + "WHERE sequence > $1 ORDER BY sequence "
                                                       "LIMIT $2",
                          after_sequence, limit)) {
        events.push_back(ReadAudit(row));
      }
      return events;
    });
  }

  StatusOr<AuditVerification> VerifyAudit() override {
    StatusOr<std::pair<int64_t, std::string>> head =
        Run([&](pqxx::work& tx) -> StatusOr<std::pair<int64_t, std::string>> {
          pqxx::row row = tx.exec1("SELECT sequence, hash FROM audit_head WHERE id = 1");
          return std::make_pair(row[0].as<int64_t>(), row[1].as<std::string>());
        });
    if (!head.ok()) return head.status();
    return internal::VerifyAuditChain(*this, head->first, head->second);
  }

  Status Ping() override {
    return Run([&](pqxx::work& tx) -> Status {
      tx.exec1("SELECT 1");
      return Status::Ok();
    });
  }

  StatusOr<int> SchemaVersion() override {
    return Run([&](pqxx::work& tx) -> StatusOr<int> { return CurrentVersion(tx); });
  }

 private:
  // Runs `body` in one READ COMMITTED transaction on a pooled connection; commits when it returns
  // OK. Exceptions become Status values: a lost connection kUnavailable, a unique key
  // kAlreadyExists, a missing referenced row kNotFound, anything else kInternal.
  template <typename Body>
  auto Run(Body body) -> decltype(body(std::declval<pqxx::work&>())) {
    try {
      internal::PostgresPool::Lease connection = pool_.Acquire();
      pqxx::work tx(*connection);
      auto result = body(tx);
      if (result.ok()) tx.commit();
      return result;
    } catch (const pqxx::broken_connection& error) {
      return Status::Unavailable("postgres: " + FirstLine(error.what()));
    } catch (const pqxx::unique_violation&) {
      return Status::AlreadyExists("already exists (the pseudonym or name is taken)");
    } catch (const pqxx::foreign_key_violation&) {
      return Status::NotFound("refers to a missing row");
    } catch (const pqxx::sql_error& error) {
      return Status::Internal("postgres " + error.sqlstate() + ": " + FirstLine(error.what()));
    } catch (const std::exception& error) {
      return Status::Internal("postgres: " + FirstLine(error.what()));
    }
  }

  static int CurrentVersion(pqxx::work& tx) {
    return tx.exec1("SELECT coalesce(max(version), 0) FROM schema_migrations")[0].as<int>();
  }

  static StatusOr<PatientVersion> Load(pqxx::work& tx, const std::string& patient_id,
                                       std::optional<int64_t> version) {
    pqxx::result rows =
        version
            ? tx.exec_params(std::string(kPatientColumns) + "WHERE p.id = $1 AND v.version = $2",
                             patient_id, *version)
            : tx.exec_params(
                  std::string(kPatientColumns) + "WHERE p.id = $1 AND v.version = p.version",
                  patient_id);
    if (rows.empty()) {
      return Status::NotFound(version ? "no such patient version" : "no such patient");
    }
    return ReadPatient(rows[0]);
  }

  // Locks the patient row, then returns the latest version when it is `expected_version` and not
  // archived. The lock holds until the transaction ends, so a concurrent change waits and then
  // sees the new version (kConflict).
  static StatusOr<PatientVersion> LockLatest(pqxx::work& tx, const std::string& patient_id,
                                             int64_t expected_version) {
    pqxx::result locked =
        tx.exec_params("SELECT version FROM patients WHERE id = $1 FOR UPDATE", patient_id);
    if (locked.empty()) return Status::NotFound("no such patient");
    StatusOr<PatientVersion> current = Load(tx, patient_id, std::nullopt);
    if (!current.ok()) return current.status();
    if (Status changeable = internal::CheckChangeable(*current, expected_version);
        !changeable.ok()) {
      return changeable;
    }
    return current;
  }

  static PatientVersion AddVersion(pqxx::work& tx, PatientVersion next, const ChangeInfo& change) {
    next.version += 1;
    next.change = change;
    tx.exec_params(
        "UPDATE patients SET pseudonym = $1, version = $2, archived = $3, updated_at = $4 "
        "WHERE id = $5",
        next.pseudonym, next.version, next.archived, change.time, next.patient_id);
    InsertVersion(tx, next);
    return next;
  }

  static void InsertVersion(pqxx::work& tx, const PatientVersion& patient) {
    tx.exec_params(
        "INSERT INTO patient_versions (patient_id, version, pseudonym, document, archived, "
        "author, time, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        patient.patient_id, patient.version, patient.pseudonym, patient.document, patient.archived,
        patient.change.author, patient.change.time, patient.change.reason);
  }

  // The link row; `lock` is "" or " FOR UPDATE" (a concurrent completion then waits and sees the
  // link used).
  static StatusOr<QuestionnaireLink> LoadLink(pqxx::work& tx, const std::string& token_hash,
                                              const char* lock) {
    pqxx::result rows =
        tx.exec_params(std::string(kLinkColumns) + "WHERE token_hash = $1" + lock, token_hash);
    if (rows.empty()) return Status::NotFound("no such questionnaire link");
    return ReadLink(rows[0]);
  }

  static StatusOr<User> LoadUser(pqxx::work& tx, int64_t id) {
    pqxx::result rows = tx.exec_params(std::string(kUserColumns) + "WHERE id = $1", id);
    if (rows.empty()) return Status::NotFound("no such user");
    return ReadUser(rows[0]);
  }

  internal::PostgresPool pool_;
};

}  // namespace

StatusOr<std::unique_ptr<Store>> OpenPostgresStore(const std::string& connection_uri) {
  if (Status sodium = internal::InitSodium(); !sodium.ok()) return sodium;
  auto store = std::make_unique<PostgresStore>(connection_uri);
  if (Status migrated = store->Migrate(); !migrated.ok()) {
    return migrated.code() == StatusCode::kUnavailable ? migrated
                                                       : migrated.WithPrefix("schema migration");
  }
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace refract::store
