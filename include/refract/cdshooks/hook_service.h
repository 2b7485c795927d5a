// One CDS Hooks call end to end: parse the request, gather the FHIR data (prefetch, else fetched
// from fhirServer), import it into a patient record, assess it with the engine and build the cards
// of the hook (refract/cdshooks/cards.h).
//
// Errors: kNotFound for an unknown service id; kInvalidArgument (FieldErrors) for a request that
// breaks the CDS Hooks request rules or names another hook than the service's; kFailedPrecondition
// when the data cannot be obtained (the route answers 412); the import's and the engine's
// kInvalidArgument for FHIR data that does not make a valid record (the route answers 422 with the
// paths).
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "refract/base/date.h"
#include "refract/cdshooks/cards.h"
#include "refract/cdshooks/model.h"
#include "refract/cdshooks/prefetch.h"
#include "refract/domain/patient.h"
#include "refract/engine/engine.h"

namespace refract::cdshooks {

// A collection Bundle -> the record of patient `patient_id` staged at `as_of` (FHIR import).
using BundleImporter = std::function<StatusOr<PatientRecord>(
    const nlohmann::json& bundle, const std::string& patient_id, const Date& as_of)>;

class HookService {
 public:
  // The engine must outlive the service.
  HookService(const Engine& engine, BundleImporter importer, FhirFetcher fetcher,
              CardSettings settings);

  // `today` is the staging date (the request's date). The body is taken by value: its context and
  // prefetch move into the request instead of being copied.
  StatusOr<HookResponse> Call(const std::string& service_id, nlohmann::json body,
                              const Date& today) const;

 private:
  const Engine& engine_;
  BundleImporter importer_;
  FhirFetcher fetcher_;
  CardSettings settings_;
};

}  // namespace refract::cdshooks
