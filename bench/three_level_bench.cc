// Three-level model timings (refract::stats::FitThreeLevel, REML): the Metapsy depression data
// (900 effects in 480 studies) and dat.konstantopoulos2011 (56 in 11), read from
// tests/data/metafor/ref-threelevel.json, and a simulated k = 100,000 in 20,000 clusters.
// Compare with R metafor rma.mv on the same data (bench/three_level_rma_mv.R, bench/RESULTS.md).
#include <benchmark/benchmark.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "refract/stats/rma_mv.h"

namespace {

using refract::stats::ThreeLevelInput;

ThreeLevelInput FromReference(int dataset) {
  std::ifstream in(std::string(REFRACT_SOURCE_DIR) + "/tests/data/metafor/ref-threelevel.json");
  const nlohmann::json ref = nlohmann::json::parse(in);
  const nlohmann::json& inputs = ref["datasets"][dataset]["inputs"];
  ThreeLevelInput input;
  input.yi = inputs["yi"].get<std::vector<double>>();
  input.vi = inputs["vi"].get<std::vector<double>>();
  input.cluster = inputs["cluster"].get<std::vector<std::string>>();
  return input;
}

// Clusters of 5 effects: y = 0.3 + u + w + e, u ~ N(0, 0.1), w ~ N(0, 0.05), v ~ U(0.01, 0.5).
ThreeLevelInput Simulate(std::size_t k) {
  std::mt19937_64 rng(7);
  std::normal_distribution<double> normal;
  std::uniform_real_distribution<double> uniform(0.01, 0.5);
  ThreeLevelInput input;
  double u = 0;
  for (std::size_t i = 0; i < k; ++i) {
    if (i % 5 == 0) u = normal(rng) * std::sqrt(0.1);
    const double v = uniform(rng);
    input.vi.push_back(v);
    input.yi.push_back(0.3 + u + normal(rng) * std::sqrt(0.05 + v));
    input.cluster.push_back(std::to_string(i / 5));
  }
  return input;
}

void Fit(benchmark::State& state, const ThreeLevelInput& input) {
  for (auto _ : state) {
    auto fit = refract::stats::FitThreeLevel(input);
    if (!fit.ok()) state.SkipWithError(fit.status().message().c_str());
    benchmark::DoNotOptimize(fit);
  }
}

void BM_ThreeLevelMetapsy(benchmark::State& state) { Fit(state, FromReference(1)); }
BENCHMARK(BM_ThreeLevelMetapsy)->Unit(benchmark::kMicrosecond);

void BM_ThreeLevelKonstantopoulos(benchmark::State& state) { Fit(state, FromReference(0)); }
BENCHMARK(BM_ThreeLevelKonstantopoulos)->Unit(benchmark::kMicrosecond);

void BM_ThreeLevelSimulated100k(benchmark::State& state) { Fit(state, Simulate(100000)); }
BENCHMARK(BM_ThreeLevelSimulated100k)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
