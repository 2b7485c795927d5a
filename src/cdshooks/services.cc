// The service definitions (include/refract/cdshooks/services.h). The LOINC codes are those of
// knowledge/fhir/instrument_codes.json: PHQ-9 total 44261-6 and item 9 44260-8, GAD-7 total
// 70274-6, and the PHQ-9 and GAD-7 panels 44249-1 and 69737-5.
#include "refract/cdshooks/services.h"

#include "json_fields.h"

namespace refract::cdshooks {
namespace {

std::vector<std::pair<std::string, std::string>> PatientPrefetch() {
  return {
      {"patient", "Patient/{{context.patientId}}"},
      {"conditions", "Condition?patient={{context.patientId}}"},
      {"medications", "MedicationRequest?patient={{context.patientId}}"},
      {"medication_statements", "MedicationStatement?patient={{context.patientId}}"},
      {"observations",
       "Observation?patient={{context.patientId}}&code=http://loinc.org|44261-6,"
       "http://loinc.org|44260-8,http://loinc.org|70274-6,http://loinc.org|44249-1,"
       "http://loinc.org|69737-5"},
      {"procedures", "Procedure?patient={{context.patientId}}"},
  };
}

}  // namespace

const std::vector<ServiceDefinition>& ServiceDefinitions() {
  static const std::vector<ServiceDefinition> kServices = {
      {"refract-patient-view", "patient-view", "Refract: treatment-resistant depression",
       "Decision support for a clinician: the treatment-resistance stage (Maudsley, Markowitz "
       "2022), whether an adequate psychotherapy trial is missing, open self-harm alerts and a "
       "link "
       "to the Refract app.",
       PatientPrefetch()},
      {"refract-order-select", "order-select", "Refract: antidepressant order checks",
       "Decision support for a clinician: checks a selected antidepressant order against the "
       "depression treatment history (trials without psychotherapy, MAOI interactions, esketamine "
       "label eligibility).",
       PatientPrefetch()},
      {"refract-order-sign", "order-sign", "Refract: antidepressant order checks before signing",
       "Decision support for a clinician: the order-select checks for every draft antidepressant "
       "order before it is signed.",
       PatientPrefetch()},
  };
  return kServices;
}

const ServiceDefinition* FindService(std::string_view id) {
  for (const ServiceDefinition& service : ServiceDefinitions()) {
    if (service.id == id) return &service;
  }
  return nullptr;
}

nlohmann::json DiscoveryJson() { return DiscoveryJson(ServiceDefinitions()); }

nlohmann::json DiscoveryJson(const std::vector<ServiceDefinition>& services) {
  nlohmann::json out = nlohmann::json::array();
  for (const ServiceDefinition& service : services) {
    nlohmann::json item = {
        {"hook", service.hook}, {"description", service.description}, {"id", service.id}};
    if (!service.title.empty()) item["title"] = service.title;
    if (!service.prefetch.empty()) {
      nlohmann::json prefetch = nlohmann::json::object();
      for (const auto& [key, query] : service.prefetch) prefetch[key] = query;
      item["prefetch"] = prefetch;
    }
    if (!service.usage_requirements.empty()) {
      item["usageRequirements"] = service.usage_requirements;
    }
    if (service.extension) item["extension"] = *service.extension;
    out.push_back(item);
  }
  return {{"services", out}};
}

StatusOr<std::vector<ServiceDefinition>> ParseDiscovery(const nlohmann::json& body) {
  if (!body.is_object()) return Status::InvalidFields({{"$", "must be a JSON object"}});
  internal::FieldReader reader;
  std::vector<ServiceDefinition> services;
  const nlohmann::json* items = reader.Array(body, "$", "services", true);
  for (size_t i = 0; items != nullptr && i < items->size(); ++i) {
    const std::string path = internal::Element("$.services", i);
    const nlohmann::json& item = (*items)[i];
    if (!item.is_object()) {
      reader.Add(path, "must be an object");
      continue;
    }
    ServiceDefinition service;
    service.hook = reader.String(item, path, "hook", true);
    service.title = reader.String(item, path, "title", false);
    service.description = reader.String(item, path, "description", true);
    service.id = reader.String(item, path, "id", true);
    service.usage_requirements = reader.String(item, path, "usageRequirements", false);
    if (const nlohmann::json* prefetch = reader.Object(item, path, "prefetch", false)) {
      for (const auto& [key, query] : prefetch->items()) {
        if (!query.is_string()) {
          reader.Add(internal::Member(internal::Member(path, "prefetch"), key.c_str()),
                     "must be a string (a FHIR query template)");
          continue;
        }
        service.prefetch.emplace_back(key, query.get<std::string>());
      }
    }
    if (const nlohmann::json* extension = reader.Object(item, path, "extension", false)) {
      service.extension = *extension;
    }
    services.push_back(std::move(service));
  }
  if (!reader.ok()) return reader.ToStatus();
  return services;
}

}  // namespace refract::cdshooks
