#include "serve_command.h"

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <optional>

#include "cli_common.h"
#include "record_input.h"
#include "refract/server/accounts.h"
#include "refract/server/secrets.h"
#include "refract/server/server.h"

namespace refract::cli {
namespace {

struct ServeFlags {
  std::optional<std::string> host;
  std::optional<int> port;
  std::optional<std::string> store;
  std::optional<std::string> knowledge;
  std::optional<size_t> max_body_bytes;
  std::optional<int> threads;
  std::optional<int> keep_alive_requests;
  std::optional<int> keep_alive_seconds;
  std::optional<std::string> crisis_text;
  std::optional<std::string> cds_config;
  bool secure_cookies = false;
  bool demo = false;
  std::string demo_records = "examples";
};

void Overlay(const ServeFlags& flags, server::ServerConfig& config) {
  if (flags.host) config.host = *flags.host;
  if (flags.port) config.port = *flags.port;
  if (flags.store) config.store = *flags.store;
  if (flags.knowledge) config.knowledge_dir = *flags.knowledge;
  if (flags.max_body_bytes) config.max_body_bytes = *flags.max_body_bytes;
  if (flags.threads) config.threads = *flags.threads;
  if (flags.keep_alive_requests) config.keep_alive_requests = *flags.keep_alive_requests;
  if (flags.keep_alive_seconds) config.keep_alive_seconds = *flags.keep_alive_seconds;
  if (flags.secure_cookies) config.secure_cookies = true;
  if (flags.crisis_text) config.crisis_text = *flags.crisis_text;
  if (flags.cds_config) config.cds_config_file = *flags.cds_config;
}

// A fresh SQLite file in a new temporary directory, seeded with the demo records and accounts.
int PrepareDemo(const ServeFlags& flags, server::ServerConfig& config) {
  std::string directory = (std::filesystem::temp_directory_path() / "refract-demo-XXXXXX").string();
  if (!mkdtemp(directory.data())) {
    fmt::print(stderr, "refract serve --demo: cannot create a temporary directory\n");
    return kExitInvalidInput;
  }
  config.store = "sqlite:" + directory + "/refract-demo.db";
  StatusOr<Engine> engine = LoadEngine(config.knowledge_dir);
  StatusOr<std::unique_ptr<store::Store>> store =
      engine.ok() ? server::OpenStore(config.store)
                  : StatusOr<std::unique_ptr<store::Store>>(engine.status());
  if (!store.ok()) {
    fmt::print(stderr, "refract serve --demo: {}\n", store.status().message());
    return kExitInvalidInput;
  }
  server::SystemClock clock;
  StatusOr<server::DemoSeed> seed = server::SeedDemo(*engine, **store, clock, flags.demo_records);
  if (!seed.ok()) {
    fmt::print(stderr, "refract serve --demo: {}\n", seed.status().message());
    return kExitInvalidInput;
  }
  fmt::print("Refract demo: {} synthetic records loaded into {}\n", seed->loaded.size(),
             config.store);
  fmt::print("One-time passwords (shown only now; sign in at POST /api/v1/session):\n");
  for (const server::CreatedAccount& account : seed->accounts) {
    fmt::print("  {:<10} {}\n", account.user.username, account.password);
  }
  std::fflush(stdout);
  return kExitOk;
}

int RunServe(const ServeFlags& flags) {
  server::ServerConfig config;
  if (Status environment = server::ApplyEnvironment(config); !environment.ok()) {
    fmt::print(stderr, "refract serve: {}\n", environment.message());
    return kExitUsage;
  }
  Overlay(flags, config);
  if (Status secrets = server::InitSecrets(); !secrets.ok()) {
    fmt::print(stderr, "refract serve: {}\n", secrets.message());
    return kExitInvalidInput;
  }
  if (flags.demo) {
    if (int prepared = PrepareDemo(flags, config); prepared != kExitOk) return prepared;
  }
  return server::RunServer(config) == 0 ? kExitOk : kExitInvalidInput;
}

}  // namespace

void AddServeCommand(CLI::App& app, int* exit_code) {
  auto flags = std::make_shared<ServeFlags>();
  CLI::App* command = app.add_subcommand(
      "serve", "Serve the HTTP API v1 over a durable patient store (docs/server.md)");
  command->add_option("--host", flags->host, "address to listen on (default 127.0.0.1)");
  command->add_option("--port", flags->port, "port (default 8080; 0 = any free port)")
      ->check(CLI::Range(0, 65535));
  command->add_option("--store", flags->store,
                      "sqlite:PATH (default sqlite:refract.db) or a postgresql:// URI");
  command->add_option("--knowledge", flags->knowledge, "directory with knowledge tables");
  command->add_option("--max-body-bytes", flags->max_body_bytes,
                      "largest request body accepted (default 1 MiB)");
  command->add_option("--threads", flags->threads, "worker threads (default 8)")
      ->check(CLI::Range(1, 256));
  command
      ->add_option("--keep-alive-requests", flags->keep_alive_requests,
                   "requests per keep-alive connection before it is closed (default 5)")
      ->check(CLI::Range(1, 10000));
  command
      ->add_option("--keep-alive-seconds", flags->keep_alive_seconds,
                   "seconds a keep-alive connection may sit idle before it is closed (default 1)")
      ->check(CLI::Range(1, 300));
  command->add_option("--crisis-text", flags->crisis_text,
                      "what a patient answering a questionnaire link reads about getting help now "
                      "(default: generic emergency and crisis-line numbers)");
  command->add_option("--cds-config", flags->cds_config,
                      "CDS Hooks configuration (JSON: public URL, app URL, trusted issuers and "
                      "their JWKS; docs/cds-hooks.md)");
  command->add_flag("--secure-cookies", flags->secure_cookies,
                    "mark cookies Secure (behind a TLS reverse proxy)");
  command->add_flag("--demo", flags->demo,
                    "fresh SQLite store with the synthetic examples and one-time passwords");
  command->add_option("--demo-records", flags->demo_records,
                      "directory of records for --demo (default examples)");
  command->callback([flags, exit_code] { *exit_code = RunServe(*flags); });
}

}  // namespace refract::cli
