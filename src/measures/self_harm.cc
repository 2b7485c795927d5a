#include "refract/measures/self_harm.h"

namespace refract::measures {

const ScoredAdministration* LatestAdministration(const AdministrationSeries& series) {
  const ScoredAdministration* latest = nullptr;
  for (const ScoredAdministration& administration : series) {
    if (!latest || administration.date >= latest->date) latest = &administration;
  }
  return latest;
}

std::vector<SafetyAlert> CurrentSafetyAlerts(const std::vector<const AdministrationSeries*>& series,
                                             SafetyAlertKind kind) {
  std::vector<SafetyAlert> alerts;
  for (const AdministrationSeries* one : series) {
    const ScoredAdministration* latest = LatestAdministration(*one);
    if (!latest) continue;
    for (const SafetyAlert& alert : latest->safety) {
      if (alert.kind == kind) alerts.push_back(alert);
    }
  }
  return alerts;
}

std::vector<SafetyAlert> EarlierPositiveItems(
    const std::vector<const AdministrationSeries*>& series) {
  std::vector<SafetyAlert> alerts;
  for (const AdministrationSeries* one : series) {
    const ScoredAdministration* latest = LatestAdministration(*one);
    for (const ScoredAdministration& administration : *one) {
      if (&administration == latest) continue;
      for (const SafetyAlert& alert : administration.safety) {
        if (alert.kind == SafetyAlertKind::kItemPositive) alerts.push_back(alert);
      }
    }
  }
  return alerts;
}

std::optional<int> DaysSinceSafetyItem(const std::vector<const AdministrationSeries*>& series,
                                       Date as_of) {
  std::optional<int> days;
  for (const AdministrationSeries* one : series) {
    for (const ScoredAdministration& administration : *one) {
      if (!administration.safety_item_value || !administration.date) continue;
      const int since = DaysBetween(*administration.date, as_of);
      if (!days || since < *days) days = since;
    }
  }
  return days;
}

bool IsUrgent(const SafetyAlert& alert) { return alert.band == ThresholdBand::kUrgentThreshold; }

}  // namespace refract::measures
