// CDS Hooks 2.0 (docs/cds-hooks.md): GET /cds-services (discovery, public), POST
// /cds-services/{id} (a hook call) and POST /cds-services/{id}/feedback. Hook calls and feedback
// authenticate the CDS client by its signed JWT (include/refract/cdshooks/jwt_auth.h; aud = the
// configured public URL + the path called), not by a Refract account; every call is audited with
// the client's issuer as the user and role "cds-client". No patient content is logged: the audit
// row names the service, not the EHR's patient.
#include <fmt/format.h>
#include <sodium.h>

#include <chrono>
#include <memory>
#include <optional>
#include <thread>

#include "api.h"
#include "refract/cdshooks/fhir_importer.h"
#include "refract/cdshooks/hook_service.h"
#include "refract/cdshooks/services.h"
#include "refract/server/fifo_gate.h"

namespace refract::server::api {
namespace {

using nlohmann::json;

constexpr const char* kRole = "cds-client";

// A random (version 4) UUID from libsodium's generator.
std::string NewUuid() {
  unsigned char bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  bytes[6] = static_cast<unsigned char>((bytes[6] & 0x0F) | 0x40);
  bytes[8] = static_cast<unsigned char>((bytes[8] & 0x3F) | 0x80);
  std::string text;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) text += '-';
    text += fmt::format("{:02x}", bytes[i]);
  }
  return text;
}

// `fetch` stepping out of `gate` while it waits on the network.
cdshooks::FhirFetcher OutsideGate(FifoGate& gate, cdshooks::FhirFetcher fetch) {
  return [&gate, fetch = std::move(fetch)](const std::string& url, const std::string& auth) {
    FifoGate::StepOut waiting(gate);
    return fetch(url, auth);
  };
}

// What the CDS routes share: built once from the configuration. Hook calls and feedback are
// admitted through `gate`, one per core, in arrival order (include/refract/server/fifo_gate.h).
struct CdsRuntime {
  CdsRuntime(const Engine& engine, const cdshooks::CdsConfig& cds)
      : config(cds),
        gate(static_cast<int>(std::thread::hardware_concurrency())),
        fetcher(OutsideGate(
            gate, cdshooks::HttpFhirFetcher(std::chrono::milliseconds(cds.fetch_timeout_ms)))),
        verifier(
            cds.jwt,
            [fetch = fetcher](const std::string& url) -> StatusOr<json> { return fetch(url, ""); }),
        hooks(engine, cdshooks::FhirImporter(engine), fetcher,
              cdshooks::CardSettings{engine.knowledge_version(), cds.app_url, NewUuid}) {}

  cdshooks::CdsConfig config;
  FifoGate gate;
  cdshooks::FhirFetcher fetcher;
  cdshooks::JwtVerifier verifier;
  cdshooks::HookService hooks;
};

int64_t EpochSeconds(const Clock& clock) {
  return std::chrono::duration_cast<std::chrono::seconds>(clock.Now().time_since_epoch()).count();
}

Date Today(const Clock& clock) {
  const auto days = std::chrono::floor<std::chrono::days>(clock.Now());
  const std::chrono::year_month_day ymd(days);
  return *Date::Parse(fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                                  static_cast<unsigned>(ymd.month()),
                                  static_cast<unsigned>(ymd.day())));
}

Status NotConfigured() {
  return Status::Unavailable(
      "CDS Hooks is not configured on this server (refract serve --cds-config FILE or "
      "REFRACT_CDS_CONFIG; docs/cds-hooks.md)");
}

// The client's JWT checked against the URL it called; an audit row for a refusal.
StatusOr<cdshooks::VerifiedClient> Authenticate(Services& services, CdsRuntime& runtime,
                                                Context& context, const std::string& action) {
  StatusOr<cdshooks::VerifiedClient> client = runtime.verifier.Verify(
      context.request.get_header_value("Authorization"),
      runtime.config.public_url + context.request.path, EpochSeconds(services.clock));
  if (!client.ok()) {
    if (Status audited = Audit(services, context, kRole, action, "", 0, "denied", "");
        !audited.ok()) {
      return audited;
    }
  }
  return client;
}

std::string OutcomeOf(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk:
      return "ok";
    case StatusCode::kInvalidArgument:
      return "invalid";
    case StatusCode::kNotFound:
      return "not_found";
    default:
      return "error";
  }
}

StatusOr<Reply> CallHook(Services& services, const std::shared_ptr<CdsRuntime>& runtime,
                         Context& context) {
  if (runtime == nullptr) return NotConfigured();
  std::optional<FifoGate::Ticket> admitted(std::in_place, runtime->gate);
  StatusOr<cdshooks::VerifiedClient> client = Authenticate(services, *runtime, context, "cds.hook");
  if (!client.ok()) return client.status();
  StatusOr<json> body = ParseJsonObject(context.request);
  if (!body.ok()) return body.status();
  StatusOr<cdshooks::HookResponse> response =
      runtime->hooks.Call(context.Param(1), std::move(*body), Today(services.clock));
  StatusOr<Reply> reply = response.ok()
                              ? StatusOr<Reply>(JsonReply(200, cdshooks::ToJson(*response)))
                              : StatusOr<Reply>(response.status());
  admitted.reset();  // the audit write waits on the disk, not on a core
  if (Status audited = Audit(services, context, kRole, "cds.hook:" + context.Param(1), "", 0,
                             OutcomeOf(response.status()), client->issuer);
      !audited.ok()) {
    return audited;
  }
  return reply;
}

StatusOr<Reply> Feedback(Services& services, const std::shared_ptr<CdsRuntime>& runtime,
                         Context& context) {
  if (runtime == nullptr) return NotConfigured();
  if (cdshooks::FindService(context.Param(1)) == nullptr) {
    return Status::NotFound(fmt::format("no CDS service '{}'", context.Param(1)));
  }
  FifoGate::Ticket admitted(runtime->gate);
  StatusOr<cdshooks::VerifiedClient> client =
      Authenticate(services, *runtime, context, "cds.feedback");
  if (!client.ok()) return client.status();
  StatusOr<json> body = ParseJsonObject(context.request);
  if (!body.ok()) return body.status();
  StatusOr<std::vector<cdshooks::FeedbackItem>> items = cdshooks::ParseFeedback(*body);
  if (!items.ok()) return items.status();
  std::vector<store::CdsFeedback> rows;
  const std::string received = Iso8601(services.clock.Now());
  for (const cdshooks::FeedbackItem& item : *items) {
    store::CdsFeedback row{.service = context.Param(1),
                           .client = client->issuer,
                           .card = item.card,
                           .outcome = item.outcome,
                           .accepted_suggestions = item.accepted_suggestions,
                           .outcome_timestamp = item.outcome_timestamp,
                           .received_at = received};
    if (item.override_reason && item.override_reason->reason) {
      row.override_code = item.override_reason->reason->code;
      row.override_system = item.override_reason->reason->system;
    }
    if (item.override_reason) row.user_comment = item.override_reason->user_comment;
    rows.push_back(std::move(row));
  }
  StatusOr<std::vector<int64_t>> stored = services.store.AddCdsFeedback(rows);
  if (Status audited = Audit(services, context, kRole, "cds.feedback:" + context.Param(1), "", 0,
                             stored.ok() ? "ok" : "error", client->issuer);
      !audited.ok()) {
    return audited;
  }
  if (!stored.ok()) return stored.status();
  return JsonReply(200, json::object());
}

}  // namespace

void AddCdsRoutes(Routes& routes, Services& services) {
  std::shared_ptr<CdsRuntime> runtime =
      services.config.cds == nullptr
          ? nullptr
          : std::make_shared<CdsRuntime>(services.engine, *services.config.cds);
  routes.Add("GET", "/cds-services", "/cds-services", Access::kPublic,
             [](Context&) -> StatusOr<Reply> { return JsonReply(200, cdshooks::DiscoveryJson()); });
  routes.Add(
      "POST", "/cds-services/([A-Za-z0-9._-]+)", "/cds-services/{id}", Access::kPublic,
      [&services, runtime](Context& context) { return CallHook(services, runtime, context); });
  routes.Add("POST", "/cds-services/([A-Za-z0-9._-]+)/feedback", "/cds-services/{id}/feedback",
             Access::kPublic, [&services, runtime](Context& context) {
               return Feedback(services, runtime, context);
             });
}

}  // namespace refract::server::api
