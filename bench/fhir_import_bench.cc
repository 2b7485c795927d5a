// FHIR import of a 5 MB Bundle: a synthetic patient with ten years of monthly sertraline dispenses
// (RxNorm clinical drug, so the strength table is used), daily PHQ-9 panels with nine item
// components, and Encounters the import skips. Measures ImportBundle on the parsed Bundle and
// parse + import from the text. Results: bench/RESULTS.md ("FHIR import").
#include <benchmark/benchmark.h>

#include <string>

#include <nlohmann/json.hpp>

#include "refract/base/date.h"
#include "refract/engine/engine.h"
#include "refract/fhir/fhir_import.h"

namespace {

using nlohmann::json;
using refract::AddDays;
using refract::Date;

const refract::Engine& TheEngine() {
  static const refract::Engine kEngine = *refract::Engine::Create(refract::EmbeddedKnowledgeSource());
  return kEngine;
}

json Entry(json resource) {
  resource["subject"] = {{"reference", "Patient/bench"}};
  return {{"fullUrl", "urn:uuid:" + resource["id"].get<std::string>()}, {"resource", std::move(resource)}};
}

json Loinc(const std::string& code) { return {{"coding", {{{"system", "http://loinc.org"}, {"code", code}}}}}; }

// A Bundle of about `target_bytes` of JSON text.
json SyntheticBundle(std::size_t target_bytes) {
  const Date start = *Date::Parse("2015-01-05");
  const Date first_day = *Date::Parse("2011-12-01");
  json bundle = {{"resourceType", "Bundle"}, {"type", "searchset"}, {"timestamp", "2030-12-31T00:00:00Z"}};
  bundle["entry"].push_back({{"resource", {{"resourceType", "Patient"}, {"id", "bench"}, {"gender", "female"}}}});
  bundle["entry"].push_back(Entry({{"resourceType", "Condition"}, {"id", "mdd"},
                                   {"code", {{"coding", {{{"system", "http://snomed.info/sct"}, {"code", "66344007"}}}}}},
                                   {"severity", {{"coding", {{{"system", "http://snomed.info/sct"}, {"code", "24484000"}}}}}},
                                   {"onsetDateTime", "2011-11-01"}}));
  for (int month = 0; month < 120; ++month) {
    bundle["entry"].push_back(Entry(
        {{"resourceType", "MedicationDispense"}, {"id", "d" + std::to_string(month)}, {"status", "completed"},
         {"medicationCodeableConcept", {{"coding", {{{"system", "http://www.nlm.nih.gov/research/umls/rxnorm"}, {"code", "312938"}}}}}},
         {"whenHandedOver", AddDays(start, 30 * month).ToString()}, {"daysSupply", {{"value", 30}}},
         {"dosageInstruction", {{{"timing", {{"repeat", {{"frequency", 1}, {"period", 1}, {"periodUnit", "d"}}}}},
                                 {"doseAndRate", {{{"doseQuantity", {{"value", 1}, {"unit", "tablet"}}}}}}}}}}));
  }
  const char* items[] = {"44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8"};
  for (int day = 0; bundle.dump().size() < target_bytes; ++day) {
    for (int batch = 0; batch < 50; ++batch, ++day) {
      json panel = {{"resourceType", "Observation"}, {"id", "phq9-" + std::to_string(day)}, {"status", "final"},
                    {"code", Loinc("44249-1")}, {"effectiveDateTime", AddDays(first_day, day).ToString()},
                    {"valueQuantity", {{"value", 9}}}};
      for (int item = 0; item < 9; ++item) {
        panel["component"].push_back({{"code", Loinc(items[item])}, {"valueInteger", item < 8 ? (day + item) % 2 : 0}});
      }
      bundle["entry"].push_back(Entry(panel));
      bundle["entry"].push_back(Entry({{"resourceType", "Encounter"}, {"id", "e" + std::to_string(day)},
                                       {"status", "finished"}}));
    }
  }
  return bundle;
}

const json& Bundle() {
  static const json kBundle = SyntheticBundle(5'000'000);
  return kBundle;
}

void BM_ImportBundle(benchmark::State& state) {
  const json& bundle = Bundle();
  for (auto _ : state) {
    auto result = refract::fhir::ImportBundle(TheEngine(), bundle, {});
    if (!result.ok()) state.SkipWithError(result.status().message().c_str());
    benchmark::DoNotOptimize(result);
  }
  state.counters["bundle_bytes"] = static_cast<double>(bundle.dump().size());
  state.counters["resources"] = static_cast<double>(bundle["entry"].size());
}
BENCHMARK(BM_ImportBundle)->Unit(benchmark::kMillisecond);

void BM_ParseAndImportBundle(benchmark::State& state) {
  const std::string text = Bundle().dump();
  for (auto _ : state) {
    auto result = refract::fhir::ImportBundle(TheEngine(), json::parse(text), {});
    if (!result.ok()) state.SkipWithError(result.status().message().c_str());
    benchmark::DoNotOptimize(result);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ParseAndImportBundle)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
