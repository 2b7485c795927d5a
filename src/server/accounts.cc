// The first admin and the demo store (include/refract/server/accounts.h).
#include "refract/server/accounts.h"

#include <algorithm>
#include <filesystem>

#include "refract/io/patient_yaml.h"
#include "refract/io/text_file.h"
#include "refract/server/secrets.h"

namespace refract::server {
namespace {

constexpr size_t kGeneratedPasswordLength = 24;  // 96 bits of the hex secret

bool HasRole(const NewAccount& account, store::Role role) {
  return std::find(account.roles.begin(), account.roles.end(), role) != account.roles.end();
}

bool IsRecordFile(const std::filesystem::path& path) {
  const std::string extension = path.extension().string();
  return extension == ".json" || extension == ".yaml" || extension == ".yml";
}

// The record as JSON text: YAML records become the JSON tree they are read as.
StatusOr<std::string> RecordJson(const std::filesystem::path& path) {
  StatusOr<std::string> text = ReadTextFile(path.string());
  if (!text.ok() || path.extension() == ".json") return text;
  return YamlToJsonText(*text);
}

}  // namespace

StatusOr<CreatedAccount> CreateAccount(store::Store& store, const Clock& clock,
                                       const NewAccount& account,
                                       const std::string& operator_name) {
  if (account.roles.empty()) return Status::InvalidFields({{"role", "give at least one role"}});
  if (HasRole(account, store::Role::kClinician) && account.team.empty()) {
    return Status::InvalidFields({{"team", "is required for a clinician (the care team)"}});
  }
  CreatedAccount created;
  const std::string password =
      account.password.empty() ? NewSecret().substr(0, kGeneratedPasswordLength) : account.password;
  if (account.password.empty()) created.password = password;
  StatusOr<std::string> hash = HashPassword(password);
  if (!hash.ok()) return hash.status();
  store::User user;
  user.username = account.username;
  user.password_hash = *hash;
  user.roles = account.roles;
  user.team = account.team;
  user.created_at = Iso8601(clock.Now());
  StatusOr<store::User> stored = store.CreateUser(user);
  if (!stored.ok()) return stored.status();
  created.user = *stored;
  store::AuditEvent event;
  event.time = user.created_at;
  event.username = operator_name;
  event.role = "admin";
  event.action = "user.create";
  event.address = "local";
  event.outcome = "ok";
  StatusOr<store::AuditEvent> audited = store.AppendAudit(event);
  if (!audited.ok()) return audited.status();
  return created;
}

StatusOr<DemoSeed> SeedDemo(const Engine& engine, store::Store& store, const Clock& clock,
                            const std::string& records_dir) {
  StatusOr<int64_t> count = store.CountPatients();
  if (!count.ok()) return count.status();
  if (*count > 0) return Status::FailedPrecondition("the demo needs an empty store");
  std::error_code error;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(records_dir, error)) {
    if (entry.is_regular_file() && IsRecordFile(entry.path())) files.push_back(entry.path());
  }
  if (error) return Status::NotFound(records_dir + ": " + error.message());
  std::sort(files.begin(), files.end());
  DemoSeed seed;
  for (const auto& file : files) {
    StatusOr<std::string> document = RecordJson(file);
    if (!document.ok()) return document.status().WithPrefix(file.string() + ": ");
    StatusOr<PatientRecord> record = engine.ParseRecord(*document, RecordSyntax::kJson);
    if (!record.ok()) return record.status().WithPrefix(file.string() + ": ");
    const store::ChangeInfo change{"demo", Iso8601(clock.Now()),
                                   "demo record " + file.filename().string()};
    StatusOr<store::PatientVersion> created =
        store.CreatePatient("demo", record->id, *document, change);
    if (!created.ok()) return created.status();
    seed.loaded.push_back(file.string());
  }
  const NewAccount accounts[] = {{"admin", {store::Role::kAdmin}, "", ""},
                                 {"clinician", {store::Role::kClinician}, "demo", ""},
                                 {"auditor", {store::Role::kAuditor}, "", ""}};
  for (const NewAccount& account : accounts) {
    StatusOr<CreatedAccount> created = CreateAccount(store, clock, account, "demo");
    if (!created.ok()) return created.status();
    seed.accounts.push_back(std::move(*created));
  }
  return seed;
}

}  // namespace refract::server
