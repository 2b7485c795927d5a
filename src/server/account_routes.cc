// Sign-in, sign-out, the signed-in user, users (admins) and API tokens.
//
// POST /api/v1/session {username, password}: throttled (login_throttle.h); on success a session
// cookie (HttpOnly, SameSite=Strict, Secure when configured) and the CSRF token the browser sends
// back in X-CSRF-Token with every unsafe request. Wrong username and wrong password give the same
// 401, and every attempt is audited.
#include <fmt/format.h>

#include "api.h"
#include "refract/server/secrets.h"
#include "request_bodies.h"

namespace refract::server::api {
namespace {

using nlohmann::json;

json UserJson(const store::User& user) {
  json roles = json::array();
  for (store::Role role : user.roles) roles.push_back(store::ToString(role));
  return {{"id", user.id},     {"username", user.username}, {"roles", roles},
          {"team", user.team}, {"disabled", user.disabled}, {"created_at", user.created_at}};
}

std::string SessionCookie(const ServerConfig& config, const std::string& secret) {
  return fmt::format("refract_session={}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}", secret,
                     config.session_lifetime.count(), config.secure_cookies ? "; Secure" : "");
}

StatusOr<Reply> SignIn(Services& services, Context& context) {
  StatusOr<json> body = ParseJsonObject(context.request);
  if (!body.ok()) return body.status();
  StatusOr<SignInBody> sign_in = ReadSignIn(*body);
  if (!sign_in.ok()) return sign_in.status();
  const std::string& username = sign_in->username;
  const std::string& password = sign_in->password;
  const TimePoint now = services.clock.Now();
  const auto wait = services.throttle.RetryAfter(username, context.address, now);
  if (wait.count() > 0) {
    if (Status audited =
            Audit(services, context, "", "session.create", "", 0, "throttled", username);
        !audited.ok()) {
      return audited;
    }
    Reply reply{429,
                ErrorBody(Status::ResourceExhausted("too many failed sign-ins; try again later")),
                "application/json",
                {{"Retry-After", std::to_string(wait.count())}}};
    return reply;
  }
  StatusOr<store::User> user = services.store.FindUser(username);
  // One password verification for every attempt: the time taken must not tell an unknown or
  // disabled account from a wrong password (OWASP Authentication Cheat Sheet, "Authentication
  // Responses").
  const bool verified =
      VerifyPassword(password, user.ok() ? user->password_hash : DecoyPasswordHash());
  if (!user.ok() || user->disabled || !verified) {
    services.throttle.RecordFailure(username, context.address, now);
    context.principal.reset();
    if (Status audited = Audit(services, context, "", "session.create", "", 0, "denied", username);
        !audited.ok()) {
      return audited;
    }
    return Status::Unauthenticated("wrong username or password");
  }
  services.throttle.RecordSuccess(username);
  const std::string secret = NewSecret();
  store::Credential credential;
  credential.token_hash = Sha256Hex(secret);
  credential.user_id = user->id;
  credential.kind = "session";
  credential.csrf_token = NewSecret();
  credential.created_at = Iso8601(now);
  credential.expires_at = Iso8601(now + services.config.session_lifetime);
  if (Status added = services.store.AddCredential(credential); !added.ok()) return added;
  context.principal = Principal{*user, "session", credential.token_hash, credential.csrf_token};
  if (Status audited = Audit(services, context, "", "session.create", "", 0, "ok"); !audited.ok()) {
    return audited;
  }
  Reply reply = JsonReply(201, {{"user", UserJson(*user)},
                                {"csrf_token", credential.csrf_token},
                                {"expires_at", credential.expires_at}});
  reply.headers.emplace_back("Set-Cookie", SessionCookie(services.config, secret));
  return reply;
}

StatusOr<Reply> SignOut(Services& services, Context& context) {
  if (Status revoked = services.store.RevokeCredential(context.principal->token_hash);
      !revoked.ok()) {
    return revoked;
  }
  Reply reply{204, "", "application/json", {}};
  reply.headers.emplace_back("Set-Cookie",
                             "refract_session=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
  return reply;
}

StatusOr<Reply> CreateUser(Services& services, Context& context) {
  StatusOr<json> body = ParseJsonObject(context.request);
  if (!body.ok()) return body.status();
  StatusOr<NewUserBody> request = ReadNewUser(*body);
  if (!request.ok()) return request.status();
  StatusOr<std::string> hash = HashPassword(request->password);
  if (!hash.ok()) return hash.status();
  store::User user;
  user.username = request->username;
  user.password_hash = *hash;
  user.roles = request->roles;
  user.team = request->team;
  user.created_at = Iso8601(services.clock.Now());
  StatusOr<store::User> created = services.store.CreateUser(user);
  if (!created.ok()) return created.status();
  if (Status audited = Audit(services, context, "admin", "user.create", "", 0, "ok");
      !audited.ok()) {
    return audited;
  }
  return JsonReply(201, UserJson(*created));
}

// A new password ends every session and API token of the account: a reset after a compromise
// must lock out whoever held the old credentials (OWASP Session Management Cheat Sheet,
// "Renew the Session ID After Any Privilege Level Change").
Status RevokeAllCredentials(Services& services, int64_t user_id) {
  StatusOr<std::vector<store::Credential>> credentials = services.store.ListCredentials(user_id);
  if (!credentials.ok()) return credentials.status();
  for (const store::Credential& credential : *credentials) {
    if (credential.revoked) continue;
    if (Status revoked = services.store.RevokeCredential(credential.token_hash); !revoked.ok()) {
      return revoked;
    }
  }
  return Status::Ok();
}

StatusOr<Reply> UpdateUser(Services& services, Context& context) {
  StatusOr<json> body = ParseJsonObject(context.request);
  if (!body.ok()) return body.status();
  StatusOr<UserUpdateBody> update = ReadUserUpdate(*body);
  if (!update.ok()) return update.status();
  StatusOr<store::User> user = services.store.GetUser(std::stoll(context.Param(1)));
  if (!user.ok()) return user.status();
  if (update->roles) user->roles = *update->roles;
  if (update->team) user->team = *update->team;
  if (update->disabled) user->disabled = *update->disabled;
  if (update->password) {
    StatusOr<std::string> hash = HashPassword(*update->password);
    if (!hash.ok()) return hash.status();
    user->password_hash = *hash;
  }
  StatusOr<store::User> updated = services.store.UpdateUser(*user);
  if (!updated.ok()) return updated.status();
  if (update->password) {
    if (Status revoked = RevokeAllCredentials(services, updated->id); !revoked.ok()) return revoked;
  }
  if (Status audited = Audit(services, context, "admin", "user.update", "", 0, "ok");
      !audited.ok()) {
    return audited;
  }
  return JsonReply(200, UserJson(*updated));
}

StatusOr<Reply> ListUsers(Services& services, Context&) {
  StatusOr<std::vector<store::User>> users = services.store.ListUsers();
  if (!users.ok()) return users.status();
  json list = json::array();
  for (const store::User& user : *users) list.push_back(UserJson(user));
  return JsonReply(200, {{"users", list}});
}

// An API token for the signed-in user: the secret is shown once; only its hash is kept.
StatusOr<Reply> CreateToken(Services& services, Context& context) {
  StatusOr<json> body = ParseJsonObject(context.request);
  if (!body.ok()) return body.status();
  StatusOr<std::string> name = ReadTokenName(*body);
  if (!name.ok()) return name.status();
  const std::string secret = NewSecret();
  store::Credential credential;
  credential.token_hash = Sha256Hex(secret);
  credential.user_id = context.principal->user.id;
  credential.kind = "api_token";
  credential.name = *name;
  credential.created_at = Iso8601(services.clock.Now());
  if (Status added = services.store.AddCredential(credential); !added.ok()) return added;
  if (Status audited = Audit(services, context, "", "token.create", "", 0, "ok"); !audited.ok()) {
    return audited;
  }
  return JsonReply(201, {{"id", credential.token_hash.substr(0, 16)},
                         {"name", *name},
                         {"token", secret},
                         {"note", "shown once: store it now"}});
}

StatusOr<Reply> ListTokens(Services& services, Context& context) {
  StatusOr<std::vector<store::Credential>> credentials =
      services.store.ListCredentials(context.principal->user.id);
  if (!credentials.ok()) return credentials.status();
  json list = json::array();
  for (const store::Credential& credential : *credentials) {
    if (credential.kind != "api_token") continue;
    list.push_back({{"id", credential.token_hash.substr(0, 16)},
                    {"name", credential.name},
                    {"created_at", credential.created_at},
                    {"revoked", credential.revoked}});
  }
  return JsonReply(200, {{"tokens", list}});
}

StatusOr<Reply> RevokeToken(Services& services, Context& context) {
  StatusOr<std::vector<store::Credential>> credentials =
      services.store.ListCredentials(context.principal->user.id);
  if (!credentials.ok()) return credentials.status();
  for (const store::Credential& credential : *credentials) {
    if (credential.kind == "api_token" && credential.token_hash.substr(0, 16) == context.Param(1)) {
      if (Status revoked = services.store.RevokeCredential(credential.token_hash); !revoked.ok()) {
        return revoked;
      }
      if (Status audited = Audit(services, context, "", "token.revoke", "", 0, "ok");
          !audited.ok()) {
        return audited;
      }
      return Reply{204, "", "application/json", {}};
    }
  }
  return Status::NotFound("no such token");
}

}  // namespace

void AddAccountRoutes(Routes& routes, Services& services) {
  auto bind = [&services](StatusOr<Reply> (*handler)(Services&, Context&)) {
    return [&services, handler](Context& context) { return handler(services, context); };
  };
  routes.Add("POST", "/api/v1/session", "/api/v1/session", Access::kPublic, bind(SignIn));
  routes.Add("DELETE", "/api/v1/session", "/api/v1/session", Access::kSignedIn, bind(SignOut));
  routes.Add("GET", "/api/v1/me", "/api/v1/me", Access::kSignedIn,
             [](Context& context) -> StatusOr<Reply> {
               json me = UserJson(context.principal->user);
               // A browser session learns its CSRF token again after a page reload (the cookie is
               // HttpOnly, and another origin cannot read this response).
               if (context.principal->credential_kind == "session") {
                 me["csrf_token"] = context.principal->csrf_token;
               }
               return JsonReply(200, me);
             });
  routes.Add("GET", "/api/v1/users", "/api/v1/users", Access::kAdmin, bind(ListUsers));
  routes.Add("POST", "/api/v1/users", "/api/v1/users", Access::kAdmin, bind(CreateUser));
  routes.Add("PATCH", R"(/api/v1/users/(\d{1,18}))", "/api/v1/users/{id}", Access::kAdmin,
             bind(UpdateUser));
  routes.Add("GET", "/api/v1/tokens", "/api/v1/tokens", Access::kSignedIn, bind(ListTokens));
  routes.Add("POST", "/api/v1/tokens", "/api/v1/tokens", Access::kSignedIn, bind(CreateToken));
  routes.Add("DELETE", "/api/v1/tokens/([0-9a-f]{16})", "/api/v1/tokens/{id}", Access::kSignedIn,
             bind(RevokeToken));
}

}  // namespace refract::server::api
