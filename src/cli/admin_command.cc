#include "admin_command.h"

#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "cli_common.h"
#include "refract/server/accounts.h"
#include "refract/server/secrets.h"
#include "refract/server/server.h"
#include "refract/store/backup.h"

namespace refract::cli {
namespace {

struct CreateUserFlags {
  std::string store = "sqlite:refract.db";
  std::string username;
  std::vector<std::string> roles;
  std::string team;
  bool password_stdin = false;
};

StatusOr<std::unique_ptr<store::Store>> Open(const std::string& uri) {
  if (Status secrets = server::InitSecrets(); !secrets.ok()) return secrets;
  return server::OpenStore(uri);
}

int CreateUser(const CreateUserFlags& flags) {
  server::NewAccount account{flags.username, {}, flags.team, ""};
  for (const std::string& role : flags.roles) account.roles.push_back(*store::RoleFromString(role));
  if (flags.password_stdin) std::getline(std::cin, account.password);
  StatusOr<std::unique_ptr<store::Store>> store = Open(flags.store);
  if (!store.ok()) {
    fmt::print(stderr, "refract admin: {}\n", store.status().message());
    return kExitInvalidInput;
  }
  server::SystemClock clock;
  StatusOr<server::CreatedAccount> created =
      server::CreateAccount(**store, clock, account, "refract-admin-cli");
  if (!created.ok()) {
    fmt::print(stderr, "refract admin create-user: {}\n", created.status().message());
    return kExitInvalidInput;
  }
  fmt::print("created user '{}' (id {})\n", created->user.username, created->user.id);
  if (!created->password.empty()) {
    fmt::print("one-time password (shown only now): {}\n", created->password);
  }
  return kExitOk;
}

int VerifyAudit(const std::string& uri) {
  StatusOr<std::unique_ptr<store::Store>> store = Open(uri);
  if (!store.ok()) {
    fmt::print(stderr, "refract audit: {}\n", store.status().message());
    return kExitInvalidInput;
  }
  StatusOr<store::AuditVerification> verification = (*store)->VerifyAudit();
  if (!verification.ok()) {
    fmt::print(stderr, "refract audit verify: {}\n", verification.status().message());
    return kExitInvalidInput;
  }
  if (!verification->intact) {
    fmt::print("audit log BROKEN at row {}: {} ({} rows checked)\n",
               verification->first_bad_sequence, verification->problem, verification->rows);
    return kExitInvalidInput;
  }
  fmt::print("audit log intact: {} rows, every hash and link checked\n", verification->rows);
  return kExitOk;
}

// A consistent copy of a SQLite store while the server may be running (SQLite's online backup).
int Backup(const std::string& uri, const std::string& to) {
  if (uri.rfind("sqlite:", 0) != 0) {
    fmt::print(stderr,
               "refract admin backup: --store must be sqlite:PATH; back up PostgreSQL with pg_dump "
               "(docs/server.md)\n");
    return kExitUsage;
  }
  if (Status copied = store::BackupSqlite(uri.substr(7), to); !copied.ok()) {
    fmt::print(stderr, "refract admin backup: {}\n", copied.message());
    return kExitInvalidInput;
  }
  fmt::print("backed up {} to {}\n", uri.substr(7), to);
  return kExitOk;
}

}  // namespace

void AddAdminCommand(CLI::App& app, int* exit_code) {
  CLI::App* admin = app.add_subcommand("admin", "Manage the users of a Refract store");
  admin->require_subcommand(1);
  auto flags = std::make_shared<CreateUserFlags>();
  CLI::App* create = admin->add_subcommand("create-user", "Create a user (e.g. the first admin)");
  create->add_option("--store", flags->store, "sqlite:PATH (default) or a postgresql:// URI");
  create->add_option("--username", flags->username, "the new user's name")->required();
  create->add_option("--role", flags->roles, "clinician, admin or auditor (repeatable)")
      ->required()
      ->check(CLI::IsMember({"clinician", "admin", "auditor"}));
  create->add_option("--team", flags->team, "the care team (required for clinicians)");
  create->add_flag("--password-stdin", flags->password_stdin,
                   "read the password from the first line of standard input (else generate one)");
  create->callback([flags, exit_code] { *exit_code = CreateUser(*flags); });
  auto backup = std::make_shared<std::pair<std::string, std::string>>("sqlite:refract.db", "");
  CLI::App* copy =
      admin->add_subcommand("backup", "Copy a SQLite store while it runs (online backup)");
  copy->add_option("--store", backup->first, "sqlite:PATH (default sqlite:refract.db)");
  copy->add_option("--to", backup->second, "the backup file (replaced if present)")->required();
  copy->callback([backup, exit_code] { *exit_code = Backup(backup->first, backup->second); });
}

void AddAuditCommand(CLI::App& app, int* exit_code) {
  CLI::App* audit = app.add_subcommand("audit", "Check the audit log of a Refract store");
  audit->require_subcommand(1);
  auto store = std::make_shared<std::string>("sqlite:refract.db");
  CLI::App* verify = audit->add_subcommand("verify", "Recompute the audit log's hash chain");
  verify->add_option("--store", *store, "sqlite:PATH (default) or a postgresql:// URI");
  verify->callback([store, exit_code] { *exit_code = VerifyAudit(*store); });
}

}  // namespace refract::cli
