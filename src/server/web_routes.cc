// The web app's pages and files (refract::web, embedded at build time): GET / redirects to the
// clinician app at /app/, /q/ is the patient questionnaire. Public: the files hold no patient data
// (the app reads everything through the API with the user's session). The content security policy
// allows only this server's own scripts, styles and API (OWASP Content Security Policy Cheat
// Sheet): no inline script, no other origin, never framed.
#include "api.h"
#include "refract/web/assets.h"

namespace refract::server::api {
namespace {

constexpr const char* kPagePolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

StatusOr<Reply> AssetReply(const std::string& path) {
  std::optional<web::Asset> asset = web::FindAsset(path);
  if (!asset) return Status::NotFound("no such page");
  std::string type(asset->content_type);
  if (type.starts_with("text/")) type += "; charset=utf-8";
  Reply reply{200, std::string(asset->body), type, {}};
  reply.headers = {{"Content-Security-Policy", kPagePolicy},
                   {"Cache-Control", "no-cache"},
                   {"Referrer-Policy", "no-referrer"}};
  return reply;
}

Reply Redirect(const std::string& location) {
  Reply reply{302, "Redirecting to " + location, "text/plain", {}};
  reply.headers.emplace_back("Location", location);
  return reply;
}

}  // namespace

void AddWebRoutes(Routes& routes) {
  routes.Add("GET", "/", "/", Access::kPublic,
             [](Context&) -> StatusOr<Reply> { return Redirect("/app/"); });
  routes.Add("GET", "/app/", "/app/", Access::kPublic,
             [](Context&) -> StatusOr<Reply> { return AssetReply("app/index.html"); });
  routes.Add("GET", R"(/app/([A-Za-z0-9_\-./]+))", "/app/{file}", Access::kPublic,
             [](Context& context) -> StatusOr<Reply> {
               const std::string file = context.Param(1);
               if (file.find("..") != std::string::npos) return Status::NotFound("no such page");
               return AssetReply("app/" + file);
             });
  routes.Add("GET", "/q/", "/q/", Access::kPublic,
             [](Context&) -> StatusOr<Reply> { return AssetReply("q/index.html"); });
  routes.Add(
      "GET", R"(/q/([A-Za-z0-9_\-.]+))", "/q/{file}", Access::kPublic,
      [](Context& context) -> StatusOr<Reply> { return AssetReply("q/" + context.Param(1)); });
}

}  // namespace refract::server::api
