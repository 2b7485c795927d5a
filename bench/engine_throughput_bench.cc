// In-process throughput of the work POST /api/v1/assess does per request, for comparison with the
// server under wrk (bench/server_bench.sh): Engine::ParseRecord (JSON) + Engine::Assess (default
// AssessOptions: the "atrq" dose table, staging, measures and the ranked next-step options) +
// AssessmentToJson (compact), the same three calls as the route (src/server/compute_routes.cc).
//
//   AssessRoute/threads:N/real_time   N threads share one Engine (as the server's workers do); each
//                                     iteration takes the next record of examples/*.json in
//                                     rotation; items/s is records per second of wall time.
//
// Usage: refract_engine_throughput_bench [RECORD.json ...] [--benchmark_* flags]. With no files it
// reads every examples/*.json; the server benchmark passes the same files it sends. A record the
// engine rejects stops the run (the comparison would be unfair). Results: bench/RESULTS.md.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include "refract/engine/engine.h"
#include "refract/io/assessment_json.h"
#include "refract/io/text_file.h"

namespace {

const refract::Engine& SharedEngine() {
  static const refract::Engine kEngine =
      *refract::Engine::Create(refract::EmbeddedKnowledgeSource());
  return kEngine;
}

std::vector<std::string>& Bodies() {
  static std::vector<std::string> bodies;
  return bodies;
}

// The route's work for one request body; an empty string when the engine rejects it.
std::string AssessBody(const std::string& body) {
  const refract::Engine& engine = SharedEngine();
  auto record = engine.ParseRecord(body, refract::RecordSyntax::kJson);
  if (!record.ok()) return "";
  auto assessment = engine.Assess(*record, refract::AssessOptions{});
  if (!assessment.ok()) return "";
  return refract::AssessmentToJson(*assessment, false);
}

void BM_AssessRoute(benchmark::State& state) {
  const std::vector<std::string>& bodies = Bodies();
  size_t next = static_cast<size_t>(state.thread_index());
  for (auto _ : state) {
    std::string reply = AssessBody(bodies[next % bodies.size()]);
    benchmark::DoNotOptimize(reply);
    ++next;
  }
  state.SetItemsProcessed(state.iterations());
}

std::vector<std::string> DefaultFiles() {
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(REFRACT_EXAMPLES_DIR)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

BENCHMARK(BM_AssessRoute)->Name("AssessRoute")->Threads(1)->Threads(2)->UseRealTime();

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  std::vector<std::string> files(argv + 1, argv + argc);
  if (files.empty()) files = DefaultFiles();
  for (const std::string& file : files) {
    auto text = refract::ReadTextFile(file);
    if (!text.ok() || AssessBody(*text).empty()) {
      std::fprintf(stderr, "%s: not read or not assessed\n", file.c_str());
      return 1;
    }
    Bodies().push_back(*text);
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
