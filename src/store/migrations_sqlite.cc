// SQLite schema (migrations.h). Booleans are INTEGER 0/1; text compares bytewise (BINARY), which
// the pseudonym prefix range relies on. The unique (team, pseudonym) index serves listing and
// prefix search by team. Patient versions are append-only, enforced by triggers.
#include <array>

#include "migrations.h"

namespace refract::store::internal {

namespace {

constexpr std::string_view kInitialSchema = R"sql(
CREATE TABLE patients (
  id TEXT PRIMARY KEY,
  team TEXT NOT NULL,
  pseudonym TEXT NOT NULL,
  version INTEGER NOT NULL,
  archived INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX patients_team_pseudonym ON patients (team, pseudonym);
CREATE TABLE patient_versions (
  patient_id TEXT NOT NULL REFERENCES patients (id),
  version INTEGER NOT NULL,
  pseudonym TEXT NOT NULL,
  document TEXT NOT NULL,
  archived INTEGER NOT NULL,
  author TEXT NOT NULL,
  time TEXT NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (patient_id, version)
) WITHOUT ROWID;
CREATE TRIGGER patient_versions_no_update BEFORE UPDATE ON patient_versions
BEGIN SELECT RAISE(ABORT, 'patient_versions is append-only'); END;
CREATE TRIGGER patient_versions_no_delete BEFORE DELETE ON patient_versions
BEGIN SELECT RAISE(ABORT, 'patient_versions is append-only'); END;
CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  roles TEXT NOT NULL,
  team TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE TABLE credentials (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  kind TEXT NOT NULL CHECK (kind IN ('session', 'api_token')),
  name TEXT NOT NULL,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX credentials_user ON credentials (user_id);
CREATE TABLE audit_log (
  sequence INTEGER PRIMARY KEY,
  time TEXT NOT NULL,
  username TEXT NOT NULL,
  role TEXT NOT NULL,
  action TEXT NOT NULL,
  patient_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  address TEXT NOT NULL,
  outcome TEXT NOT NULL,
  previous_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  sequence INTEGER NOT NULL,
  hash TEXT NOT NULL
);
INSERT INTO audit_head (id, sequence, hash) VALUES (1, 0, '');
)sql";

constexpr std::string_view kQuestionnaireLinks = R"sql(
CREATE TABLE questionnaire_links (
  token_hash TEXT PRIMARY KEY,
  patient_id TEXT NOT NULL REFERENCES patients (id),
  team TEXT NOT NULL,
  instruments TEXT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX questionnaire_links_patient ON questionnaire_links (patient_id, created_at);
)sql";

constexpr std::string_view kCdsFeedback = R"sql(
CREATE TABLE cds_feedback (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  service TEXT NOT NULL,
  client TEXT NOT NULL,
  card TEXT NOT NULL,
  outcome TEXT NOT NULL,
  accepted_suggestions TEXT NOT NULL,
  override_code TEXT NOT NULL,
  override_system TEXT NOT NULL,
  user_comment TEXT NOT NULL,
  outcome_timestamp TEXT NOT NULL,
  received_at TEXT NOT NULL
);
CREATE INDEX cds_feedback_card ON cds_feedback (card, id);
)sql";

constexpr std::array<Migration, 3> kMigrations = {{
    {.version = 1, .description = "initial schema", .sql = kInitialSchema},
    {.version = 2, .description = "questionnaire links", .sql = kQuestionnaireLinks},
    {.version = 3, .description = "CDS Hooks feedback", .sql = kCdsFeedback},
}};

}  // namespace

std::span<const Migration> SqliteMigrations() { return kMigrations; }

}  // namespace refract::store::internal
