// Treatment trials and assessments as sub-resources of a patient: add, correct, retract (with a
// reason). Each change is a new version of the whole record (If-Match required), validated by the
// engine, so a retraction that would leave a dangling reference (an assessment tagged to the
// retracted trial) is refused with the field path of the reference.
#include <charconv>

#include "patient_access.h"
#include "record_edit.h"
#include "request_bodies.h"

namespace refract::server::api {
namespace {

using nlohmann::json;

constexpr const char* kPatient = "/api/v1/patients/(p[0-9a-f]{16})";

StatusOr<std::string> RequiredReason(const Context& context) {
  const std::string reason = context.Query("reason");
  if (reason.empty()) {
    return Status::InvalidFields({{"reason", "a retraction needs a reason (?reason=...)"}});
  }
  return reason;
}

size_t IndexParam(const Context& context) {
  const std::string text = context.Param(2);
  size_t index = 0;
  std::from_chars(text.data(), text.data() + text.size(), index);
  return index;
}

StatusOr<Reply> AddTrialRoute(Services& services, Context& context) {
  StatusOr<json> body = ParseJsonObject(context.request);
  if (!body.ok()) return body.status();
  return ChangePatient(services, context, "trial.add", "added trial " + TextOr(*body, "id", "?"),
                       [&](json record) { return AddTrial(std::move(record), *body); });
}

StatusOr<Reply> CorrectTrialRoute(Services& services, Context& context) {
  StatusOr<json> body = ParseJsonObject(context.request);
  if (!body.ok()) return body.status();
  const std::string id = context.Param(2);
  return ChangePatient(services, context, "trial.correct", "corrected trial " + id,
                       [&](json record) { return CorrectTrial(std::move(record), id, *body); });
}

StatusOr<Reply> RetractTrialRoute(Services& services, Context& context) {
  StatusOr<std::string> reason = RequiredReason(context);
  if (!reason.ok()) return reason.status();
  const std::string id = context.Param(2);
  return ChangePatient(services, context, "trial.retract", "retracted trial " + id + ": " + *reason,
                       [&](json record) { return RetractTrial(std::move(record), id); });
}

StatusOr<Reply> AddAssessmentRoute(Services& services, Context& context) {
  StatusOr<json> body = ParseJsonObject(context.request);
  if (!body.ok()) return body.status();
  return ChangePatient(
      services, context, "assessment.add",
      "added " + TextOr(*body, "instrument", "assessment") + " of " + TextOr(*body, "date", "?"),
      [&](json record) { return AddAssessment(std::move(record), *body); });
}

StatusOr<Reply> CorrectAssessmentRoute(Services& services, Context& context) {
  StatusOr<json> body = ParseJsonObject(context.request);
  if (!body.ok()) return body.status();
  const size_t index = IndexParam(context);
  return ChangePatient(
      services, context, "assessment.correct", "corrected assessment " + std::to_string(index),
      [&](json record) { return CorrectAssessment(std::move(record), index, *body); });
}

StatusOr<Reply> RetractAssessmentRoute(Services& services, Context& context) {
  StatusOr<std::string> reason = RequiredReason(context);
  if (!reason.ok()) return reason.status();
  const size_t index = IndexParam(context);
  return ChangePatient(services, context, "assessment.retract",
                       "retracted assessment " + std::to_string(index) + ": " + *reason,
                       [&](json record) { return RetractAssessment(std::move(record), index); });
}

}  // namespace

void AddRecordRoutes(Routes& routes, Services& services) {
  auto bind = [&services](StatusOr<Reply> (*handler)(Services&, Context&)) {
    return [&services, handler](Context& context) { return handler(services, context); };
  };
  const std::string patient = kPatient;
  const std::string trial = patient + "/trials/([A-Za-z0-9_.-]{1,64})";
  const std::string assessment = patient + "/assessments/(\\d{1,6})";
  routes.Add("POST", patient + "/trials", "/api/v1/patients/{id}/trials", Access::kClinician,
             bind(AddTrialRoute));
  routes.Add("PUT", trial, "/api/v1/patients/{id}/trials/{trial}", Access::kClinician,
             bind(CorrectTrialRoute));
  routes.Add("DELETE", trial, "/api/v1/patients/{id}/trials/{trial}", Access::kClinician,
             bind(RetractTrialRoute));
  routes.Add("POST", patient + "/assessments", "/api/v1/patients/{id}/assessments",
             Access::kClinician, bind(AddAssessmentRoute));
  routes.Add("PUT", assessment, "/api/v1/patients/{id}/assessments/{index}", Access::kClinician,
             bind(CorrectAssessmentRoute));
  routes.Add("DELETE", assessment, "/api/v1/patients/{id}/assessments/{index}", Access::kClinician,
             bind(RetractAssessmentRoute));
}

}  // namespace refract::server::api
