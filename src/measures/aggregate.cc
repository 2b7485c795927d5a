#include "aggregate.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace refract::measures::internal {
namespace {

std::optional<int> ValueOf(const std::vector<std::optional<int>>& values, int number) {
  const size_t index = static_cast<size_t>(number - 1);
  return index < values.size() ? values[index] : std::nullopt;
}

std::string TooManyMissing(const InstrumentDefinition& instrument, int missing) {
  const MissingRule& rule = instrument.missing;
  const std::string allowed = rule.policy == MissingPolicy::kProrate
                                  ? fmt::format("at most {} may be prorated", rule.max_missing)
                                  : std::string("all items are required");
  return fmt::format("{} unanswered item(s); {} for {} ({})", missing, allowed, instrument.name,
                     rule.provenance.source);
}

// Sum of the scored items; prorated (mean substitution, measures-decisions.md §1.4) within the
// missing rule.
Aggregate SumItems(const InstrumentDefinition& instrument,
                   const std::vector<std::optional<int>>& values) {
  Aggregate result;
  int sum = 0;
  int scored = 0;
  for (const ItemDefinition& item : instrument.items) {
    if (!item.scored) continue;
    ++scored;
    if (std::optional<int> value = ValueOf(values, item.number)) {
      sum += *value;
    } else {
      ++result.missing_items;
    }
  }
  const int answered = scored - result.missing_items;
  const int max_missing =
      instrument.missing.policy == MissingPolicy::kProrate ? instrument.missing.max_missing : 0;
  if (result.missing_items > max_missing || answered == 0) {
    result.not_scored_reason = TooManyMissing(instrument, result.missing_items);
    return result;
  }
  result.prorated = result.missing_items > 0;
  result.total = static_cast<double>(sum) * scored / answered;
  return result;
}

// QIDS-SR16: the highest answered item of each domain, summed (measures-decisions.md §3). A domain
// with one answered item is computable (its blank partners are not missing); an empty domain leaves
// no total.
Aggregate DomainMax(const InstrumentDefinition& instrument,
                    const std::vector<std::optional<int>>& values) {
  Aggregate result;
  int sum = 0;
  std::vector<std::string> empty_domains;
  for (const Domain& domain : instrument.domains) {
    std::optional<int> highest;
    for (int number : domain.items) {
      if (std::optional<int> value = ValueOf(values, number)) {
        highest = std::max(highest.value_or(*value), *value);
      }
    }
    if (highest) {
      sum += *highest;
    } else {
      result.missing_items += static_cast<int>(domain.items.size());
      empty_domains.push_back(domain.name);
    }
  }
  if (!empty_domains.empty()) {
    result.not_scored_reason =
        fmt::format("no answered item in domain(s) {} of {} ({})", fmt::join(empty_domains, ", "),
                    instrument.name, instrument.missing.provenance.source);
    return result;
  }
  result.total = sum;
  return result;
}

// PANAS: each subscale summed, all its items required (measures-decisions.md §7.1 POLICY); no
// total.
Aggregate Subscales(const InstrumentDefinition& instrument,
                    const std::vector<std::optional<int>>& values) {
  Aggregate result;
  for (const Subscale& subscale : instrument.subscales) {
    SubscaleScore score;
    score.id = subscale.id;
    score.direction = subscale.direction;
    int sum = 0;
    for (int number : subscale.items) {
      std::optional<int> value = ValueOf(values, number);
      sum += value.value_or(0);
      if (!value) ++score.missing_items;
    }
    if (score.missing_items == 0) {
      score.total = sum;
    } else {
      score.not_scored_reason = TooManyMissing(instrument, score.missing_items);
    }
    result.missing_items += score.missing_items;
    result.subscales.push_back(std::move(score));
  }
  result.not_scored_reason =
      fmt::format("{} has no total: its subscales are scored separately ({})", instrument.name,
                  instrument.aggregation_provenance.source);
  return result;
}

}  // namespace

Aggregate AggregateItems(const InstrumentDefinition& instrument,
                         const std::vector<std::optional<int>>& values) {
  switch (instrument.aggregation) {
    case Aggregation::kSum:
      return SumItems(instrument, values);
    case Aggregation::kDomainMax:
      return DomainMax(instrument, values);
    case Aggregation::kSubscales:
      return Subscales(instrument, values);
  }
  return SumItems(instrument, values);
}

}  // namespace refract::measures::internal
