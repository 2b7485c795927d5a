// Care-team checks, versions and validation for stored patients (src/server/patient_access.h).
#include "patient_access.h"

#include <charconv>

#include "record_edit.h"

namespace refract::server::api {

using nlohmann::json;

std::string OutcomeOf(const Status& status) {
  switch (status.code()) {
    case StatusCode::kPermissionDenied:
      return "denied";
    case StatusCode::kNotFound:
      return "not_found";
    case StatusCode::kInvalidArgument:
      return "invalid";
    case StatusCode::kConflict:
    case StatusCode::kAlreadyExists:
    case StatusCode::kFailedPrecondition:
      return "conflict";
    default:
      return "error";
  }
}

namespace {

// Audits `result` (its outcome) and returns it, or the audit failure.
template <typename T>
StatusOr<T> Audited(Services& services, const Context& context, const std::string& action,
                    const std::string& patient_id, int64_t version, StatusOr<T> result) {
  const std::string outcome = result.ok() ? "ok" : OutcomeOf(result.status());
  Status audited = Audit(services, context, "clinician", action, patient_id, version, outcome);
  if (!audited.ok()) return audited;
  return result;
}

}  // namespace

StatusOr<store::PatientVersion> ReadPatient(Services& services, const Context& context,
                                            const std::string& patient_id,
                                            std::optional<int64_t> version,
                                            const std::string& action) {
  StatusOr<store::PatientVersion> patient = services.store.GetPatient(patient_id, version);
  if (patient.ok() && patient->team != context.principal->user.team) {
    patient = Status::PermissionDenied("this patient belongs to another care team");
  }
  const int64_t audited_version = patient.ok() ? patient->version : version.value_or(0);
  return Audited(services, context, action, patient_id, audited_version, std::move(patient));
}

StatusOr<int64_t> IfMatchVersion(const Context& context) {
  std::string value = context.request.get_header_value("If-Match");
  if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
    value = value.substr(1, value.size() - 2);
  }
  int64_t version = 0;
  auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), version);
  if (value.empty() || error != std::errc() || end != value.data() + value.size() || version < 1) {
    return Status::FailedPrecondition(
        "If-Match must give the version being changed (the ETag of the last read)");
  }
  return version;
}

StatusOr<ValidRecord> ValidateRecordJson(Services& services, const json& record) {
  std::string document = record.dump();
  StatusOr<PatientRecord> parsed = services.engine.ParseRecord(document, RecordSyntax::kJson);
  if (!parsed.ok()) return parsed.status();
  return ValidRecord{std::move(document), parsed->id};
}

std::string Today(const Services& services) { return Iso8601(services.clock.Now()).substr(0, 10); }

Reply PatientReply(int status, const store::PatientVersion& patient) {
  Reply reply = JsonReply(status, {{"patient_id", patient.patient_id},
                                   {"team", patient.team},
                                   {"pseudonym", patient.pseudonym},
                                   {"version", patient.version},
                                   {"archived", patient.archived},
                                   {"change",
                                    {{"author", patient.change.author},
                                     {"time", patient.change.time},
                                     {"reason", patient.change.reason}}},
                                   {"record", json::parse(patient.document)}});
  reply.headers.emplace_back("ETag", "\"" + std::to_string(patient.version) + "\"");
  return reply;
}

StatusOr<Reply> ChangePatient(Services& services, Context& context, const std::string& action,
                              const std::string& reason, const RecordEdit& edit) {
  const std::string patient_id = context.Param(1);
  StatusOr<int64_t> expected = IfMatchVersion(context);
  if (!expected.ok()) return expected.status();
  StatusOr<store::PatientVersion> current = services.store.GetPatient(patient_id, std::nullopt);
  if (current.ok() && current->team != context.principal->user.team) {
    current = Status::PermissionDenied("this patient belongs to another care team");
  }
  StatusOr<store::PatientVersion> changed = current.status();
  if (current.ok()) {
    StatusOr<json> edited = edit(json::parse(current->document));
    if (edited.ok()) edited = BumpAsOf(std::move(*edited), Today(services));
    StatusOr<ValidRecord> valid = edited.ok() ? ValidateRecordJson(services, *edited)
                                              : StatusOr<ValidRecord>(edited.status());
    changed = valid.status();
    if (valid.ok()) {
      const store::ChangeInfo change{context.principal->user.username,
                                     Iso8601(services.clock.Now()), reason};
      changed = services.store.UpdatePatient(patient_id, *expected, valid->pseudonym,
                                             valid->document, change);
    }
  }
  const int64_t version = changed.ok() ? changed->version : *expected;
  StatusOr<store::PatientVersion> result =
      Audited(services, context, action, patient_id, version, std::move(changed));
  if (!result.ok()) return result.status();
  return PatientReply(200, *result);
}

}  // namespace refract::server::api
