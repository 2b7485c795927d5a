// POST /api/v1/fhir/import: a FHIR R4 Bundle in, {"record": refract-patient/1, "mapping_report":
// [...]} out (docs/fhir.md). It converts only: nothing is stored, so nothing is audited (storing the
// record is a separate POST /api/v1/patients, audited there). Query: patient (the Patient id when
// the bundle holds several), as_of (the staging date). Clinicians only: the body is patient data.
#include "api.h"
#include "refract/fhir/fhir_import.h"

namespace refract::server::api {
namespace {

using nlohmann::json;

StatusOr<Reply> ImportFhirBundle(Services& services, Context& context) {
  StatusOr<json> bundle = ParseJsonObject(context.request);
  if (!bundle.ok()) return bundle.status();
  const fhir::ImportOptions options{context.Query("patient"), context.Query("as_of")};
  StatusOr<fhir::ImportResult> result = fhir::ImportBundle(services.engine, *bundle, options);
  if (!result.ok()) return result.status();
  return JsonReply(200, {{"record", result->record_json},
                         {"mapping_report", fhir::MappingReportJson(result->report)}});
}

}  // namespace

void AddFhirRoutes(Routes& routes, Services& services) {
  routes.Add("POST", "/api/v1/fhir/import", "/api/v1/fhir/import", Access::kClinician,
             [&services](Context& context) { return ImportFhirBundle(services, context); });
}

}  // namespace refract::server::api
