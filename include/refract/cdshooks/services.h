// The CDS services Refract offers (CDS Hooks 2.0.1 "Discovery"): one per hook, each with the
// prefetch templates of the FHIR data its cards need. docs/cds-hooks.md lists them.
//
//   refract-patient-view  patient-view   stage, psychotherapy status, safety alerts, app link
//   refract-order-select  order-select   checks of the selected antidepressant orders
//   refract-order-sign    order-sign     the same checks of every draft order before signing
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "refract/base/status.h"

namespace refract::cdshooks {

struct ServiceDefinition {
  std::string id;
  std::string hook;
  std::string title;
  std::string description;
  std::vector<std::pair<std::string, std::string>> prefetch;  // key -> FHIR query template
  std::string usage_requirements = {};
  std::optional<nlohmann::json> extension = {};
};

const std::vector<ServiceDefinition>& ServiceDefinitions();
// nullptr for an unknown id.
const ServiceDefinition* FindService(std::string_view id);
// {"services": [...]} as GET /cds-services answers (Refract's services, or `services`).
nlohmann::json DiscoveryJson();
nlohmann::json DiscoveryJson(const std::vector<ServiceDefinition>& services);
// A discovery response read back; kInvalidArgument with FieldErrors (hook, id, description
// required; prefetch templates strings).
StatusOr<std::vector<ServiceDefinition>> ParseDiscovery(const nlohmann::json& body);

}  // namespace refract::cdshooks
