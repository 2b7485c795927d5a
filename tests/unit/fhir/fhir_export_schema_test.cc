// Every resource Refract exports for every example patient validates against the FHIR R4 JSON
// schema (tests/data/fhir/schema, draft-06, read with valijson's draft-7 parser: draft-7 keeps
// every draft-06 keyword the schema uses). The schema is parsed once per test binary. Broken
// resources are rejected, so the check can fail.
#include <gtest/gtest.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <memory>
#include <set>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>
#include <vector>

#include "export_examples.h"

namespace refract::fhir {
namespace {

using nlohmann::json;
using testing::ExampleStartingWith;
using testing::ExportedExamples;
using testing::ResourcesOf;

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

constexpr const char* kDefinitions = "#/definitions/";

// The $ref targets inside `node` that `definitions` does not define.
void DanglingReferences(const json& node, const json& definitions, std::set<std::string>& found) {
  if (node.is_object()) {
    const auto ref = node.find("$ref");
    const std::string prefix = kDefinitions;
    if (ref != node.end() && ref->is_string() && ref->get<std::string>().starts_with(prefix)) {
      const std::string target = ref->get<std::string>().substr(prefix.size());
      if (!definitions.contains(target)) found.insert(target);
    }
  }
  if (node.is_structured()) {
    for (const json& child : node) DanglingReferences(child, definitions, found);
  }
}

// Drops the `oneOf` branches that name a definition `definitions` lacks, everywhere in `node`.
void DropDanglingBranches(json& node, const json& definitions) {
  if (node.is_object() && node.contains("oneOf")) {
    json kept = json::array();
    for (const json& branch : node["oneOf"]) {
      std::set<std::string> dangling;
      DanglingReferences(branch, definitions, dangling);
      if (dangling.empty()) kept.push_back(branch);
    }
    node["oneOf"] = std::move(kept);
  }
  if (node.is_structured()) {
    for (json& child : node) DropDanglingBranches(child, definitions);
  }
}

// The schema without the Medplum-only definitions that refer to definitions the file lacks
// ("Resource", "integer64"; valijson refuses a dangling $ref), nor the resource-list branches that
// named them. Every HL7 R4 definition is complete and kept (the README lists the caveat).
json WithoutDanglingDefinitions(json schema) {
  json& definitions = schema["definitions"];
  for (bool changed = true; changed;) {
    DropDanglingBranches(schema, definitions);
    std::vector<std::string> broken;
    for (const auto& [name, definition] : definitions.items()) {
      std::set<std::string> dangling;
      DanglingReferences(definition, definitions, dangling);
      if (!dangling.empty()) broken.push_back(name);
    }
    for (const std::string& name : broken) definitions.erase(name);
    changed = !broken.empty();
  }
  return schema;
}

const valijson::Schema& FhirSchema() {
  static const std::unique_ptr<valijson::Schema> kSchema = [] {
    const Clock::time_point start = Clock::now();
    std::ifstream file("tests/data/fhir/schema/fhir.schema.json");
    const json document = WithoutDanglingDefinitions(json::parse(file));
    auto schema = std::make_unique<valijson::Schema>();
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    parser.populateSchema(valijson::adapters::NlohmannJsonAdapter(document), *schema);
    std::cout << "FHIR R4 schema (" << document["definitions"].size()
              << " definitions) read and parsed in " << SecondsSince(start) << " s\n";
    return schema;
  }();
  return *kSchema;
}

// "" when `document` is valid, else the validator's errors, one per line.
std::string SchemaErrors(const json& document) {
  valijson::Validator validator;
  valijson::ValidationResults results;
  if (validator.validate(FhirSchema(), valijson::adapters::NlohmannJsonAdapter(document),
                         &results)) {
    return "";
  }
  std::string errors;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    std::string path;
    for (const std::string& part : error.context) path += part;
    errors += path + ": " + error.description + "\n";
  }
  return errors;
}

// The resource types of HL7 FHIR R4 that the export writes (the schema also defines Medplum-only
// types, which a resource of Refract must never be).
const std::set<std::string>& ExportedR4Types() {
  static const std::set<std::string> kTypes = {"Patient", "Observation",   "Flag",
                                               "Device",  "Questionnaire", "Provenance"};
  return kTypes;
}

TEST(FhirExportSchemaTest, EveryExampleBundleAndEveryResourceInItIsValidFhirR4) {
  ASSERT_GE(ExportedExamples().size(), 10u);
  const Clock::time_point start = Clock::now();
  size_t resources = 0;
  for (const auto& example : ExportedExamples()) {
    EXPECT_EQ(SchemaErrors(example.bundle), "") << example.file;
    for (const json& entry : example.bundle["entry"]) {
      const json& resource = entry["resource"];
      EXPECT_TRUE(ExportedR4Types().contains(resource["resourceType"])) << resource["resourceType"];
      EXPECT_EQ(SchemaErrors(resource), "") << example.file << " " << resource["id"];
      ++resources;
    }
  }
  std::cout << ExportedExamples().size() << " bundles, " << resources << " resources validated in "
            << SecondsSince(start) << " s\n";
}

// The first exported resource of `type` in example h (it has every kind), for breaking.
json FirstOf(const std::string& type) {
  const std::vector<json> resources = ResourcesOf(ExampleStartingWith("h-").bundle, type);
  EXPECT_FALSE(resources.empty()) << type;
  return resources.empty() ? json::object() : resources.front();
}

TEST(FhirExportSchemaTest, TheUnbrokenResourcesPass) {
  for (const std::string& type : ExportedR4Types()) EXPECT_EQ(SchemaErrors(FirstOf(type)), "");
}

TEST(FhirExportSchemaTest, AnObservationWithAStatusOutsideTheR4CodesIsRejected) {
  json observation = FirstOf("Observation");
  observation["status"] = "done";
  EXPECT_NE(SchemaErrors(observation), "");
}

TEST(FhirExportSchemaTest, AnObservationWithoutItsCodeIsRejected) {
  json observation = FirstOf("Observation");
  observation.erase("code");
  EXPECT_NE(SchemaErrors(observation), "");
}

TEST(FhirExportSchemaTest, AFlagWithAnElementR4DoesNotDefineIsRejected) {
  json flag = FirstOf("Flag");
  flag["priority"] = "high";  // R4 carries priority in the flag-priority extension only
  EXPECT_NE(SchemaErrors(flag), "");
}

TEST(FhirExportSchemaTest, ABirthDateThatIsNotAFhirDateIsRejected) {
  json patient = FirstOf("Patient");
  patient["birthDate"] = "12/04/1991";
  EXPECT_NE(SchemaErrors(patient), "");
}

TEST(FhirExportSchemaTest, ABundleWithABrokenEntryIsRejected) {
  json bundle = ExampleStartingWith("h-").bundle;
  bundle["entry"][1]["resource"]["valueInteger"] = "21";
  EXPECT_NE(SchemaErrors(bundle), "");
}

}  // namespace
}  // namespace refract::fhir
