// Meta-analysis engine timings: REML fits at k = 20, 1,000 and 1,000,000, leave-one-out
// at k = 200, and a 10,000-replicate simulation of k = 20 REML fits. Compare with the metafor 3.8-1
// anchors in tests/data/metafor/README.md and bench/RESULTS.md.
#include <benchmark/benchmark.h>

#include <cmath>
#include <random>
#include <vector>

#include "refract/stats/rma.h"
#include "refract/stats/rma_sensitivity.h"

namespace {

using refract::stats::RmaInput;
using refract::stats::RmaOptions;

constexpr double kTrueTau2 = 0.1;

// k studies with v ~ U(0.01, 1) and y ~ N(0.3, v + tau2), from a fixed-seed generator.
RmaInput Simulate(std::size_t k, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> uniform(0.01, 1.0);
  std::normal_distribution<double> normal;
  RmaInput in;
  in.yi.resize(k);
  in.vi.resize(k);
  for (std::size_t i = 0; i < k; ++i) {
    in.vi[i] = uniform(rng);
    in.yi[i] = 0.3 + normal(rng) * std::sqrt(in.vi[i] + kTrueTau2);
  }
  return in;
}

void BM_RemlFit(benchmark::State& state) {
  std::mt19937_64 rng(42);
  const RmaInput in = Simulate(static_cast<std::size_t>(state.range(0)), rng);
  const RmaOptions options;
  for (auto _ : state) {
    auto fit = refract::stats::FitRma(in, options);
    benchmark::DoNotOptimize(fit);
  }
}
BENCHMARK(BM_RemlFit)->Arg(20)->Arg(1000)->Arg(1000000)->Unit(benchmark::kMicrosecond);

void BM_LeaveOneOut(benchmark::State& state) {
  std::mt19937_64 rng(42);
  const RmaInput in = Simulate(200, rng);
  const RmaOptions options;
  for (auto _ : state) {
    auto fits = refract::stats::LeaveOneOut(in, options);
    benchmark::DoNotOptimize(fits);
  }
}
BENCHMARK(BM_LeaveOneOut)->Unit(benchmark::kMillisecond);

// 10,000 simulated k = 20 data sets, each fitted by REML (the safeguarded fallback is counted).
void BM_Simulation10k(benchmark::State& state) {
  for (auto _ : state) {
    std::mt19937_64 rng(2024);
    int fallbacks = 0;
    for (int rep = 0; rep < 10000; ++rep) {
      auto fit = refract::stats::FitRma(Simulate(20, rng), RmaOptions());
      fallbacks += fit.ok() && fit->metafor_would_error ? 1 : 0;
    }
    state.counters["fallbacks"] = fallbacks;
  }
}
BENCHMARK(BM_Simulation10k)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
