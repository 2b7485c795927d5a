// What the import steps share while they turn one Bundle into one refract-patient/1 document: the
// inputs, the document being built, the mapping report and the field errors. Each step
// (import_steps.h) reads the resources it maps and reports every one of them.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "bundle_index.h"
#include "code_tables.h"
#include "refract/base/status.h"
#include "refract/engine/engine.h"
#include "refract/fhir/fhir_import.h"

namespace refract::fhir {

struct ImportState {
  const Engine& engine;
  const CodeTables& tables;
  const BundleIndex& index;
  const BundleResource& patient;
  nlohmann::json record = nlohmann::json::object();  // the refract-patient/1 document
  std::vector<MappingEntry> report = {};
  std::vector<FieldError> errors = {};
  std::map<std::string, std::string> trial_of = {};  // resource label -> treatment id
  std::set<std::string> trial_ids = {};              // the ids of record["treatments"]
  std::vector<std::string> dates = {};               // every date read (for the default as_of)

  void Used(const std::string& resource, std::string mapped_to, std::string how) {
    report.push_back({resource, Disposition::kUsed, std::move(mapped_to), std::move(how)});
  }
  void Doubtful(const std::string& resource, std::string mapped_to, std::string why) {
    report.push_back({resource, Disposition::kDoubtful, std::move(mapped_to), std::move(why)});
  }
  void Skipped(const std::string& resource, std::string why) {
    report.push_back({resource, Disposition::kSkipped, "", std::move(why)});
  }
  void Error(std::string path, std::string rule) {
    errors.push_back({std::move(path), std::move(rule)});
  }
  void SawDate(const std::string& date) {
    if (!date.empty()) dates.push_back(date);
  }
};

// The resources of `type` that belong to the imported patient; the others are reported as
// skipped.
std::vector<const BundleResource*> ResourcesOf(ImportState& state, std::string_view type);

}  // namespace refract::fhir
