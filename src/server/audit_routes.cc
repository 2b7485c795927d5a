// The audit log for auditors: rows in order (paged by sequence) and the chain check. Reading the
// log is itself audited.
#include <charconv>

#include "api.h"

namespace refract::server::api {
namespace {

using nlohmann::json;

json EventJson(const store::AuditEvent& event) {
  return {{"sequence", event.sequence}, {"time", event.time},
          {"username", event.username}, {"role", event.role},
          {"action", event.action},     {"patient_id", event.patient_id},
          {"version", event.version},   {"address", event.address},
          {"outcome", event.outcome},   {"hash", event.hash}};
}

int64_t IntegerOr(const std::string& text, int64_t fallback) {
  int64_t value = fallback;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

StatusOr<Reply> ListAudit(Services& services, Context& context) {
  const int64_t after = IntegerOr(context.Query("after"), 0);
  const int limit =
      static_cast<int>(std::clamp<int64_t>(IntegerOr(context.Query("limit"), 100), 1, 1000));
  StatusOr<std::vector<store::AuditEvent>> events = services.store.ListAudit(after, limit);
  if (!events.ok()) return events.status();
  if (Status audited = Audit(services, context, "auditor", "audit.read", "", 0, "ok");
      !audited.ok()) {
    return audited;
  }
  json rows = json::array();
  for (const store::AuditEvent& event : *events) rows.push_back(EventJson(event));
  return JsonReply(200, {{"events", rows}});
}

StatusOr<Reply> VerifyAudit(Services& services, Context& context) {
  StatusOr<store::AuditVerification> verification = services.store.VerifyAudit();
  if (!verification.ok()) return verification.status();
  if (Status audited = Audit(services, context, "auditor", "audit.verify", "", 0,
                             verification->intact ? "ok" : "broken");
      !audited.ok()) {
    return audited;
  }
  return JsonReply(200, {{"intact", verification->intact},
                         {"rows", verification->rows},
                         {"first_bad_sequence", verification->first_bad_sequence},
                         {"problem", verification->problem}});
}

}  // namespace

void AddAuditRoutes(Routes& routes, Services& services) {
  routes.Add("GET", "/api/v1/audit", "/api/v1/audit", Access::kAuditor,
             [&services](Context& context) { return ListAudit(services, context); });
  routes.Add("GET", "/api/v1/audit/verify", "/api/v1/audit/verify", Access::kAuditor,
             [&services](Context& context) { return VerifyAudit(services, context); });
}

}  // namespace refract::server::api
