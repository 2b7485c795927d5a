// Scoring throughput of refract::measures (docs/measures-decisions.md): PHQ-9, QIDS-SR16 and
// HAM-D17 administrations scored in-process, from a fixed pool of pseudo-random item vectors (about
// 1 in 10 with one item unanswered, so proration, domain rules and safety alerts are exercised).
// Results: bench/RESULTS.md.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <random>
#include <vector>

#include "refract/io/instrument_json.h"
#include "refract/measures/score.h"

namespace refract::measures {
namespace {

constexpr int kPoolSize = 4096;
constexpr int kMillion = 1'000'000;

const MeasuresKnowledge& Knowledge() {
  static const MeasuresKnowledge* const kKnowledge = [] {
    StatusOr<MeasuresKnowledge> knowledge = LoadMeasures(EmbeddedMeasuresTexts());
    if (!knowledge.ok()) std::abort();
    return new MeasuresKnowledge(std::move(knowledge).value());
  }();
  return *kKnowledge;
}

std::vector<ItemResponses> Pool(const InstrumentDefinition& instrument) {
  std::mt19937 generator(20261123);
  std::vector<ItemResponses> pool(kPoolSize);
  for (ItemResponses& responses : pool) {
    for (const ItemDefinition& item : instrument.items) {
      if (!item.scored) continue;
      std::uniform_int_distribution<int> value(item.min, item.max);
      responses.items.push_back(value(generator));
    }
    if (generator() % 10 == 0) responses.items[generator() % responses.items.size()].reset();
    if (!instrument.FindItem(16) || instrument.FindItem(16)->variants.empty()) continue;
    responses.variants.emplace(16, "A");
  }
  return pool;
}

// One Score() call per iteration.
void BM_Score(benchmark::State& state, const char* id) {
  const InstrumentDefinition& instrument = *FindInstrument(Knowledge().instruments, id);
  const std::vector<ItemResponses> pool = Pool(instrument);
  size_t next = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(Score(instrument, pool[next]));
    next = (next + 1) % pool.size();
  }
  state.SetItemsProcessed(state.iterations());
}

// 1,000,000 administrations per iteration.
void BM_ScoreMillion(benchmark::State& state, const char* id) {
  const InstrumentDefinition& instrument = *FindInstrument(Knowledge().instruments, id);
  const std::vector<ItemResponses> pool = Pool(instrument);
  for (auto _ : state) {
    for (int i = 0; i < kMillion; ++i) {
      benchmark::DoNotOptimize(Score(instrument, pool[i % kPoolSize]));
    }
  }
  state.SetItemsProcessed(state.iterations() * kMillion);
}

BENCHMARK_CAPTURE(BM_Score, phq9, "phq9");
BENCHMARK_CAPTURE(BM_Score, qids_sr16, "qids_sr16");
BENCHMARK_CAPTURE(BM_Score, hamd17, "hamd17");
BENCHMARK_CAPTURE(BM_ScoreMillion, phq9, "phq9")->Unit(benchmark::kMillisecond)->Iterations(3);
BENCHMARK_CAPTURE(BM_ScoreMillion, qids_sr16, "qids_sr16")
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);
BENCHMARK_CAPTURE(BM_ScoreMillion, hamd17, "hamd17")->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
}  // namespace refract::measures

BENCHMARK_MAIN();
