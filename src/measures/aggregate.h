// Aggregation of validated item values into totals (private to refract::measures).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "refract/measures/instrument.h"
#include "refract/measures/score.h"

namespace refract::measures::internal {

struct Aggregate {
  std::optional<double> total;
  int missing_items = 0;
  bool prorated = false;
  std::string not_scored_reason;
  std::vector<SubscaleScore> subscales;
};

// REQUIRES: `values` validated against `instrument` (in range; not-assessed codes already replaced
// by nullopt); values[n - 1] is item n and may be shorter than the item list (trailing unscored
// items).
Aggregate AggregateItems(const InstrumentDefinition& instrument,
                         const std::vector<std::optional<int>>& values);

}  // namespace refract::measures::internal
