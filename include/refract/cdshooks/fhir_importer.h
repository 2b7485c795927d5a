// The FHIR import of refract::fhir (include/refract/fhir/fhir_import.h) as the hook service's
// BundleImporter: target refract::cdshooks_fhir, so that the CDS Hooks core builds and is tested
// apart from the import.
#pragma once

#include "refract/cdshooks/hook_service.h"

namespace refract::cdshooks {

// The record of `patient_id` in the bundle, staged at `as_of`; the import's errors as they are.
BundleImporter FhirImporter(const Engine& engine);

}  // namespace refract::cdshooks
