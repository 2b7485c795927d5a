// The pieces every route file shares (private to refract::server): the services a handler may use,
// the request context with the signed-in principal, replies, JSON errors and the route table that
// wraps each handler with authentication, CSRF checks, metrics and error mapping.
#pragma once

#include <httplib.h>

#include <atomic>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "refract/engine/engine.h"
#include "refract/server/login_throttle.h"
#include "refract/server/metrics.h"
#include "refract/server/server.h"
#include "refract/store/store.h"

namespace refract::server::api {

struct Services {
  const Engine& engine;
  store::Store& store;
  const Clock& clock;
  const ServerConfig& config;
  LoginThrottle& throttle;
  Metrics& metrics;
  std::atomic<bool>& stopping;
};

struct Principal {
  store::User user;
  std::string credential_kind;  // "session" or "api_token"
  std::string token_hash;
  std::string csrf_token;  // sessions only

  bool Has(store::Role role) const;
  // The role an audit row records: the first of the user's roles that `required` names.
  std::string RoleName(store::Role required) const;
};

struct Context {
  const httplib::Request& request;
  std::optional<Principal> principal;
  std::string address;

  // The i-th capture of the route pattern (1-based, as std::smatch).
  std::string Param(size_t index) const { return request.matches[index].str(); }
  // A query parameter, or "".
  std::string Query(const std::string& name) const {
    return request.has_param(name) ? request.get_param_value(name) : "";
  }
};

struct Reply {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
};

Reply JsonReply(int status, const nlohmann::json& body);

// The HTTP status for a Status code (include/refract/base/status.h).
int HttpStatusFor(StatusCode code);
// {"error": {"code", "message", "details": [{"path", "rule"}]}}
std::string ErrorBody(const Status& status);

// Query parameter `name` as an integer in [min, max], or nullopt when absent. kInvalidArgument
// (path `name`) for anything else: no sign, spaces, suffix or overflow is accepted.
StatusOr<std::optional<int64_t>> IntegerQuery(const Context& context, const std::string& name,
                                              int64_t min, int64_t max);

// The body as a JSON object. kInvalidArgument with path "$" when it is not JSON, not an object or
// nested too deep (request_bodies.h CheckJsonDepth).
StatusOr<nlohmann::json> ParseJsonObject(const httplib::Request& request);

enum class Access { kPublic, kSignedIn, kClinician, kAdmin, kAuditor };

using Handler = std::function<StatusOr<Reply>(Context&)>;

class Routes {
 public:
  Routes(httplib::Server& http, Services& services, std::vector<RouteName>& registry)
      : http_(http), services_(services), registry_(registry) {}
  // `pattern` is a regular expression over the path; `route` the name in metrics, the OpenAPI
  // document and the registry.
  void Add(const std::string& method, const std::string& pattern, const std::string& route,
           Access access, Handler handler);

 private:
  httplib::Server& http_;
  Services& services_;
  std::vector<RouteName>& registry_;
};

// Appends one audit row for the request; a failed append is returned (the caller fails the
// request: no patient data is served without its audit row). `username` overrides the principal's
// (a sign-in attempt names the account tried).
Status Audit(Services& services, const Context& context, const std::string& role,
             const std::string& action, const std::string& patient_id, int64_t version,
             const std::string& outcome, const std::string& username = "");

// The signed-in user from the session cookie or the bearer token; nullopt when neither is valid.
std::optional<Principal> Authenticate(Services& services, const httplib::Request& request);

// Route groups, one file each.
void AddHealthRoutes(Routes& routes, Services& services);
void AddAccountRoutes(Routes& routes, Services& services);
void AddPatientRoutes(Routes& routes, Services& services);
void AddRecordRoutes(Routes& routes, Services& services);
void AddComputeRoutes(Routes& routes, Services& services);
void AddAuditRoutes(Routes& routes, Services& services);
void AddQuestionnaireRoutes(Routes& routes, Services& services);
// The FHIR R4 import (fhir_routes.cc): a Bundle in, a record and its mapping report out.
void AddFhirRoutes(Routes& routes, Services& services);
// The FHIR R4 export of a stored patient (fhir_export_routes.cc).
void AddFhirExportRoutes(Routes& routes, Services& services);
// CDS Hooks: discovery, hook calls and feedback (cds_routes.cc).
void AddCdsRoutes(Routes& routes, Services& services);
// The web app's pages and files (web_routes.cc).
void AddWebRoutes(Routes& routes);

}  // namespace refract::server::api
