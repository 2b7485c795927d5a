// One CDS Hooks call (include/refract/cdshooks/hook_service.h).
#include "refract/cdshooks/hook_service.h"

#include <fmt/format.h>

namespace refract::cdshooks {

HookService::HookService(const Engine& engine, BundleImporter importer, FhirFetcher fetcher,
                         CardSettings settings)
    : engine_(engine),
      importer_(std::move(importer)),
      fetcher_(std::move(fetcher)),
      settings_(std::move(settings)) {}

StatusOr<HookResponse> HookService::Call(const std::string& service_id, nlohmann::json body,
                                         const Date& today) const {
  const ServiceDefinition* service = FindService(service_id);
  if (service == nullptr) return Status::NotFound(fmt::format("no CDS service '{}'", service_id));
  StatusOr<HookRequest> request = ParseHookRequest(std::move(body));
  if (!request.ok()) return request.status();
  if (request->hook != service->hook) {
    return Status::InvalidFields(
        {{"$.hook", fmt::format("must be {} for service {}", service->hook, service->id)}});
  }
  const nlohmann::json& patient = request->context.value("patientId", nlohmann::json());
  if (!patient.is_string() || patient.get<std::string>().empty()) {
    return Status::InvalidFields({{"$.context.patientId", "is required (a string)"}});
  }
  const std::string patient_id = patient.get<std::string>();
  StatusOr<nlohmann::json> bundle = GatherResources(*service, *request, fetcher_);
  if (!bundle.ok()) return bundle.status();
  StatusOr<PatientRecord> record = importer_(*bundle, patient_id, today);
  if (!record.ok()) return record.status();
  AssessOptions options;
  options.staging.note_unknown_outcomes = false;  // no card shows the staging notes
  options.staging.explain = false;                // nor the models' assumptions or excluded trials
  StatusOr<Assessment> assessment = engine_.Assess(*record, options);
  if (!assessment.ok()) return assessment.status();
  const std::string patient_ref = "Patient/" + patient_id;
  HookResponse response;
  if (service->hook == "patient-view") {
    response.cards = PatientViewCards(*assessment, patient_ref, settings_);
  } else {
    const std::vector<DraftOrder> orders =
        ReadDraftOrders(request->context, service->hook == "order-select", engine_.knowledge());
    response.cards = OrderCards(*assessment, orders, engine_.knowledge(), patient_ref, settings_);
  }
  return response;
}

}  // namespace refract::cdshooks
