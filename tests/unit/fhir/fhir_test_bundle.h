// Helpers for the FHIR import tests: one engine, files under tests/data/fhir, and a Bundle around
// test resources with the Patient and the current episode every import needs.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "refract/engine/engine.h"
#include "refract/fhir/fhir_import.h"

namespace refract::fhir {

const Engine& TestEngine();
nlohmann::json ReadJsonFile(const std::string& path);  // relative to tests/data/fhir/
// A collection Bundle (timestamp 2025-06-01): Patient p1, an active moderate recurrent MDD
// Condition (onset 2024-01-10), then `resources`.
nlohmann::json BundleWith(const std::vector<nlohmann::json>& resources);
// The report entry for `resource`, or an empty entry.
MappingEntry ReportFor(const ImportResult& result, const std::string& resource);
// "path: rule" lines of an error.
std::string ErrorLines(const Status& status);

}  // namespace refract::fhir
