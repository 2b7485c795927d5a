// Wiring of `refract serve` (include/refract/server/server.h): cpp-httplib settings, the route
// groups, JSON bodies for httplib's own errors, configuration from the environment, the store
// chosen by URI, and graceful shutdown on SIGTERM/SIGINT.
#include "refract/server/server.h"

#include <fmt/format.h>
#include <httplib.h>
#include <pthread.h>
#include <sys/socket.h>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <thread>

#include "api.h"
#include "refract/server/secrets.h"
#include "refract/store/postgres_store.h"
#include "refract/store/sqlite_store.h"

namespace refract::server {

struct Server::Impl {
  Impl(const ServerConfig& server_config, const Engine& engine, store::Store& store,
       const Clock& clock)
      : config(server_config), throttle(server_config.throttle), services{engine,   store,
                                                                          clock,    config,
                                                                          throttle, metrics,
                                                                          stopping} {}

  ServerConfig config;
  Metrics metrics;
  LoginThrottle throttle;
  std::atomic<bool> stopping{false};
  std::atomic<bool> bound{false};
  std::atomic<bool> serving{false};
  int listening_socket = -1;  // recorded by the socket options hook during Bind
  api::Services services;
  httplib::Server http;
  std::vector<RouteName> routes;
};

namespace {

// httplib answers some requests itself (no route: 404, body too large: 413, unreadable: 400):
// give them the JSON error shape too. Routes' own errors already have a body.
httplib::Server::HandlerResponse JsonErrorForEmptyBody(const httplib::Request&,
                                                       httplib::Response& response) {
  if (!response.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
  Status status = Status::Internal("the request could not be completed");
  if (response.status == 404) status = Status::NotFound("no such route");
  if (response.status == 413) {
    status = Status::ResourceExhausted("the request body is larger than the server accepts");
  }
  if (response.status == 400) status = Status::InvalidFields({{"$", "malformed HTTP request"}});
  if (response.status == 405) status = Status::InvalidArgument("method not allowed");
  response.set_content(api::ErrorBody(status), "application/json");
  return httplib::Server::HandlerResponse::Handled;
}

void Configure(Server::Impl& impl) {
  httplib::Server& http = impl.http;
  const int threads = impl.config.threads;
  http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  http.set_payload_max_length(impl.config.max_body_bytes);
  http.set_socket_options([&impl](socket_t socket) {
    httplib::default_socket_options(socket);
    impl.listening_socket = socket;
  });
  // On every response, the routes' and httplib's own errors alike (OWASP REST Security Cheat
  // Sheet, "Security Headers"): nothing cached, no content sniffing, never framed or rendered as
  // a page with scripts.
  http.set_default_headers(
      {{"Cache-Control", "no-store"},
       {"X-Content-Type-Options", "nosniff"},
       {"X-Frame-Options", "DENY"},
       {"Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'"}});
  // A response is written as headers, then body: without TCP_NODELAY, Nagle's algorithm holds
  // the body back until the client's (delayed, up to 40 ms) ACK of the headers arrives.
  http.set_tcp_nodelay(true);
  http.set_read_timeout(std::chrono::seconds(10));
  http.set_write_timeout(std::chrono::seconds(10));
  // cpp-httplib gives a keep-alive connection one worker until it closes: a short life per
  // connection (by default 5 requests, 1 s idle) lets clients beyond the worker count take their
  // turn instead of waiting for another client to disconnect.
  http.set_keep_alive_max_count(static_cast<size_t>(impl.config.keep_alive_requests));
  http.set_keep_alive_timeout(impl.config.keep_alive_seconds);
  http.set_error_handler(httplib::Server::HandlerWithResponse(JsonErrorForEmptyBody));
  http.set_exception_handler(
      [](const httplib::Request&, httplib::Response& response, std::exception_ptr) {
        response.status = 500;
        response.set_content(api::ErrorBody(Status::Internal("the request could not be completed")),
                             "application/json");
      });
  api::Routes routes(http, impl.services, impl.routes);
  api::AddHealthRoutes(routes, impl.services);
  api::AddAccountRoutes(routes, impl.services);
  api::AddPatientRoutes(routes, impl.services);
  api::AddRecordRoutes(routes, impl.services);
  api::AddComputeRoutes(routes, impl.services);
  api::AddAuditRoutes(routes, impl.services);
  api::AddQuestionnaireRoutes(routes, impl.services);
  api::AddFhirRoutes(routes, impl.services);
  api::AddFhirExportRoutes(routes, impl.services);
  api::AddCdsRoutes(routes, impl.services);
  api::AddWebRoutes(routes);
}

// The environment variable `name`'s value `text` as an integer from `min` to `max`.
StatusOr<int> ParseInRange(const char* name, const char* text, int min, int max) {
  char* end = nullptr;
  const long value = std::strtol(text, &end, 10);
  if (end == text || *end != '\0' || value < min || value > max) {
    return Status::InvalidArgument(
        fmt::format("{}: must be an integer from {} to {}", name, min, max));
  }
  return static_cast<int>(value);
}

}  // namespace

Status ApplyEnvironment(ServerConfig& config) {
  if (const char* host = std::getenv("REFRACT_HOST")) config.host = host;
  if (const char* store = std::getenv("REFRACT_STORE")) config.store = store;
  if (const char* knowledge = std::getenv("REFRACT_KNOWLEDGE")) config.knowledge_dir = knowledge;
  if (const char* port = std::getenv("REFRACT_PORT")) {
    StatusOr<int> value = ParseInRange("REFRACT_PORT", port, 0, 65535);
    if (!value.ok()) return value.status();
    config.port = *value;
  }
  if (const char* limit = std::getenv("REFRACT_MAX_BODY_BYTES")) {
    StatusOr<int> value = ParseInRange("REFRACT_MAX_BODY_BYTES", limit, 0, 64 << 20);
    if (!value.ok()) return value.status();
    config.max_body_bytes = static_cast<size_t>(*value);
  }
  if (const char* threads = std::getenv("REFRACT_THREADS")) {
    StatusOr<int> value = ParseInRange("REFRACT_THREADS", threads, 1, 256);
    if (!value.ok()) return value.status();
    config.threads = *value;
  }
  if (const char* requests = std::getenv("REFRACT_KEEP_ALIVE_REQUESTS")) {
    StatusOr<int> value = ParseInRange("REFRACT_KEEP_ALIVE_REQUESTS", requests, 1, 10000);
    if (!value.ok()) return value.status();
    config.keep_alive_requests = *value;
  }
  if (const char* seconds = std::getenv("REFRACT_KEEP_ALIVE_SECONDS")) {
    StatusOr<int> value = ParseInRange("REFRACT_KEEP_ALIVE_SECONDS", seconds, 1, 300);
    if (!value.ok()) return value.status();
    config.keep_alive_seconds = *value;
  }
  if (const char* secure = std::getenv("REFRACT_SECURE_COOKIES")) {
    config.secure_cookies = std::string(secure) == "1" || std::string(secure) == "true";
  }
  if (const char* cds = std::getenv("REFRACT_CDS_CONFIG")) config.cds_config_file = cds;
  if (const char* crisis = std::getenv("REFRACT_CRISIS_TEXT")) {
    if (std::string(crisis).empty()) {
      return Status::InvalidArgument("REFRACT_CRISIS_TEXT: must not be empty");
    }
    config.crisis_text = crisis;
  }
  return Status::Ok();
}

StatusOr<cdshooks::CdsConfig> LoadCdsConfig(const std::string& path) {
  std::ifstream file(path);
  if (!file)
    return Status::NotFound(fmt::format("cannot read the CDS Hooks configuration {}", path));
  const nlohmann::json document = nlohmann::json::parse(file, nullptr, false);
  if (document.is_discarded()) {
    return Status::InvalidFields({{"$", fmt::format("{} is not JSON", path)}});
  }
  StatusOr<cdshooks::CdsConfig> config = cdshooks::ParseCdsConfig(document);
  if (!config.ok()) return config.status().WithPrefix(path + ": ");
  return config;
}

StatusOr<std::unique_ptr<store::Store>> OpenStore(const std::string& store_uri) {
  if (store_uri.rfind("sqlite:", 0) == 0) return store::OpenSqliteStore(store_uri.substr(7));
  if (store_uri.rfind("postgresql://", 0) == 0 || store_uri.rfind("postgres://", 0) == 0) {
    return store::OpenPostgresStore(store_uri);
  }
  return Status::InvalidArgument("--store: must be sqlite:PATH or a postgresql:// URI (got '" +
                                 store_uri + "')");
}

Server::Server(const ServerConfig& config, const Engine& engine, store::Store& store,
               const Clock& clock)
    : impl_(std::make_unique<Impl>(config, engine, store, clock)) {
  Configure(*impl_);
}

Server::~Server() = default;

StatusOr<int> Server::Bind() {
  const std::string& host = impl_->config.host;
  int port = impl_->config.port;
  if (port == 0) {
    port = impl_->http.bind_to_any_port(host);
  } else if (!impl_->http.bind_to_port(host, port)) {
    port = -1;
  }
  if (port < 0) {
    return Status::Unavailable(fmt::format("cannot listen on {}:{}", host, impl_->config.port));
  }
  // Debian's cpp-httplib 0.11 is built to listen with a backlog of 5 (CPPHTTPLIB_LISTEN_BACKLOG):
  // a pool of clients connecting at once overflows it, and the kernel drops their handshakes
  // (a stall of a 1-second SYN retransmit, or a reset). listen(2) again on the bound socket raises
  // the backlog (to net.core.somaxconn at most).
  if (::listen(impl_->listening_socket, SOMAXCONN) != 0) {
    return Status::Unavailable(fmt::format("cannot listen on {}:{}", host, port));
  }
  impl_->bound = true;
  return port;
}

// Serve and Stop may race (a stop requested while Serve is still starting): each announces itself
// before looking at the other (seq_cst atomics), so either Serve sees `stopping` and never listens,
// or Stop sees `serving` and waits until httplib is running before stopping it.
void Server::Serve() {
  impl_->serving = true;
  if (!impl_->stopping) impl_->http.listen_after_bind();
  impl_->serving = false;
}

void Server::Stop() {
  impl_->stopping = true;
  while (impl_->serving && !impl_->http.is_running()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  impl_->http.stop();
}

const std::vector<RouteName>& Server::routes() const { return impl_->routes; }

bool Server::ready() const { return impl_->bound && !impl_->stopping && impl_->http.is_running(); }

int RunServer(const ServerConfig& given_config) {
  ServerConfig config = given_config;
  if (!config.cds_config_file.empty() && config.cds == nullptr) {
    StatusOr<cdshooks::CdsConfig> cds = LoadCdsConfig(config.cds_config_file);
    if (!cds.ok()) {
      fmt::print(stderr, "refract serve: {}\n", cds.status().message());
      return 1;
    }
    config.cds = std::make_shared<const cdshooks::CdsConfig>(std::move(*cds));
  }
  if (Status secrets = InitSecrets(); !secrets.ok()) {
    fmt::print(stderr, "refract serve: {}\n", secrets.message());
    return 1;
  }
  StatusOr<Engine> engine = config.knowledge_dir.empty() ? Engine::Create(EmbeddedKnowledgeSource())
                                                         : [&]() -> StatusOr<Engine> {
    StatusOr<KnowledgeSource> source = ReadKnowledgeSource(config.knowledge_dir);
    if (!source.ok()) return source.status();
    return Engine::Create(*source);
  }();
  if (!engine.ok()) {
    fmt::print(stderr, "refract serve: knowledge tables invalid:\n{}\n", engine.status().message());
    return 1;
  }
  StatusOr<std::unique_ptr<store::Store>> store = OpenStore(config.store);
  if (!store.ok()) {
    fmt::print(stderr, "refract serve: store: {}\n", store.status().message());
    return 1;
  }
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // every thread started below inherits it
  SystemClock clock;
  Server server(config, *engine, **store, clock);
  StatusOr<int> port = server.Bind();
  if (!port.ok()) {
    fmt::print(stderr, "refract serve: {}\n", port.status().message());
    return 1;
  }
  std::atomic<bool> served{false};
  std::thread waiter([&] {
    const timespec tick{0, 200'000'000};
    while (!served.load()) {
      if (sigtimedwait(&signals, nullptr, &tick) > 0) {
        server.Stop();
        return;
      }
    }
  });
  fmt::print(stderr, "refract serve: listening on http://{}:{} (store {})\n", config.host, *port,
             config.store.rfind("sqlite:", 0) == 0 ? config.store : "postgresql");
  server.Serve();
  served = true;
  waiter.join();
  fmt::print(stderr, "refract serve: stopped; requests in progress finished\n");
  return 0;
}

}  // namespace refract::server
