#include "refract/measures/safety.h"

#include <fmt/format.h>

#include "refract/measures/score.h"

namespace refract::measures {
namespace {

std::string DateSuffix(const std::optional<Date>& date) {
  return date ? " on " + date->ToString() : " (date not recorded)";
}

SafetyAlert BaseAlert(const InstrumentDefinition& instrument, const ItemResponses& responses,
                      SafetyAlertKind kind) {
  SafetyAlert alert;
  alert.kind = kind;
  alert.code = std::string(ToString(kind));
  alert.instrument_id = instrument.id;
  alert.item = instrument.safety_item->item;
  alert.date = responses.date;
  alert.provenance = instrument.safety_item->provenance;
  return alert;
}

SafetyLevel LevelOf(const SafetyItem& item, int value) {
  if (value >= item.urgent_at) return SafetyLevel::kUrgent;
  if (value >= item.alert_at) return SafetyLevel::kAlert;
  return SafetyLevel::kBelowAlert;
}

// The item score against the instrument's two thresholds, in words. Every positive item is a
// critical alert whatever its tier, so the tiers are named as cut-offs, never as "below alert".
std::string TierInWords(const SafetyItem& item, SafetyLevel level) {
  switch (level) {
    case SafetyLevel::kUrgent:
      return fmt::format("at or above this scale's urgent threshold of {}", item.urgent_at);
    case SafetyLevel::kAlert:
      return fmt::format(
          "at or above this scale's screening cut-off of {}, below its urgent "
          "threshold of {}",
          item.alert_at, item.urgent_at);
    case SafetyLevel::kBelowAlert:
      return fmt::format(
          "below this scale's screening cut-off of {} and urgent threshold of {}, "
          "but any score above {} is flagged",
          item.alert_at, item.urgent_at, item.min);
  }
  return "";
}

SafetyAlert Positive(const InstrumentDefinition& instrument, const ItemResponses& responses,
                     int value) {
  const SafetyItem& item = *instrument.safety_item;
  SafetyAlert alert = BaseAlert(instrument, responses, SafetyAlertKind::kItemPositive);
  alert.code = fmt::format("SAFETY_ITEM{}", item.item);
  alert.critical = true;
  alert.level = LevelOf(item, value);
  alert.value = value;
  alert.message = fmt::format(
      "{} item {} (self-harm) scored {} of {}{}: critical alert, prompt for a structured risk "
      "assessment by a clinician (score {})",
      instrument.name, item.item, value, item.max, DateSuffix(responses.date),
      TierInWords(item, *alert.level));
  return alert;
}

SafetyAlert Unanswered(const InstrumentDefinition& instrument, const ItemResponses& responses) {
  SafetyAlert alert = BaseAlert(instrument, responses, SafetyAlertKind::kItemUnanswered);
  alert.message = fmt::format(
      "{} item {} (self-harm) unanswered{}: ask directly; the item is never imputed "
      "(docs/measures-decisions.md "
      "§1.3)",
      instrument.name, alert.item, DateSuffix(responses.date));
  return alert;
}

SafetyAlert NotAvailable(const InstrumentDefinition& instrument, const ItemResponses& responses) {
  SafetyAlert alert = BaseAlert(instrument, responses, SafetyAlertKind::kItemNotAvailable);
  alert.message =
      fmt::format("{} recorded as a total only{}: self-harm item {} not available; ask directly",
                  instrument.name, DateSuffix(responses.date), alert.item);
  return alert;
}

}  // namespace

std::string_view ToString(SafetyAlertKind kind) {
  switch (kind) {
    case SafetyAlertKind::kItemPositive:
      return "SAFETY_ITEM";
    case SafetyAlertKind::kItemUnanswered:
      return "SAFETY_ITEM_UNANSWERED";
    case SafetyAlertKind::kItemNotAvailable:
      return "SAFETY_ITEM_NOT_AVAILABLE";
  }
  return "SAFETY_ITEM";
}

std::string_view ToString(SafetyLevel level) {
  switch (level) {
    case SafetyLevel::kBelowAlert:
      return "below_alert";
    case SafetyLevel::kAlert:
      return "alert";
    case SafetyLevel::kUrgent:
      return "urgent";
  }
  return "alert";
}

bool operator==(const SafetyAlert& a, const SafetyAlert& b) {
  return a.kind == b.kind && a.code == b.code && a.critical == b.critical && a.level == b.level &&
         a.instrument_id == b.instrument_id && a.item == b.item && a.value == b.value &&
         a.date == b.date && a.message == b.message && a.provenance.tag == b.provenance.tag &&
         a.provenance.source == b.provenance.source;
}

std::vector<SafetyAlert> EvaluateSafety(const InstrumentDefinition& instrument,
                                        const ItemResponses& responses) {
  if (!instrument.safety_item) return {};
  std::optional<int> value;
  if (responses.total) {
    if (!responses.safety_item) return {NotAvailable(instrument, responses)};
    value = responses.safety_item;
  } else {
    const size_t index = static_cast<size_t>(instrument.safety_item->item - 1);
    if (index < responses.items.size()) value = responses.items[index];
    if (!value) return {Unanswered(instrument, responses)};
  }
  if (*value > 0) return {Positive(instrument, responses, *value)};
  return {};
}

}  // namespace refract::measures
