// Reading `refract-patient/1` records written in YAML (docs/patient-record.md, "YAML").
//
// The YAML document is turned into the same JSON tree the JSON reader checks, then read by it, so a
// YAML record is accepted exactly when the same record in JSON is, and every error names the same
// path. YAML-only rules: plain scalars resolve by the YAML 1.2 core schema (`yes`/`no`/`on`/`off`
// and dates stay strings; quoted scalars are always strings); duplicate keys, anchors and aliases,
// tags and more than one document are rejected; a syntax error names the line and column. On
// failure the Status is kInvalidArgument listing every problem, one per line. Never throws.
#pragma once

#include <string>
#include <string_view>

#include "refract/base/status.h"
#include "refract/domain/patient.h"
#include "refract/io/instrument_json.h"
#include "refract/knowledge/knowledge.h"
#include "refract/options/catalogue.h"

namespace refract {

StatusOr<PatientRecord> ParsePatientYaml(std::string_view text, const KnowledgeBase& knowledge,
                                         const MeasuresKnowledge& measures,
                                         const InterventionCatalogue& interventions);

// The single YAML document in `text` as JSON text (the tree ParsePatientYaml reads), keys in the
// document's order; compact, or indented by `indent` spaces.
StatusOr<std::string> YamlToJsonText(std::string_view text, int indent = -1);

}  // namespace refract
