#include "fhir_test_bundle.h"

#include <fstream>

namespace refract::fhir {

using nlohmann::json;

const Engine& TestEngine() {
  static const Engine kEngine = *Engine::Create(EmbeddedKnowledgeSource());
  return kEngine;
}

json ReadJsonFile(const std::string& path) {
  std::ifstream file("tests/data/fhir/" + path);
  return json::parse(file);
}

json BundleWith(const std::vector<json>& resources) {
  json bundle = {{"resourceType", "Bundle"}, {"type", "collection"}, {"timestamp", "2025-06-01T09:00:00Z"}};
  bundle["entry"].push_back({{"fullUrl", "urn:uuid:6f1c9a52-0c4e-4d43-9d0a-2b8d7c1f0a01"},
                             {"resource", {{"resourceType", "Patient"}, {"id", "p1"}, {"gender", "female"}}}});
  bundle["entry"].push_back(
      {{"resource",
        {{"resourceType", "Condition"},
         {"id", "mdd"},
         {"subject", {{"reference", "urn:uuid:6f1c9a52-0c4e-4d43-9d0a-2b8d7c1f0a01"}}},
         {"clinicalStatus", {{"coding", {{{"system", "http://terminology.hl7.org/CodeSystem/condition-clinical"}, {"code", "active"}}}}}},
         {"code", {{"coding", {{{"system", "http://snomed.info/sct"}, {"code", "18818009"}}}}}},
         {"onsetDateTime", "2024-01-10"}}}});
  for (const json& resource : resources) bundle["entry"].push_back({{"resource", resource}});
  return bundle;
}

MappingEntry ReportFor(const ImportResult& result, const std::string& resource) {
  for (const MappingEntry& entry : result.report) {
    if (entry.resource == resource) return entry;
  }
  return {};
}

std::string ErrorLines(const Status& status) {
  std::string lines;
  for (const FieldError& error : status.details()) lines += error.path + ": " + error.rule + "\n";
  return lines.empty() ? status.message() : lines;
}

}  // namespace refract::fhir
