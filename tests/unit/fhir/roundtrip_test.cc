// Round trip: each example patient (examples/*.json, *.yaml) -> its generated FHIR Bundle
// (tests/data/fhir/examples, tools/fhir/record_to_bundle.py) -> ImportBundle -> Engine::Assess
// gives the same assessment JSON as the original record, except `input_notes` (the generator writes
// ids, so the names the original record spelled differently are not "read as" anything).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "refract/engine/engine.h"
#include "refract/fhir/fhir_import.h"
#include "refract/io/assessment_json.h"

namespace refract::fhir {
namespace {

using nlohmann::json;

const Engine& TheEngine() {
  static const Engine kEngine = *Engine::Create(EmbeddedKnowledgeSource());
  return kEngine;
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream file(path);
  std::stringstream content;
  content << file.rdbuf();
  return content.str();
}

json AssessmentJson(const PatientRecord& record) {
  StatusOr<Assessment> assessment = TheEngine().Assess(record, AssessOptions{});
  EXPECT_TRUE(assessment.ok()) << assessment.status().message();
  if (!assessment.ok()) return json();
  json document = json::parse(AssessmentToJson(*assessment, false));
  document.erase("input_notes");
  return document;
}

std::vector<std::filesystem::path> Examples() {
  std::vector<std::filesystem::path> paths;
  for (const auto& entry : std::filesystem::directory_iterator("examples")) {
    const std::string extension = entry.path().extension().string();
    if (extension == ".json" || extension == ".yaml") paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

TEST(FhirRoundTripTest, EveryExamplePatientImportsBackToTheSameAssessment) {
  const std::vector<std::filesystem::path> examples = Examples();
  ASSERT_GE(examples.size(), 10u);
  for (const std::filesystem::path& example : examples) {
    SCOPED_TRACE(example.string());
    const RecordSyntax syntax = example.extension() == ".json" ? RecordSyntax::kJson : RecordSyntax::kYaml;
    StatusOr<PatientRecord> original = TheEngine().ParseRecord(ReadFile(example), syntax);
    ASSERT_TRUE(original.ok()) << original.status().message();
    const std::filesystem::path bundle_path =
        std::filesystem::path("tests/data/fhir/examples") / (example.stem().string() + ".json");
    ASSERT_TRUE(std::filesystem::exists(bundle_path)) << "run tools/fhir/record_to_bundle.py";
    StatusOr<ImportResult> imported = ImportBundle(TheEngine(), json::parse(ReadFile(bundle_path)), {});
    ASSERT_TRUE(imported.ok()) << imported.status().message();
    for (const MappingEntry& entry : imported->report) {
      EXPECT_NE(entry.disposition, Disposition::kSkipped) << entry.resource << ": " << entry.reason;
    }
    const json expected = AssessmentJson(*original);
    const json actual = AssessmentJson(imported->record);
    EXPECT_EQ(json::diff(expected, actual), json::array()) << "differences from the original's assessment";
  }
}

}  // namespace
}  // namespace refract::fhir
