// GET /api/v1/patients/{id}/fhir: the stored record's assessment as a FHIR R4 Bundle
// (include/refract/fhir/fhir_export.h), content type application/fhir+json. The same access rules
// as reading the patient (the care-team check of patient_access.h) and an audit row
// "patient.fhir_export" for every attempt. ?version=N exports a past version and
// ?dose_table=atrq|usual|ddd chooses the minimum-dose column, as for the assessment route.
#include <limits>

#include "patient_access.h"
#include "refract/fhir/fhir_export.h"

namespace refract::server::api {
namespace {

using nlohmann::json;

StatusOr<Reply> ExportFhir(Services& services, Context& context) {
  StatusOr<std::optional<int64_t>> version =
      IntegerQuery(context, "version", 1, std::numeric_limits<int64_t>::max());
  if (!version.ok()) return version.status();
  StatusOr<store::PatientVersion> patient =
      ReadPatient(services, context, context.Param(1), *version, "patient.fhir_export");
  if (!patient.ok()) return patient.status();
  StatusOr<PatientRecord> record =
      services.engine.ParseRecord(patient->document, RecordSyntax::kJson);
  if (!record.ok()) return record.status();
  AssessOptions options;
  if (!context.Query("dose_table").empty()) options.dose_convention = context.Query("dose_table");
  StatusOr<Assessment> assessment = services.engine.Assess(*record, options);
  if (!assessment.ok()) return assessment.status();
  fhir::ExportOptions export_options;
  export_options.timestamp = Iso8601(services.clock.Now());
  const json bundle = fhir::ExportBundle(services.engine, *record, *assessment, export_options);
  Reply reply{200, bundle.dump(), "application/fhir+json", {}};
  reply.headers.emplace_back("ETag", "\"" + std::to_string(patient->version) + "\"");
  return reply;
}

}  // namespace

void AddFhirExportRoutes(Routes& routes, Services& services) {
  routes.Add("GET", "/api/v1/patients/(p[0-9a-f]{16})/fhir", "/api/v1/patients/{id}/fhir",
             Access::kClinician,
             [&services](Context& context) { return ExportFhir(services, context); });
}

}  // namespace refract::server::api
