// Shared helpers of refract_measures_tests: the embedded instrument definitions and parameters,
// loaded once, and builders for administrations.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string_view>
#include <vector>

#include "refract/io/instrument_json.h"
#include "refract/io/knowledge_json.h"
#include "refract/measures/score.h"

namespace refract::measures::testing {

// Aborts with the loader's message when the embedded files do not load (instrument_json_test.cc
// reports the same failure as a test).
inline const MeasuresKnowledge& Knowledge() {
  static const MeasuresKnowledge* const kKnowledge = [] {
    StatusOr<MeasuresKnowledge> knowledge = LoadMeasures(EmbeddedMeasuresTexts());
    if (!knowledge.ok()) {
      std::fprintf(stderr, "embedded measures knowledge: %s\n",
                   knowledge.status().message().c_str());
      std::abort();
    }
    return new MeasuresKnowledge(std::move(knowledge).value());
  }();
  return *kKnowledge;
}

inline const MeasuresParameters& Parameters() { return Knowledge().parameters; }

// The response boundaries of the embedded knowledge/parameters.json (outcome.*).
inline const PercentChangeParameters& Percent() {
  static const PercentChangeParameters* const kPercent = [] {
    StatusOr<KnowledgeBase> knowledge = LoadKnowledge(EmbeddedKnowledgeTexts());
    if (!knowledge.ok()) {
      std::fprintf(stderr, "embedded knowledge: %s\n", knowledge.status().message().c_str());
      std::abort();
    }
    return new PercentChangeParameters(PercentChangeThresholds(*knowledge));
  }();
  return *kPercent;
}

inline const InstrumentDefinition& Instrument(std::string_view id) {
  const InstrumentDefinition* instrument = FindInstrument(Knowledge().instruments, id);
  if (!instrument) std::abort();
  return *instrument;
}

// Item values that add up to `total` under the instrument's aggregation: each domain (QIDS) or item
// is filled up to its maximum in item order. REQUIRES: total within the instrument's range.
inline std::vector<std::optional<int>> ItemsForTotal(const InstrumentDefinition& instrument,
                                                     int total) {
  std::vector<std::optional<int>> items;
  for (const ItemDefinition& item : instrument.items) {
    if (item.scored) items.push_back(item.min);
  }
  int remaining = total - [&] {
    int sum = 0;
    for (const auto& value : items) sum += *value;
    return instrument.aggregation == Aggregation::kDomainMax ? 0 : sum;
  }();
  auto fill = [&](int number) {
    const ItemDefinition& item = *instrument.FindItem(number);
    const int add = std::min(remaining, item.max - item.min);
    items[number - 1] = item.min + add;
    remaining -= add;
  };
  if (instrument.aggregation == Aggregation::kDomainMax) {
    for (const Domain& domain : instrument.domains) fill(domain.items.front());
  } else {
    for (const ItemDefinition& item : instrument.items) {
      if (item.scored) fill(item.number);
    }
  }
  return items;
}

// Scores `items` (HAM-D item 16 rated as 16A); fails the test on an error.
inline ScoredAdministration ScoreItems(const InstrumentDefinition& instrument,
                                       std::vector<std::optional<int>> items,
                                       const ScoringOptions& options = {}) {
  ItemResponses responses;
  responses.items = std::move(items);
  if (instrument.FindItem(16) && !instrument.FindItem(16)->variants.empty()) {
    responses.variants[16] = "A";
  }
  StatusOr<ScoredAdministration> scored = Score(instrument, responses, options);
  EXPECT_TRUE(scored.ok()) << scored.status().message();
  return scored.ok() ? *scored : ScoredAdministration{};
}

inline ScoredAdministration ScoreTotal(const InstrumentDefinition& instrument, int total,
                                       const ScoringOptions& options = {}) {
  if (instrument.totals_only) {
    ItemResponses responses;
    responses.total = total;
    responses.safety_item = 0;
    StatusOr<ScoredAdministration> scored = Score(instrument, responses, options);
    EXPECT_TRUE(scored.ok()) << scored.status().message();
    return scored.ok() ? *scored : ScoredAdministration{};
  }
  return ScoreItems(instrument, ItemsForTotal(instrument, total), options);
}

}  // namespace refract::measures::testing
