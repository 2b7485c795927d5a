// The example patients of examples/ (JSON and YAML) exported as FHIR R4 bundles, built once per
// test binary with the embedded knowledge.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "refract/app/assess.h"
#include "refract/engine/engine.h"

namespace refract::fhir::testing {

struct ExportedExample {
  std::string file;  // "examples/h-....json"
  PatientRecord record;
  Assessment assessment;
  nlohmann::json bundle;
};

const Engine& TheEngine();
// Every example of examples/, sorted by file name.
const std::vector<ExportedExample>& ExportedExamples();
// The example whose file name starts with `prefix` ("h-"); fails the test when there is none.
const ExportedExample& ExampleStartingWith(const std::string& prefix);
// The bundle's entry resources of `type`.
std::vector<nlohmann::json> ResourcesOf(const nlohmann::json& bundle, const std::string& type);

}  // namespace refract::fhir::testing
