// `refract serve`: the HTTP API v1 over the engine and a durable store (docs/server.md,
// docs/openapi.json). cpp-httplib (Debian libcpp-httplib-dev) serves requests from a thread pool;
// every handler is a thin adapter: parse, authorise, call the engine or the store, audit, reply.
//
// Errors are JSON: {"error": {"code": "invalid_argument", "message": "...", "details": [{"path":
// "$.treatments[0].end", "rule": "must not be before start (2025-03-01)"}]}} with the HTTP status
// of the code (include/refract/base/status.h) and the field paths the CLI prints.
//
// Shutdown (Stop, or SIGTERM/SIGINT in RunServer): the listening socket closes, requests already
// accepted finish, then the store is closed by its owner.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "refract/base/status.h"
#include "refract/cdshooks/config.h"
#include "refract/engine/engine.h"
#include "refract/server/clock.h"
#include "refract/server/login_throttle.h"
#include "refract/store/store.h"

namespace refract::server {

// What a patient reads when they answer a questionnaire link: where to get help now. Generic on
// purpose (numbers sourced in docs/server.md); a deployment sets its own local services.
inline constexpr const char* kDefaultCrisisText =
    "If you are thinking about ending your life or harming yourself, please get help now: call "
    "your local emergency number (999 in the UK, 112 in the EU, 911 in the US), or a crisis line "
    "such as Samaritans 116 123 (UK and Ireland) or 988 (Suicide & Crisis Lifeline, US). Your "
    "answers will be seen by your care team, but not straight away.";

struct ServerConfig {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0 = any free port (tests)
  // "sqlite:PATH" (the default, a single file) or "postgresql://..." (a libpq URI).
  std::string store = "sqlite:refract.db";
  std::string knowledge_dir;        // "" = the tables built into refract
  size_t max_body_bytes = 1 << 20;  // larger request bodies get 413
  int threads = 8;                  // worker threads
  // Requests served on one keep-alive connection before the server closes it: a connection holds a
  // worker until it closes, so a small number lets clients beyond `threads` take turns; with at
  // least as many workers as clients (e.g. an EHR's CDS Hooks pool) a larger one saves reconnects.
  int keep_alive_requests = 5;
  // Seconds a keep-alive connection may sit idle before the server closes it (and its worker is
  // free again). A client that sends a request just as the server closes sees a read error; with a
  // worker per client, a longer wait avoids that race.
  int keep_alive_seconds = 1;
  bool secure_cookies = false;  // add `Secure` to cookies (set behind a TLS proxy)
  std::chrono::seconds session_lifetime{8 * 60 * 60};
  ThrottleLimits throttle;
  std::string crisis_text = kDefaultCrisisText;  // shown with every questionnaire link
  // CDS Hooks (docs/cds-hooks.md): the configuration file, read by RunServer into `cds`; without
  // one the hook and feedback routes answer 503 (discovery still answers).
  std::string cds_config_file;
  std::shared_ptr<const cdshooks::CdsConfig> cds;
};

// A route as the OpenAPI document names it: method ("GET") and path template
// ("/api/v1/patients/{id}").
struct RouteName {
  std::string method;
  std::string path;
  friend bool operator==(const RouteName&, const RouteName&) = default;
};

// Overlays the REFRACT_* environment variables on `config` (docs/server.md lists them:
// REFRACT_HOST, REFRACT_PORT, REFRACT_STORE, REFRACT_KNOWLEDGE, REFRACT_MAX_BODY_BYTES,
// REFRACT_THREADS, REFRACT_KEEP_ALIVE_REQUESTS, REFRACT_KEEP_ALIVE_SECONDS, REFRACT_SECURE_COOKIES,
// REFRACT_CRISIS_TEXT,
// REFRACT_CDS_CONFIG). kInvalidArgument names the variable and the rule.
Status ApplyEnvironment(ServerConfig& config);

// The CDS Hooks configuration file (include/refract/cdshooks/config.h). kNotFound for an
// unreadable file; kInvalidArgument naming the file and the fields.
StatusOr<cdshooks::CdsConfig> LoadCdsConfig(const std::string& path);

// The store named by `config.store`. kInvalidArgument for an unknown scheme.
StatusOr<std::unique_ptr<store::Store>> OpenStore(const std::string& store_uri);

class Server {
 public:
  struct Impl;  // opaque: httplib, metrics, throttle and services (src/server/server.cc)

  // The engine, store and clock must outlive the server.
  Server(const ServerConfig& config, const Engine& engine, store::Store& store, const Clock& clock);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the socket; the bound port (useful with port 0). kUnavailable when it cannot bind.
  StatusOr<int> Bind();
  // Serves until Stop. REQUIRES: Bind succeeded.
  void Serve();
  // Stops accepting; requests in progress finish before Serve returns. Safe from any thread.
  void Stop();
  bool ready() const;
  // Every route served, in registration order (checked against docs/openapi.json by a test).
  const std::vector<RouteName>& routes() const;

 private:
  std::unique_ptr<Impl> impl_;
};

// `refract serve`: opens the store and the engine, serves until SIGTERM or SIGINT, then shuts down
// gracefully. Prints the address on standard error. Returns a process exit code.
int RunServer(const ServerConfig& config);

}  // namespace refract::server
