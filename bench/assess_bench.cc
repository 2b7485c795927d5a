// Benchmarks for the foundation: assessing one patient in-process, per example record.
//
//   AssessPatient/<example>        AssessPatient only (record parsed once, outside the loop)
//   ParseAndAssess/<example>       ParsePatientJson + AssessPatient
//   ParseAssessWrite/<example>     ParsePatientJson + AssessPatient + AssessmentToJson (what
//   `assess --json`
//                                  does per file, without the file system)
//   LoadKnowledge                  parsing and validating the embedded knowledge tables (once per
//   run)
//
// Target: well under 1 ms per patient in-process. Results: bench/RESULTS.md.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "refract/app/assess.h"
#include "refract/app/next_steps.h"
#include "refract/io/assessment_json.h"
#include "refract/io/instrument_json.h"
#include "refract/io/knowledge_json.h"
#include "refract/io/options_json.h"
#include "refract/io/patient_json.h"

namespace {

using refract::KnowledgeBase;

struct Example {
  std::string name;
  std::string text;
};

std::vector<Example> ReadExamples(const std::string& directory) {
  std::vector<Example> examples;
  for (const auto& entry : std::filesystem::directory_iterator(directory)) {
    if (entry.path().extension() != ".json") continue;
    std::ifstream file(entry.path(), std::ios::binary);
    std::ostringstream content;
    content << file.rdbuf();
    examples.push_back({entry.path().stem().string(), content.str()});
  }
  std::sort(examples.begin(), examples.end(),
            [](const Example& a, const Example& b) { return a.name < b.name; });
  return examples;
}

const refract::MeasuresKnowledge& Measures() {
  static const refract::MeasuresKnowledge kMeasures =
      *refract::LoadMeasures(refract::EmbeddedMeasuresTexts());
  return kMeasures;
}

const KnowledgeBase& Knowledge() {
  static const KnowledgeBase kKnowledge =
      *refract::LoadKnowledge(refract::EmbeddedKnowledgeTexts());
  return kKnowledge;
}

const std::shared_ptr<const refract::OptionsKnowledge>& Options() {
  static const std::shared_ptr<const refract::OptionsKnowledge> kOptions =
      *refract::LoadOptions(refract::EmbeddedOptionsTexts(), Knowledge());
  return kOptions;
}

const refract::InterventionCatalogue& Catalogue() { return Options()->catalogue; }

void BM_AssessPatient(benchmark::State& state, const refract::PatientRecord& record) {
  const refract::StagingOptions options;
  for (auto _ : state) {
    refract::Assessment assessment =
        refract::AssessPatient(record, Knowledge(), Measures(), options);
    benchmark::DoNotOptimize(assessment);
  }
}

void BM_ParseAndAssess(benchmark::State& state, const std::string& text) {
  const refract::StagingOptions options;
  for (auto _ : state) {
    auto record = refract::ParsePatientJson(text, Knowledge(), Measures(), Catalogue());
    refract::Assessment assessment =
        refract::AssessPatient(*record, Knowledge(), Measures(), options);
    benchmark::DoNotOptimize(assessment);
  }
}

void BM_ParseAssessWrite(benchmark::State& state, const std::string& text) {
  const refract::StagingOptions options;
  for (auto _ : state) {
    auto record = refract::ParsePatientJson(text, Knowledge(), Measures(), Catalogue());
    std::string json = refract::AssessmentToJson(
        refract::AssessPatient(*record, Knowledge(), Measures(), options), false);
    benchmark::DoNotOptimize(json);
  }
}

// The whole `refract assess` path per patient: staging, measures and the next-step options.
void BM_AssessWithOptions(benchmark::State& state, const refract::PatientRecord& record) {
  const refract::StagingOptions options;
  for (auto _ : state) {
    refract::Assessment assessment =
        refract::AssessPatient(record, Knowledge(), Measures(), Options(), options);
    benchmark::DoNotOptimize(assessment);
  }
}

// Once per process: load the catalogue and weights, map the embedded Metapsy rows and pool the
// syntheses.
void BM_LoadOptions(benchmark::State& state) {
  for (auto _ : state) {
    auto options = refract::LoadOptions(refract::EmbeddedOptionsTexts(), Knowledge());
    benchmark::DoNotOptimize(options);
  }
}

void BM_LoadKnowledge(benchmark::State& state) {
  for (auto _ : state) {
    auto knowledge = refract::LoadKnowledge(refract::EmbeddedKnowledgeTexts());
    benchmark::DoNotOptimize(knowledge);
  }
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  static const std::vector<Example> examples = ReadExamples(REFRACT_EXAMPLES_DIR);
  static std::vector<refract::PatientRecord> records;
  records.reserve(examples.size());
  for (const Example& example : examples) {
    auto record = refract::ParsePatientJson(example.text, Knowledge(), Measures(), Catalogue());
    if (!record.ok()) {
      std::fprintf(stderr, "%s: %s\n", example.name.c_str(), record.status().message().c_str());
      return 1;
    }
    records.push_back(*record);
  }
  for (size_t i = 0; i < examples.size(); ++i) {
    benchmark::RegisterBenchmark(("AssessPatient/" + examples[i].name).c_str(), BM_AssessPatient,
                                 std::cref(records[i]));
  }
  for (const Example& example : examples) {
    benchmark::RegisterBenchmark(("ParseAndAssess/" + example.name).c_str(), BM_ParseAndAssess,
                                 std::cref(example.text));
  }
  for (const Example& example : examples) {
    benchmark::RegisterBenchmark(("ParseAssessWrite/" + example.name).c_str(), BM_ParseAssessWrite,
                                 std::cref(example.text));
  }
  for (size_t i = 0; i < examples.size(); ++i) {
    benchmark::RegisterBenchmark(("AssessWithOptions/" + examples[i].name).c_str(),
                                 BM_AssessWithOptions, records[i]);
  }
  benchmark::RegisterBenchmark("LoadKnowledge", BM_LoadKnowledge);
  benchmark::RegisterBenchmark("LoadOptions", BM_LoadOptions);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
