// GET /healthz (the process serves), /readyz (the store answers and the server is not stopping),
// /metrics (Prometheus text) and the OpenAPI document. All public: they carry no patient data.
#include "api.h"
#include "openapi.h"

namespace refract::server::api {

void AddHealthRoutes(Routes& routes, Services& services) {
  routes.Add("GET", "/healthz", "/healthz", Access::kPublic, [](Context&) -> StatusOr<Reply> {
    return JsonReply(200, {{"status", "ok"}});
  });
  routes.Add(
      "GET", "/readyz", "/readyz", Access::kPublic, [&services](Context&) -> StatusOr<Reply> {
        if (services.stopping.load()) return Status::Unavailable("shutting down");
        if (Status ping = services.store.Ping(); !ping.ok()) {
          return Status::Unavailable("the store does not answer");
        }
        return JsonReply(
            200, {{"status", "ready"}, {"knowledge_version", services.engine.knowledge_version()}});
      });
  routes.Add(
      "GET", "/metrics", "/metrics", Access::kPublic, [&services](Context&) -> StatusOr<Reply> {
        return Reply{
            200, services.metrics.Exposition(), "text/plain; version=0.0.4; charset=utf-8", {}};
      });
  routes.Add("GET", "/api/v1/openapi.json", "/api/v1/openapi.json", Access::kPublic,
             [](Context&) -> StatusOr<Reply> {
               return Reply{200, OpenApiDocument(), "application/json", {}};
             });
}

}  // namespace refract::server::api
