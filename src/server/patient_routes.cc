// Patients: create, list (paged, search by pseudonymous id; optionally with a summary of each
// latest version), read (any version), replace, archive (never deleted), history, and the
// assessment computed from the stored record. Every change brings the record's as_of up to the
// server clock's date (record_edit.h BumpAsOf).
#include <limits>

#include "patient_access.h"
#include "patient_summary.h"
#include "record_edit.h"
#include "refract/io/assessment_json.h"
#include "request_bodies.h"

namespace refract::server::api {
namespace {

using nlohmann::json;

constexpr const char* kPatientPattern = "/api/v1/patients/(p[0-9a-f]{16})";

StatusOr<Reply> Create(Services& services, Context& context) {
  StatusOr<json> body = ParseJsonObject(context.request);
  StatusOr<ValidRecord> valid =
      body.ok() ? ValidateRecordJson(services, BumpAsOf(std::move(*body), Today(services)))
                : StatusOr<ValidRecord>(body.status());
  StatusOr<store::PatientVersion> created = valid.status();
  if (valid.ok()) {
    const store::ChangeInfo change{context.principal->user.username, Iso8601(services.clock.Now()),
                                   "created"};
    created = services.store.CreatePatient(context.principal->user.team, valid->pseudonym,
                                           valid->document, change);
  }
  const std::string outcome = created.ok() ? "ok"
                              : created.status().code() == StatusCode::kInvalidArgument
                                  ? "invalid"
                                  : "conflict";
  if (Status audited = Audit(services, context, "clinician", "patient.create",
                             created.ok() ? created->patient_id : "",
                             created.ok() ? created->version : 0, outcome);
      !audited.ok()) {
    return audited;
  }
  if (!created.ok()) return created.status();
  Reply reply = PatientReply(201, *created);
  reply.headers.emplace_back("Location", "/api/v1/patients/" + created->patient_id);
  return reply;
}

// ?model=ID for the summaries (default maudsley_2009). kInvalidArgument (model) for an unknown id.
StatusOr<std::string> SummaryModel(Services& services, const Context& context) {
  const std::string model =
      context.Query("model").empty() ? "maudsley_2009" : context.Query("model");
  std::string known;
  for (const ModelInfo& info : services.engine.Models()) {
    if (info.id == model) return model;
    known += (known.empty() ? "" : ", ") + info.id;
  }
  return Status::InvalidFields({{"model", "'" + model + "' is not one of: " + known}});
}

// The summary of the patient's latest version, or {"error": message} when it cannot be assessed.
json SummaryOf(Services& services, const std::string& patient_id, const std::string& model) {
  StatusOr<store::PatientVersion> patient = services.store.GetPatient(patient_id, std::nullopt);
  if (!patient.ok()) return {{"error", patient.status().message()}};
  StatusOr<PatientRecord> record =
      services.engine.ParseRecord(patient->document, RecordSyntax::kJson);
  StatusOr<Assessment> assessment = record.ok() ? services.engine.Assess(*record, AssessOptions{})
                                                : StatusOr<Assessment>(record.status());
  if (!assessment.ok()) return {{"error", assessment.status().message()}};
  return PatientSummaryJson(*assessment, model);
}

StatusOr<Reply> List(Services& services, Context& context) {
  StatusOr<std::optional<int64_t>> limit = IntegerQuery(context, "limit", 1, 500);
  if (!limit.ok()) return limit.status();
  const bool summary = context.Query("summary") == "true";
  StatusOr<std::string> model = std::string();
  if (summary) model = SummaryModel(services, context);
  if (!model.ok()) return model.status();
  store::PatientQuery query;
  query.team = context.principal->user.team;
  query.pseudonym_prefix = context.Query("q");
  query.include_archived = context.Query("archived") == "true";
  query.after_pseudonym = context.Query("after");
  query.limit = static_cast<int>(limit->value_or(50));
  StatusOr<store::PatientPage> page = services.store.ListPatients(query);
  if (Status audited =
          Audit(services, context, "clinician", "patient.list", "", 0, page.ok() ? "ok" : "error");
      !audited.ok()) {
    return audited;
  }
  if (!page.ok()) return page.status();
  json patients = json::array();
  for (const store::PatientSummary& patient : page->patients) {
    json entry = {{"patient_id", patient.patient_id},
                  {"pseudonym", patient.pseudonym},
                  {"version", patient.version},
                  {"archived", patient.archived},
                  {"updated_at", patient.updated_at}};
    if (summary) entry["summary"] = SummaryOf(services, patient.patient_id, *model);
    patients.push_back(std::move(entry));
  }
  return JsonReply(200, {{"patients", patients}, {"next_after", page->next_after}});
}

StatusOr<Reply> Read(Services& services, Context& context) {
  StatusOr<std::optional<int64_t>> version =
      IntegerQuery(context, "version", 1, std::numeric_limits<int64_t>::max());
  if (!version.ok()) return version.status();
  StatusOr<store::PatientVersion> patient =
      ReadPatient(services, context, context.Param(1), *version, "patient.read");
  if (!patient.ok()) return patient.status();
  return PatientReply(200, *patient);
}

StatusOr<Reply> Replace(Services& services, Context& context) {
  StatusOr<json> body = ParseJsonObject(context.request);
  if (!body.ok()) return body.status();
  const std::string reason = context.request.get_header_value("X-Change-Reason").empty()
                                 ? "updated"
                                 : context.request.get_header_value("X-Change-Reason");
  return ChangePatient(services, context, "patient.update", reason,
                       [&](json) -> StatusOr<json> { return *body; });
}

StatusOr<Reply> Archive(Services& services, Context& context) {
  StatusOr<json> body = ParseJsonObject(context.request);
  if (!body.ok()) return body.status();
  StatusOr<int64_t> expected = IfMatchVersion(context);
  if (!expected.ok()) return expected.status();
  StatusOr<store::PatientVersion> patient =
      ReadPatient(services, context, context.Param(1), std::nullopt, "patient.read");
  if (!patient.ok()) return patient.status();
  const store::ChangeInfo change{context.principal->user.username, Iso8601(services.clock.Now()),
                                 "archived: " + TextOr(*body, "reason", "no reason given")};
  StatusOr<store::PatientVersion> archived =
      services.store.ArchivePatient(patient->patient_id, *expected, change);
  if (Status audited =
          Audit(services, context, "clinician", "patient.archive", patient->patient_id,
                archived.ok() ? archived->version : *expected, archived.ok() ? "ok" : "conflict");
      !audited.ok()) {
    return audited;
  }
  if (!archived.ok()) return archived.status();
  return PatientReply(200, *archived);
}

StatusOr<Reply> History(Services& services, Context& context) {
  StatusOr<store::PatientVersion> patient =
      ReadPatient(services, context, context.Param(1), std::nullopt, "patient.history");
  if (!patient.ok()) return patient.status();
  StatusOr<std::vector<store::VersionInfo>> history =
      services.store.PatientHistory(patient->patient_id);
  if (!history.ok()) return history.status();
  json versions = json::array();
  for (const store::VersionInfo& version : *history) {
    versions.push_back({{"version", version.version},
                        {"archived", version.archived},
                        {"author", version.change.author},
                        {"time", version.change.time},
                        {"reason", version.change.reason}});
  }
  return JsonReply(200, {{"patient_id", patient->patient_id}, {"versions", versions}});
}

// GET .../assessment?as_of=YYYY-MM-DD&version=N&dose_table=atrq|usual|ddd
StatusOr<Reply> AssessStored(Services& services, Context& context) {
  StatusOr<std::optional<int64_t>> version =
      IntegerQuery(context, "version", 1, std::numeric_limits<int64_t>::max());
  if (!version.ok()) return version.status();
  StatusOr<store::PatientVersion> patient =
      ReadPatient(services, context, context.Param(1), *version, "patient.assess");
  if (!patient.ok()) return patient.status();
  StatusOr<json> record = json::parse(patient->document);
  if (!context.Query("as_of").empty()) record = RecordAsOf(*record, context.Query("as_of"));
  if (!record.ok()) return record.status();
  StatusOr<PatientRecord> parsed = services.engine.ParseRecord(record->dump(), RecordSyntax::kJson);
  if (!parsed.ok()) return parsed.status();
  AssessOptions options;
  if (!context.Query("dose_table").empty()) options.dose_convention = context.Query("dose_table");
  StatusOr<Assessment> assessment = services.engine.Assess(*parsed, options);
  if (!assessment.ok()) return assessment.status();
  Reply reply{200, AssessmentToJson(*assessment, false), "application/json", {}};
  reply.headers.emplace_back("ETag", "\"" + std::to_string(patient->version) + "\"");
  return reply;
}

}  // namespace

void AddPatientRoutes(Routes& routes, Services& services) {
  auto bind = [&services](StatusOr<Reply> (*handler)(Services&, Context&)) {
    return [&services, handler](Context& context) { return handler(services, context); };
  };
  const std::string one = kPatientPattern;
  routes.Add("POST", "/api/v1/patients", "/api/v1/patients", Access::kClinician, bind(Create));
  routes.Add("GET", "/api/v1/patients", "/api/v1/patients", Access::kClinician, bind(List));
  routes.Add("GET", one, "/api/v1/patients/{id}", Access::kClinician, bind(Read));
  routes.Add("PUT", one, "/api/v1/patients/{id}", Access::kClinician, bind(Replace));
  routes.Add("POST", one + "/archive", "/api/v1/patients/{id}/archive", Access::kClinician,
             bind(Archive));
  routes.Add("GET", one + "/history", "/api/v1/patients/{id}/history", Access::kClinician,
             bind(History));
  routes.Add("GET", one + "/assessment", "/api/v1/patients/{id}/assessment", Access::kClinician,
             bind(AssessStored));
}

}  // namespace refract::server::api
