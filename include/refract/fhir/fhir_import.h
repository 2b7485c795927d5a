// FHIR R4 import: a Bundle (collection, searchset, transaction or the output of
// Patient/$everything) becomes one refract-patient/1 record plus a mapping report that names every
// resource the import used, skipped or found doubtful, and why. The code tables (LOINC instruments,
// RxNorm ingredients, SNOMED / ICD-10-CM conditions, CPT / SNOMED procedures) are knowledge data
// with their sources (knowledge/fhir/); docs/fhir.md lists the mappings and what is not mapped.
//
// Contract:
// - Out-of-range values (an item answer above the instrument's maximum, a negative dose) are errors
//   that name the resource and the element (FieldError path "Observation/o1.valueQuantity.value"),
//   never clamped: kInvalidArgument with one FieldError per problem, and no record.
// - A resource Refract does not use (an unrelated Condition, an Encounter) is reported as skipped,
//   never an error; a resource it uses on an assumption (a dispensing gap bridged, a stated total
//   that disagrees with the items) is reported as doubtful with the assumption.
// - The same bundle always gives the same record (no clock reads; `as_of` comes from the options or
//   the bundle).
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "refract/base/status.h"
#include "refract/domain/patient.h"

namespace refract {
class Engine;
}

namespace refract::fhir {

enum class Disposition { kUsed, kSkipped, kDoubtful };

// One line of the mapping report.
struct MappingEntry {
  std::string resource = {};  // "MedicationRequest/mr-1" (resourceType/id; the fullUrl when no id)
  Disposition disposition = Disposition::kUsed;
  std::string mapped_to =
      {};                   // where it went in the record, e.g. "treatments[2]"; empty if skipped
  std::string reason = {};  // why it was skipped or doubtful, or how it was mapped
};

struct ImportOptions {
  std::string patient = {};  // the Patient resource id to import when the bundle holds several
  std::string as_of = {};  // ISO date for the record's as_of; empty = the latest date in the bundle
};

struct ImportResult {
  PatientRecord record;
  std::vector<MappingEntry> report;
};

// Imports `bundle`. kInvalidArgument (with FieldErrors) for a bundle that is not a FHIR R4 Bundle,
// a bundle with no or several Patients (and no ImportOptions::patient), or out-of-range values.
StatusOr<ImportResult> ImportBundle(const Engine& engine, const nlohmann::json& bundle,
                                    const ImportOptions& options);

// The mapping report as JSON:
// [{"resource","disposition":"used|skipped|doubtful","mapped_to","reason"}].
nlohmann::json MappingReportJson(const std::vector<MappingEntry>& report);

}  // namespace refract::fhir
