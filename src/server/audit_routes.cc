// The audit log for auditors: rows in order (paged by sequence) and the chain check. Reading the
// log is itself audited.
#include <limits>

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

StatusOr<Reply> ListAudit(Services& services, Context& context) {
  StatusOr<std::optional<int64_t>> after =
      IntegerQuery(context, "after", 0, std::numeric_limits<int64_t>::max());
  if (!after.ok()) return after.status();
  StatusOr<std::optional<int64_t>> limit = IntegerQuery(context, "limit", 1, 1000);
  if (!limit.ok()) return limit.status();
  StatusOr<std::vector<store::AuditEvent>> events =
      services.store.ListAudit(after->value_or(0), static_cast<int>(limit->value_or(100)));
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
