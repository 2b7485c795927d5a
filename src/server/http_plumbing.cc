// Replies, JSON errors, authentication and the route wrapper (src/server/api.h).
#include <algorithm>
#include <charconv>
#include <chrono>

#include "api.h"
#include "refract/server/secrets.h"
#include "request_bodies.h"

namespace refract::server::api {
namespace {

using nlohmann::json;

constexpr const char* kSessionCookie = "refract_session";

// The value of cookie `name` in a Cookie header ("a=1; refract_session=...").
std::string CookieValue(const std::string& header, const std::string& name) {
  size_t start = 0;
  while (start < header.size()) {
    size_t end = header.find(';', start);
    if (end == std::string::npos) end = header.size();
    std::string pair = header.substr(start, end - start);
    const size_t first = pair.find_first_not_of(' ');
    if (first != std::string::npos) pair = pair.substr(first);
    if (pair.rfind(name + "=", 0) == 0) return pair.substr(name.size() + 1);
    start = end + 1;
  }
  return "";
}

bool IsSafeMethod(const std::string& method) { return method == "GET" || method == "HEAD"; }

Status CheckAccess(const Principal& principal, Access access) {
  const auto require = [&](store::Role role, const char* name) {
    return principal.Has(role)
               ? Status::Ok()
               : Status::PermissionDenied(std::string("needs the ") + name + " role");
  };
  switch (access) {
    case Access::kClinician:
      return require(store::Role::kClinician, "clinician");
    case Access::kAdmin:
      return require(store::Role::kAdmin, "admin");
    case Access::kAuditor:
      return require(store::Role::kAuditor, "auditor");
    case Access::kPublic:
    case Access::kSignedIn:
      return Status::Ok();
  }
  return Status::Ok();
}

StatusOr<Reply> Dispatch(Services& services, Context& context, Access access,
                         const Handler& handler) {
  if (access != Access::kPublic) {
    context.principal = Authenticate(services, context.request);
    if (!context.principal) {
      return Status::Unauthenticated("sign in (POST /api/v1/session) or send a bearer token");
    }
    if (context.principal->credential_kind == "session" && !IsSafeMethod(context.request.method) &&
        !ConstantTimeEquals(context.request.get_header_value("X-CSRF-Token"),
                            context.principal->csrf_token)) {
      return Status::PermissionDenied(
          "missing or wrong X-CSRF-Token header (the csrf_token given at sign-in)");
    }
    if (Status allowed = CheckAccess(*context.principal, access); !allowed.ok()) return allowed;
  }
  try {  // the adapter edge: nothing thrown escapes into httplib
    return handler(context);
  } catch (const std::exception&) {
    return Status::Internal("the request could not be completed");
  }
}

}  // namespace

bool Principal::Has(store::Role role) const {
  return std::find(user.roles.begin(), user.roles.end(), role) != user.roles.end();
}

std::string Principal::RoleName(store::Role required) const {
  return Has(required) ? std::string(store::ToString(required)) : "";
}

Reply JsonReply(int status, const json& body) {
  return Reply{status, body.dump(), "application/json", {}};
}

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kUnauthenticated:
      return 401;
    case StatusCode::kPermissionDenied:
      return 403;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kAlreadyExists:
    case StatusCode::kConflict:
      return 409;
    case StatusCode::kFailedPrecondition:
      return 412;
    case StatusCode::kResourceExhausted:
      return 429;
    case StatusCode::kUnavailable:
      return 503;
    case StatusCode::kInternal:
      return 500;
  }
  return 500;
}

std::string ErrorBody(const Status& status) {
  json details = json::array();
  for (const FieldError& error : status.details()) {
    details.push_back({{"path", error.path}, {"rule", error.rule}});
  }
  return json{
      {"error",
       {{"code", ToString(status.code())}, {"message", status.message()}, {"details", details}}}}
      .dump();
}

StatusOr<std::optional<int64_t>> IntegerQuery(const Context& context, const std::string& name,
                                              int64_t min, int64_t max) {
  const std::string text = context.Query(name);
  if (text.empty()) return std::optional<int64_t>();
  int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    return Status::InvalidFields(
        {{name, "must be an integer from " + std::to_string(min) + " to " + std::to_string(max)}});
  }
  return std::optional<int64_t>(value);
}

StatusOr<json> ParseJsonObject(const httplib::Request& request) {
  if (Status depth = CheckJsonDepth(request.body); !depth.ok()) return depth;
  json body = json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded()) return Status::InvalidFields({{"$", "the body is not valid JSON"}});
  if (!body.is_object()) return Status::InvalidFields({{"$", "must be a JSON object"}});
  return body;
}

std::optional<Principal> Authenticate(Services& services, const httplib::Request& request) {
  std::string secret;
  std::string kind;
  const std::string authorization = request.get_header_value("Authorization");
  if (authorization.rfind("Bearer ", 0) == 0) {
    secret = authorization.substr(7);
    kind = "api_token";
  } else {
    secret = CookieValue(request.get_header_value("Cookie"), kSessionCookie);
    kind = "session";
  }
  if (secret.empty()) return std::nullopt;
  const std::string hash = Sha256Hex(secret);
  StatusOr<store::Credential> credential = services.store.FindCredential(hash);
  if (!credential.ok() || credential->revoked || credential->kind != kind) return std::nullopt;
  if (!credential->expires_at.empty() && credential->expires_at <= Iso8601(services.clock.Now())) {
    return std::nullopt;
  }
  StatusOr<store::User> user = services.store.GetUser(credential->user_id);
  if (!user.ok() || user->disabled) return std::nullopt;
  return Principal{std::move(*user), kind, hash, credential->csrf_token};
}

Status Audit(Services& services, const Context& context, const std::string& role,
             const std::string& action, const std::string& patient_id, int64_t version,
             const std::string& outcome, const std::string& username) {
  store::AuditEvent event;
  event.time = Iso8601(services.clock.Now());
  event.username = !username.empty()   ? username
                   : context.principal ? context.principal->user.username
                                       : "";
  event.role = role;
  event.action = action;
  event.patient_id = patient_id;
  event.version = version;
  event.address = context.address;
  event.outcome = outcome;
  StatusOr<store::AuditEvent> appended = services.store.AppendAudit(event);
  return appended.ok() ? Status::Ok() : appended.status();
}

void Routes::Add(const std::string& method, const std::string& pattern, const std::string& route,
                 Access access, Handler handler) {
  registry_.push_back({method, route});
  auto wrapped = [&services = services_, method, route, access, handler = std::move(handler)](
                     const httplib::Request& request, httplib::Response& response) {
    const auto start = std::chrono::steady_clock::now();
    services.metrics.RequestStarted();
    Context context{request, std::nullopt, request.remote_addr};
    StatusOr<Reply> reply = Dispatch(services, context, access, handler);
    std::string error_code;
    if (reply.ok()) {
      response.status = reply->status;
      for (const auto& [name, value] : reply->headers) {
        response.headers.erase(name);  // a route's header replaces the default one
        response.set_header(name, value);
      }
      response.set_content(reply->body, reply->content_type.c_str());
    } else {
      error_code = std::string(ToString(reply.status().code()));
      response.status = HttpStatusFor(reply.status().code());
      if (reply.status().code() == StatusCode::kUnauthenticated) {
        response.set_header("WWW-Authenticate", "Bearer realm=\"refract\"");
      }
      response.set_content(ErrorBody(reply.status()), "application/json");
    }
    services.metrics.RequestFinished();
    services.metrics.Record(route, method, response.status, error_code,
                            std::chrono::steady_clock::now() - start);
  };
  if (method == "GET") {
    http_.Get(pattern, wrapped);
  } else if (method == "POST") {
    http_.Post(pattern, wrapped);
  } else if (method == "PUT") {
    http_.Put(pattern, wrapped);
  } else if (method == "PATCH") {
    http_.Patch(pattern, wrapped);
  } else {
    http_.Delete(pattern, wrapped);
  }
}

}  // namespace refract::server::api
