// PostgreSQL schema (migrations.h). Pseudonyms use the "C" collation so that order and the
// escaped LIKE prefix search are bytewise and can use the (team, pseudonym) index. The chain head
// row of audit_head is locked (SELECT ... FOR UPDATE) by every append, so concurrent appenders
// form one chain. Patient versions are append-only, enforced by a trigger.
#include <array>

#include "migrations.h"

namespace refract::store::internal {

namespace {

constexpr std::string_view kInitialSchema = R"sql(
CREATE TABLE patients (
  id text PRIMARY KEY,
  team text NOT NULL,
  pseudonym text COLLATE "C" NOT NULL,
  version bigint NOT NULL,
  archived boolean NOT NULL DEFAULT false,
  updated_at text NOT NULL
);
CREATE UNIQUE INDEX patients_team_pseudonym ON patients (team, pseudonym);
CREATE TABLE patient_versions (
  patient_id text NOT NULL REFERENCES patients (id),
  version bigint NOT NULL,
  pseudonym text NOT NULL,
  document text NOT NULL,
  archived boolean NOT NULL,
  author text NOT NULL,
  time text NOT NULL,
  reason text NOT NULL,
  PRIMARY KEY (patient_id, version)
);
CREATE FUNCTION refract_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END
$$;
CREATE TRIGGER patient_versions_append_only BEFORE UPDATE OR DELETE ON patient_versions
  FOR EACH ROW EXECUTE FUNCTION refract_append_only();
CREATE TABLE users (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  username text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  roles text NOT NULL,
  team text NOT NULL,
  disabled boolean NOT NULL DEFAULT false,
  created_at text NOT NULL
);
CREATE TABLE credentials (
  token_hash text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id),
  kind text NOT NULL CHECK (kind IN ('session', 'api_token')),
  name text NOT NULL,
  csrf_token text NOT NULL,
  created_at text NOT NULL,
  expires_at text NOT NULL,
  revoked boolean NOT NULL DEFAULT false
);
CREATE INDEX credentials_user ON credentials (user_id);
CREATE TABLE audit_log (
  sequence bigint PRIMARY KEY,
  time text NOT NULL,
  username text NOT NULL,
  role text NOT NULL,
  action text NOT NULL,
  patient_id text NOT NULL,
  version bigint NOT NULL,
  address text NOT NULL,
  outcome text NOT NULL,
  previous_hash text NOT NULL,
  hash text NOT NULL
);
CREATE TABLE audit_head (
  id integer PRIMARY KEY CHECK (id = 1),
  sequence bigint NOT NULL,
  hash text NOT NULL
);
INSERT INTO audit_head (id, sequence, hash) VALUES (1, 0, '');
)sql";

constexpr std::string_view kQuestionnaireLinks = R"sql(
CREATE TABLE questionnaire_links (
  token_hash text PRIMARY KEY,
  patient_id text NOT NULL REFERENCES patients (id),
  team text NOT NULL,
  instruments text NOT NULL,
  created_by text NOT NULL,
  created_at text NOT NULL,
  expires_at text NOT NULL,
  used_at text
);
CREATE INDEX questionnaire_links_patient ON questionnaire_links (patient_id, created_at);
)sql";

constexpr std::string_view kCdsFeedback = R"sql(
CREATE TABLE cds_feedback (
  id bigserial PRIMARY KEY,
  service text NOT NULL,
  client text NOT NULL,
  card text NOT NULL,
  outcome text NOT NULL,
  accepted_suggestions text NOT NULL,
  override_code text NOT NULL,
  override_system text NOT NULL,
  user_comment text NOT NULL,
  outcome_timestamp text NOT NULL,
  received_at text NOT NULL
);
CREATE INDEX cds_feedback_card ON cds_feedback (card, id);
)sql";

constexpr std::array<Migration, 3> kMigrations = {{
    {.version = 1, .description = "initial schema", .sql = kInitialSchema},
    {.version = 2, .description = "questionnaire links", .sql = kQuestionnaireLinks},
    {.version = 3, .description = "CDS Hooks feedback", .sql = kCdsFeedback},
}};

}  // namespace

std::span<const Migration> PostgresMigrations() { return kMigrations; }

}  // namespace refract::store::internal
