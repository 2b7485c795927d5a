// What the self-harm items of a patient's administrations say now (measures-decisions.md §12, as
// the next-step ranking reads it; docs/options.md, "Safety"): the alerts of the latest
// administration of each instrument are current; positive items on earlier administrations are a
// prompt to ask again, never a signal on their own. "Latest" is by date, whatever order the
// administrations are listed in.
#pragma once

#include <optional>
#include <vector>

#include "refract/base/date.h"
#include "refract/measures/score.h"

namespace refract::measures {

// One instrument's scored administrations, in any order.
using AdministrationSeries = std::vector<ScoredAdministration>;

// The current administration of a series: the latest by date (undated ones come before every dated
// one; among equal dates, the last listed). nullptr for an empty series.
const ScoredAdministration* LatestAdministration(const AdministrationSeries& series);

// The alerts of `kind` on the current administration of each series, in series order.
std::vector<SafetyAlert> CurrentSafetyAlerts(const std::vector<const AdministrationSeries*>& series,
                                             SafetyAlertKind kind);

// The positive self-harm items on every administration that is not its series' current one.
std::vector<SafetyAlert> EarlierPositiveItems(
    const std::vector<const AdministrationSeries*>& series);

// Days from the most recent dated administration with a self-harm item value to `as_of`, or
// nullopt when no administration recorded the item.
std::optional<int> DaysSinceSafetyItem(const std::vector<const AdministrationSeries*>& series,
                                       Date as_of);

// Whether a positive item is at its instrument's urgent level (PHQ-9 item 9 >= 2, HAM-D item 3 >=
// 3, MADRS item 10 >= 4: the urgent band of the safety item).
bool IsUrgent(const SafetyAlert& alert);

}  // namespace refract::measures
