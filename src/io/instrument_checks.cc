#include "instrument_checks.h"

#include <algorithm>
#include <map>
#include <set>

namespace refract::io_internal {
namespace {

using measures::Aggregation;
using measures::Direction;
using measures::InstrumentDefinition;
using measures::ItemDefinition;
using measures::MissingPolicy;

std::string Indexed(const std::string& path, size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

void CheckItems(const InstrumentDefinition& instrument, const std::string& root,
                ErrorList& errors) {
  if (instrument.totals_only != instrument.items.empty()) {
    errors.Add(root + ".items", instrument.totals_only ? "a totals-only instrument has no items"
                                                       : "must list the items");
  }
  bool seen_unscored = false;
  for (size_t i = 0; i < instrument.items.size(); ++i) {
    const ItemDefinition& item = instrument.items[i];
    const std::string path = Indexed(root + ".items", i);
    if (item.number != static_cast<int>(i) + 1)
      errors.Add(path + ".number", "items are numbered 1, 2, ...");
    if (item.min > item.max) errors.Add(path, "min must not exceed max");
    if (item.not_assessed_code && *item.not_assessed_code >= item.min &&
        *item.not_assessed_code <= item.max) {
      errors.Add(path + ".not_assessed_code", "must lie outside the item range");
    }
    if (item.scored && seen_unscored) errors.Add(path, "unscored items must come last");
    seen_unscored = seen_unscored || !item.scored;
  }
}

// Each scored item in exactly one group; every referenced item exists and is scored.
void CheckGroups(const InstrumentDefinition& instrument,
                 const std::vector<std::vector<int>>& groups, const std::string& path,
                 ErrorList& errors) {
  std::map<int, int> uses;
  for (const std::vector<int>& group : groups) {
    for (int number : group) {
      const ItemDefinition* item = instrument.FindItem(number);
      if (!item || !item->scored)
        errors.Add(path, "item " + std::to_string(number) + " is not a scored item");
      ++uses[number];
    }
  }
  for (const ItemDefinition& item : instrument.items) {
    if (item.scored && uses[item.number] != 1) {
      errors.Add(path, "item " + std::to_string(item.number) + " must belong to exactly one group");
    }
  }
}

// The total range the items allow, for kSum and kDomainMax.
std::pair<int, int> ItemTotalRange(const InstrumentDefinition& instrument) {
  std::pair<int, int> range{0, 0};
  if (instrument.aggregation == Aggregation::kDomainMax) {
    for (const measures::Domain& domain : instrument.domains) {
      int low = 0;
      int high = 0;
      for (int number : domain.items) {
        if (const ItemDefinition* item = instrument.FindItem(number)) {
          low = std::max(low, item->min);
          high = std::max(high, item->max);
        }
      }
      range.first += low;
      range.second += high;
    }
    return range;
  }
  for (const ItemDefinition& item : instrument.items) {
    if (!item.scored) continue;
    range.first += item.min;
    range.second += item.max;
  }
  return range;
}

void CheckAggregation(const InstrumentDefinition& instrument, const std::string& root,
                      ErrorList& errors) {
  const std::string path = root + ".aggregation";
  const bool domains = instrument.aggregation == Aggregation::kDomainMax;
  const bool subscales = instrument.aggregation == Aggregation::kSubscales;
  if (domains == instrument.domains.empty())
    errors.Add(path + ".domains", "required for domain_max only");
  if (subscales == instrument.subscales.empty())
    errors.Add(path + ".subscales", "required for subscales only");
  std::vector<std::vector<int>> groups;
  for (const auto& domain : instrument.domains) groups.push_back(domain.items);
  for (const auto& subscale : instrument.subscales) groups.push_back(subscale.items);
  if (!groups.empty()) CheckGroups(instrument, groups, path, errors);
  if (domains != (instrument.missing.policy == MissingPolicy::kDomain)) {
    errors.Add(root + ".missing.rule", "'domain' goes with the domain_max aggregation only");
  }
  if (subscales && instrument.missing.policy != MissingPolicy::kComplete) {
    errors.Add(root + ".missing.rule", "subscales are scored complete only");
  }
  if ((instrument.missing.policy == MissingPolicy::kProrate) !=
      (instrument.missing.max_missing > 0)) {
    errors.Add(root + ".missing.max_missing", "required with (and only with) the 'prorate' rule");
  }
  if (subscales) return;
  if (instrument.total_min >= instrument.total_max) {
    errors.Add(root + ".total_range", "required as [min, max] with min < max");
  } else if (!instrument.totals_only &&
             ItemTotalRange(instrument) !=
                 std::make_pair(instrument.total_min, instrument.total_max)) {
    errors.Add(root + ".total_range", "does not match the items");
  }
}

void CheckBands(const InstrumentDefinition& instrument, const std::string& root,
                ErrorList& errors) {
  std::set<std::string> ids;
  for (size_t i = 0; i < instrument.band_schemes.size(); ++i) {
    const measures::BandScheme& scheme = instrument.band_schemes[i];
    const std::string path = Indexed(root + ".band_schemes", i);
    if (!ids.insert(scheme.id).second) errors.Add(path + ".id", "duplicate id '" + scheme.id + "'");
    if (scheme.bands.empty() || scheme.bands.front().min != instrument.total_min) {
      errors.Add(path + ".bands", "the first band must start at the lowest total");
    }
    for (size_t b = 1; b < scheme.bands.size(); ++b) {
      if (scheme.bands[b].min <= scheme.bands[b - 1].min ||
          scheme.bands[b].min > instrument.total_max) {
        errors.Add(Indexed(path + ".bands", b) + ".min",
                   "lower bounds must increase within the total range");
      }
    }
  }
}

void CheckThresholds(const std::vector<Parameter>& rows, const std::string& path, int min, int max,
                     ErrorList& errors) {
  std::set<std::string> ids;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (!ids.insert(rows[i].id).second)
      errors.Add(Indexed(path, i) + ".id", "duplicate id '" + rows[i].id + "'");
    if (rows[i].value < min || rows[i].value > max) {
      errors.Add(Indexed(path, i),
                 "value must lie within " + std::to_string(min) + "-" + std::to_string(max));
    }
  }
}

void CheckSafetyItem(const InstrumentDefinition& instrument, const std::string& root,
                     ErrorList& errors) {
  if (!instrument.safety_item) return;
  const measures::SafetyItem& item = *instrument.safety_item;
  const std::string path = root + ".safety_item";
  const ItemDefinition* defined = instrument.FindItem(item.item);
  if (!instrument.totals_only && (!defined || !defined->scored))
    errors.Add(path + ".item", "must be a scored item");
  if (!(item.alert_at <= item.urgent_at && item.urgent_at <= item.max &&
        item.min < item.alert_at)) {
    errors.Add(path, "needs min < alert_at <= urgent_at <= max");
  }
}

// Codes docs/measures-decisions.md warns against: 44260-8 is PHQ-9 item 9, not the total
// (docs/measures-decisions.md §1.1); 69726-8 belongs to a wrong consecutive GAD-7 list
// (docs/measures-decisions.md §2.1); 70274-5 is a corruption of the GAD-7 total
// (docs/measures-decisions.md §7.2).
bool KnownWrongCode(const std::string& code) { return code == "69726-8" || code == "70274-5"; }

// LOINC codes are 1-7 digits, a hyphen and one check digit ("44261-6").
bool IsLoincShaped(const std::string& code) {
  const size_t hyphen = code.find('-');
  if (hyphen == std::string::npos || hyphen == 0 || hyphen > 7 || hyphen + 2 != code.size()) {
    return false;
  }
  return std::all_of(code.begin(), code.end(),
                     [](char c) { return c == '-' || (c >= '0' && c <= '9'); }) &&
         code.find('-', hyphen + 1) == std::string::npos;
}

void CheckLoinc(const std::string& code, const std::string& path, ErrorList& errors) {
  if (code.empty()) return;
  if (!IsLoincShaped(code)) errors.Add(path, "'" + code + "' is not a LOINC code");
  if (KnownWrongCode(code))
    errors.Add(path, "'" + code + "' is a code docs/measures-decisions.md warns against");
}

void CheckCodes(const InstrumentDefinition& instrument, const std::string& root,
                ErrorList& errors) {
  CheckLoinc(instrument.loinc_panel, root + ".loinc_panel", errors);
  CheckLoinc(instrument.loinc_total, root + ".loinc_total", errors);
  for (size_t i = 0; i < instrument.items.size(); ++i) {
    const std::string& code = instrument.items[i].loinc;
    CheckLoinc(code, Indexed(root + ".items", i) + ".loinc", errors);
    if (!code.empty() && code == instrument.loinc_total) {
      errors.Add(root + ".loinc_total", "'" + code + "' is an item code, not the total");
    }
  }
}

// staging-decisions.md §3: a trial outcome is a depression-severity total, higher = worse, with a
// remission threshold.
void CheckTrialOutcome(const InstrumentDefinition& instrument, const std::string& root,
                       ErrorList& errors) {
  if (!instrument.trial_outcome) return;
  const std::string path = root + ".trial_outcome";
  if (instrument.aggregation == Aggregation::kSubscales || instrument.total_max <= 0) {
    errors.Add(path, "needs a total_range");
  }
  if (instrument.direction != Direction::kHigherWorse) {
    errors.Add(path, "needs direction 'higher_worse'");
  }
  if (instrument.remission.empty()) errors.Add(path, "needs a default remission threshold");
}

}  // namespace

void CheckInstrument(const InstrumentDefinition& instrument, const std::string& root,
                     ErrorList& errors) {
  CheckItems(instrument, root, errors);
  CheckAggregation(instrument, root, errors);
  CheckBands(instrument, root, errors);
  CheckThresholds(instrument.remission, root + ".remission", instrument.total_min,
                  instrument.total_max, errors);
  CheckThresholds(instrument.reliable_change, root + ".reliable_change", 1,
                  instrument.total_max - instrument.total_min, errors);
  CheckSafetyItem(instrument, root, errors);
  CheckCodes(instrument, root, errors);
  CheckTrialOutcome(instrument, root, errors);
  if (instrument.percentage_multiplier && instrument.aggregation == Aggregation::kSubscales) {
    errors.Add(root + ".percentage_multiplier", "needs a total");
  }
}

}  // namespace refract::io_internal
