#include "refract/measures/score.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "aggregate.h"

namespace refract::measures {
namespace {

Status ItemError(const InstrumentDefinition& instrument, const ItemDefinition& item,
                 const std::string& rule) {
  return Status::InvalidArgument(fmt::format("{} item {}: {}", instrument.name, item.number, rule));
}

// Range (never clamped, §0.1) and A/B variant of one answered item.
Status CheckItem(const InstrumentDefinition& instrument, const ItemDefinition& item, int value,
                 const std::map<int, std::string>& variants) {
  const bool not_assessed = item.not_assessed_code == value;
  if (!not_assessed && (value < item.min || value > item.max)) {
    return ItemError(instrument, item,
                     fmt::format("{} is outside the item range {}-{}", value, item.min, item.max));
  }
  if (item.variants.empty() || not_assessed) return Status::Ok();
  auto variant = variants.find(item.number);
  if (variant == variants.end()) {
    return ItemError(
        instrument, item,
        fmt::format("state which variant was rated ({})", fmt::join(item.variants, " or ")));
  }
  if (std::find(item.variants.begin(), item.variants.end(), variant->second) ==
      item.variants.end()) {
    return ItemError(instrument, item, fmt::format("unknown variant '{}'", variant->second));
  }
  return Status::Ok();
}

size_t MinimumLength(const InstrumentDefinition& instrument) {
  size_t length = 0;
  for (const ItemDefinition& item : instrument.items) {
    if (item.scored) length = std::max(length, static_cast<size_t>(item.number));
  }
  return length;
}

Status CheckItems(const InstrumentDefinition& instrument, const ItemResponses& responses) {
  if (instrument.totals_only) {
    return Status::InvalidArgument(
        fmt::format("{} is recorded as totals only (with the self-harm item value): {}",
                    instrument.name, instrument.licensing));
  }
  if (responses.safety_item) {
    return Status::InvalidArgument("safety_item is only for a total-only administration");
  }
  const size_t count = responses.items.size();
  if (count < MinimumLength(instrument) || count > instrument.items.size()) {
    return Status::InvalidArgument(fmt::format("{}: {} item values given, expected {} to {}",
                                               instrument.name, count, MinimumLength(instrument),
                                               instrument.items.size()));
  }
  for (const auto& [number, variant] : responses.variants) {
    const ItemDefinition* item = instrument.FindItem(number);
    if (!item || item->variants.empty()) {
      return Status::InvalidArgument(
          fmt::format("{} item {} has no variants (got '{}')", instrument.name, number, variant));
    }
  }
  for (size_t i = 0; i < count; ++i) {
    if (!responses.items[i]) continue;
    Status status =
        CheckItem(instrument, instrument.items[i], *responses.items[i], responses.variants);
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

Status CheckTotalOnly(const InstrumentDefinition& instrument, const ItemResponses& responses) {
  if (!responses.items.empty()) {
    return Status::InvalidArgument(instrument.name + ": give either item values or a total");
  }
  if (instrument.aggregation == Aggregation::kSubscales) {
    return Status::InvalidArgument(instrument.name + " has subscales: item values are required");
  }
  if (*responses.total < instrument.total_min || *responses.total > instrument.total_max) {
    return Status::InvalidArgument(fmt::format("{} total: {} is outside the range {}-{}",
                                               instrument.name, *responses.total,
                                               instrument.total_min, instrument.total_max));
  }
  if (!responses.safety_item) return Status::Ok();
  if (!instrument.safety_item) {
    return Status::InvalidArgument(instrument.name + " has no self-harm item");
  }
  const SafetyItem& item = *instrument.safety_item;
  if (*responses.safety_item < item.min || *responses.safety_item > item.max) {
    return Status::InvalidArgument(fmt::format("{} item {}: {} is outside the item range {}-{}",
                                               instrument.name, item.item, *responses.safety_item,
                                               item.min, item.max));
  }
  return Status::Ok();
}

// Item values as scored: a not-assessed code (HAM-D 16 = 3) counts as unanswered, never as 0.
std::vector<std::optional<int>> EffectiveValues(const InstrumentDefinition& instrument,
                                                const std::vector<std::optional<int>>& items) {
  std::vector<std::optional<int>> values = items;
  for (size_t i = 0; i < values.size(); ++i) {
    if (values[i] && instrument.items[i].not_assessed_code == *values[i]) values[i].reset();
  }
  return values;
}

bool Meets(Comparison comparison, int value, int cut) {
  return comparison == Comparison::kAtLeast ? value >= cut : value <= cut;
}

bool CutoffMet(const Cutoff& cutoff, const ScoredAdministration& scored,
               const std::vector<std::optional<int>>& values) {
  if (cutoff.scope == CutoffScope::kTotal) {
    return scored.total_rounded && Meets(cutoff.comparison, *scored.total_rounded, cutoff.value);
  }
  return std::any_of(values.begin(), values.end(), [&](const std::optional<int>& value) {
    return value && Meets(cutoff.comparison, *value, cutoff.value);
  });
}

ScoredAdministration Header(const InstrumentDefinition& instrument,
                            const ItemResponses& responses) {
  ScoredAdministration scored;
  scored.instrument_id = instrument.id;
  scored.instrument_version = instrument.version;
  scored.rater = instrument.rater;
  scored.time_frame = responses.time_frame.empty() ? instrument.time_frame : responses.time_frame;
  scored.date = responses.date;
  scored.total_only = responses.total.has_value();
  scored.items = responses.items;
  scored.variants = responses.variants;
  return scored;
}

void ApplyAggregate(const InstrumentDefinition& instrument, const ItemResponses& responses,
                    const std::vector<std::optional<int>>& values, ScoredAdministration& scored) {
  if (responses.total) {
    scored.total = *responses.total;
    scored.safety_item_value = responses.safety_item;
    return;
  }
  internal::Aggregate aggregate = internal::AggregateItems(instrument, values);
  scored.total = aggregate.total;
  scored.missing_items = aggregate.missing_items;
  scored.prorated = aggregate.prorated;
  scored.not_scored_reason = std::move(aggregate.not_scored_reason);
  scored.subscales = std::move(aggregate.subscales);
  if (instrument.safety_item) {
    const size_t index = static_cast<size_t>(instrument.safety_item->item - 1);
    if (index < responses.items.size()) scored.safety_item_value = responses.items[index];
  }
}

}  // namespace

int RoundHalfUp(double value) { return static_cast<int>(std::floor(value + 0.5)); }

const SubscaleScore* ScoredAdministration::FindSubscale(std::string_view subscale_id) const {
  auto it = std::find_if(subscales.begin(), subscales.end(),
                         [&](const SubscaleScore& score) { return score.id == subscale_id; });
  return it == subscales.end() ? nullptr : &*it;
}

StatusOr<ScoredAdministration> Score(const InstrumentDefinition& instrument,
                                     const ItemResponses& responses,
                                     const ScoringOptions& options) {
  const BandScheme* scheme = instrument.FindBandScheme(options.band_scheme);
  if (!scheme && !options.band_scheme.empty()) {
    return Status::InvalidArgument(
        fmt::format("{} has no band scheme '{}'", instrument.name, options.band_scheme));
  }
  Status status =
      responses.total ? CheckTotalOnly(instrument, responses) : CheckItems(instrument, responses);
  if (!status.ok()) return status;

  ScoredAdministration scored = Header(instrument, responses);
  const std::vector<std::optional<int>> values = EffectiveValues(instrument, responses.items);
  ApplyAggregate(instrument, responses, values, scored);
  if (scored.total) {
    scored.total_rounded = RoundHalfUp(*scored.total);
    if (instrument.percentage_multiplier) {
      scored.percentage = *scored.total * instrument.percentage_multiplier->value;
    }
  }
  if (scheme) {
    scored.band_scheme = scheme->id;
    const Band* band = scored.total_rounded ? FindBand(*scheme, *scored.total_rounded) : nullptr;
    if (band) scored.band = band->label;
  }
  for (const Cutoff& cutoff : instrument.cutoffs) {
    if (CutoffMet(cutoff, scored, values)) scored.cutoffs_met.push_back(cutoff.id);
  }
  scored.safety = EvaluateSafety(instrument, responses);
  return scored;
}

}  // namespace refract::measures
