#include "refract/io/patient_yaml.h"

#include "patient_document.h"
#include "yaml_document.h"

namespace refract {

StatusOr<PatientRecord> ParsePatientYaml(std::string_view text, const KnowledgeBase& knowledge,
                                         const MeasuresKnowledge& measures,
                                         const InterventionCatalogue& interventions) {
  StatusOr<nlohmann::json> document = io_internal::YamlToJson(text);
  if (!document.ok()) return document.status();
  return io_internal::ReadPatientDocument(*document, knowledge, measures, interventions);
}

StatusOr<std::string> YamlToJsonText(std::string_view text, int indent) {
  StatusOr<nlohmann::ordered_json> document = io_internal::YamlToOrderedJson(text);
  if (!document.ok()) return document.status();
  return document->dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace refract
