#include "export_examples.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "refract/fhir/fhir_export.h"

namespace refract::fhir::testing {
namespace {

std::string ReadFile(const std::string& path) {
  std::ifstream file(path);
  std::stringstream content;
  content << file.rdbuf();
  return content.str();
}

ExportedExample Export(const std::string& file) {
  const RecordSyntax syntax = file.ends_with(".json") ? RecordSyntax::kJson : RecordSyntax::kYaml;
  StatusOr<PatientRecord> record = TheEngine().ParseRecord(ReadFile(file), syntax);
  EXPECT_TRUE(record.ok()) << file << ": " << record.status().message();
  StatusOr<Assessment> assessment = TheEngine().Assess(*record, AssessOptions{});
  EXPECT_TRUE(assessment.ok()) << file << ": " << assessment.status().message();
  nlohmann::json bundle = ExportBundle(TheEngine(), *record, *assessment, ExportOptions{});
  return {file, *record, *assessment, std::move(bundle)};
}

std::vector<ExportedExample> ExportAll() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator("examples")) {
    const std::string extension = entry.path().extension().string();
    if (extension == ".json" || extension == ".yaml") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  std::vector<ExportedExample> examples;
  for (const std::string& file : files) examples.push_back(Export(file));
  return examples;
}

}  // namespace

const Engine& TheEngine() {
  static const Engine kEngine = *Engine::Create(EmbeddedKnowledgeSource());
  return kEngine;
}

const std::vector<ExportedExample>& ExportedExamples() {
  static const std::vector<ExportedExample> kExamples = ExportAll();
  return kExamples;
}

const ExportedExample& ExampleStartingWith(const std::string& prefix) {
  for (const ExportedExample& example : ExportedExamples()) {
    if (std::filesystem::path(example.file).filename().string().starts_with(prefix)) return example;
  }
  ADD_FAILURE() << "no example starts with " << prefix;
  return ExportedExamples().front();
}

std::vector<nlohmann::json> ResourcesOf(const nlohmann::json& bundle, const std::string& type) {
  std::vector<nlohmann::json> resources;
  for (const nlohmann::json& entry : bundle["entry"]) {
    if (entry["resource"]["resourceType"] == type) resources.push_back(entry["resource"]);
  }
  return resources;
}

}  // namespace refract::fhir::testing
