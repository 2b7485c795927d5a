// libFuzzer target for the patient record parsers (refract-patient/1, JSON and YAML).
//
// Every input goes through ParsePatientJson and ParsePatientYaml with the embedded knowledge tables
// and measures. Neither parser may crash, leak, hit undefined behaviour or throw: each returns
// either a record or a Status whose message is non-empty. An accepted record is then assessed (with
// the next-step options) and serialised, so that any record the parser lets through is also safe
// for the engine (AssessPatient, RankOptions) and the JSON writer.
//
// Build and run: docs/fuzzing.md.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "refract/app/next_steps.h"
#include "refract/io/assessment_json.h"
#include "refract/io/instrument_json.h"
#include "refract/io/knowledge_json.h"
#include "refract/io/options_json.h"
#include "refract/io/patient_json.h"
#include "refract/io/patient_yaml.h"

namespace {

const refract::KnowledgeBase& Knowledge() {
  static const refract::KnowledgeBase* const kKnowledge = [] {
    refract::StatusOr<refract::KnowledgeBase> knowledge =
        refract::LoadKnowledge(refract::EmbeddedKnowledgeTexts());
    if (!knowledge.ok()) std::abort();  // the embedded tables are checked by the unit tests
    return new refract::KnowledgeBase(std::move(knowledge).value());
  }();
  return *kKnowledge;
}

const refract::MeasuresKnowledge& Measures() {
  static const refract::MeasuresKnowledge* const kMeasures = [] {
    refract::StatusOr<refract::MeasuresKnowledge> measures =
        refract::LoadMeasures(refract::EmbeddedMeasuresTexts());
    if (!measures.ok()) std::abort();
    return new refract::MeasuresKnowledge(std::move(measures).value());
  }();
  return *kMeasures;
}

const std::shared_ptr<const refract::OptionsKnowledge>& Options() {
  static const std::shared_ptr<const refract::OptionsKnowledge> kOptions = [] {
    auto options = refract::LoadOptions(refract::EmbeddedOptionsTexts(), Knowledge());
    if (!options.ok()) std::abort();
    return *options;
  }();
  return kOptions;
}

// A rejection must always explain itself; an accepted record must assess and serialise.
void Check(const refract::StatusOr<refract::PatientRecord>& record) {
  if (!record.ok()) {
    if (record.status().message().empty()) std::abort();
    return;
  }
  const refract::Assessment assessment = refract::AssessPatient(
      *record, Knowledge(), Measures(), Options(), refract::StagingOptions{});
  if (refract::AssessmentToJson(assessment, false).empty()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  Check(refract::ParsePatientJson(text, Knowledge(), Measures(), Options()->catalogue));
  Check(refract::ParsePatientYaml(text, Knowledge(), Measures(), Options()->catalogue));
  return 0;
}
