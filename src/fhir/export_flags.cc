// Safety alerts as FHIR R4 Flags: "prospective warnings of potential issues when providing care to
// the patient" (R4 Flag scope), shown whenever the patient's record is opened. A DetectedIssue
// describes a problem with a proposed or active clinical action (an order, an interaction); a
// positive self-harm item concerns the patient, not an order, so it is a Flag. Category `safety`
// (flag-category), priority by the flag-priority extension: PH (high) for a critical alert (a
// positive self-harm item), PM (medium) for a notice (an unanswered or unavailable item).
#include <string>

#include "export_resources.h"
#include "refract/fhir/fhir_export.h"

namespace refract::fhir::internal {
namespace {

using nlohmann::json;

json Priority(measures::AlertSeverity severity) {
  const bool critical = severity == measures::AlertSeverity::kCritical;
  json coding = critical ? Coding(kFlagPriorityCode, "PH", "High priority")
                         : Coding(kFlagPriorityCode, "PM", "Medium priority");
  return {{"url", kFlagPriorityExtension}, {"valueCodeableConcept", {{"coding", {coding}}}}};
}

json SafetyFlag(const measures::SafetyAlert& alert, size_t index, const std::string& patient_id) {
  const std::string severity(ToString(alert.severity));
  json flag = NewResource("Flag", "safety-" + std::to_string(index + 1) + "-" + alert.instrument_id,
                          severity + ": " + alert.message);
  flag["extension"] = json::array({Priority(alert.severity)});
  flag["status"] = "active";
  flag["category"] =
      json::array({{{"coding", {Coding(kFlagCategory, "safety", "Safety")}}, {"text", "Safety"}}});
  flag["code"] = {
      {"coding",
       {Coding(RefractCodeSystem("safety-alert"), alert.code, severity + " safety alert")}},
      {"text", alert.message}};
  flag["subject"] = PatientReference(patient_id);
  if (alert.date) flag["period"] = {{"start", alert.date->ToString()}};
  return flag;
}

}  // namespace

std::vector<json> SafetyFlags(const Assessment& assessment, const std::string& patient_id) {
  std::vector<json> flags;
  const std::vector<measures::SafetyAlert>& alerts = assessment.measures.alerts;
  for (size_t i = 0; i < alerts.size(); ++i) flags.push_back(SafetyFlag(alerts[i], i, patient_id));
  return flags;
}

}  // namespace refract::fhir::internal
