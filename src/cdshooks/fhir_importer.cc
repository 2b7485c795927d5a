// The FHIR import as the hook service's BundleImporter (include/refract/cdshooks/hook_service.h).
#include "refract/cdshooks/fhir_importer.h"

#include "refract/fhir/fhir_import.h"

namespace refract::cdshooks {

BundleImporter FhirImporter(const Engine& engine) {
  return [&engine](const nlohmann::json& bundle, const std::string& patient_id,
                   const Date& as_of) -> StatusOr<PatientRecord> {
    StatusOr<fhir::ImportResult> imported =
        fhir::ImportBundle(engine, bundle, fhir::ImportOptions{patient_id, as_of.ToString()});
    if (!imported.ok()) return imported.status();
    return std::move(imported->record);
  };
}

}  // namespace refract::cdshooks
