// The knowledge compiled into refract, loaded once per test binary, and the record parser bound to
// it (header-only; link refract::io).
#pragma once

#include <cstdlib>
#include <string_view>

#include "refract/app/assess.h"
#include "refract/app/next_steps.h"
#include "refract/io/instrument_json.h"
#include "refract/io/knowledge_json.h"
#include "refract/io/options_json.h"
#include "refract/io/patient_json.h"
#include "refract/knowledge/knowledge.h"

namespace refract::test_support {

// The embedded tables. Aborts when they do not load: refract_io_tests reports why.
inline const KnowledgeBase& EmbeddedKnowledge() {
  static const KnowledgeBase* const kKnowledge = [] {
    StatusOr<KnowledgeBase> knowledge = LoadKnowledge(EmbeddedKnowledgeTexts());
    if (!knowledge.ok()) std::abort();
    return new KnowledgeBase(std::move(knowledge).value());
  }();
  return *kKnowledge;
}

// The embedded instrument definitions and change-rule parameters.
inline const MeasuresKnowledge& EmbeddedMeasures() {
  static const MeasuresKnowledge* const kMeasures = [] {
    StatusOr<MeasuresKnowledge> measures = LoadMeasures(EmbeddedMeasuresTexts());
    if (!measures.ok()) std::abort();
    return new MeasuresKnowledge(std::move(measures).value());
  }();
  return *kMeasures;
}

// The embedded next-step options: catalogue, ranking weights and the Metapsy syntheses.
inline const std::shared_ptr<const OptionsKnowledge>& EmbeddedOptions() {
  static const std::shared_ptr<const OptionsKnowledge> kOptions = [] {
    StatusOr<std::shared_ptr<const OptionsKnowledge>> options =
        LoadOptions(EmbeddedOptionsTexts(), EmbeddedKnowledge());
    if (!options.ok()) std::abort();
    return *options;
  }();
  return kOptions;
}

// ParsePatientJson with the embedded knowledge.
inline StatusOr<PatientRecord> ParseRecord(std::string_view text) {
  return ParsePatientJson(text, EmbeddedKnowledge(), EmbeddedMeasures(),
                          EmbeddedOptions()->catalogue);
}

// AssessPatient with the embedded knowledge.
inline Assessment AssessWithEmbedded(const PatientRecord& record,
                                     const StagingOptions& options = {}) {
  return AssessPatient(record, EmbeddedKnowledge(), EmbeddedMeasures(), options);
}

// AssessPatient with the embedded knowledge, including the next-step options.
inline Assessment AssessWithOptions(const PatientRecord& record,
                                    const StagingOptions& options = {}) {
  return AssessPatient(record, EmbeddedKnowledge(), EmbeddedMeasures(), EmbeddedOptions(), options);
}

}  // namespace refract::test_support
