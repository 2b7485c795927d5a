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

ThresholdBand BandOf(const SafetyItem& item, int value) {
  if (value >= item.urgent_at) return ThresholdBand::kUrgentThreshold;
  if (value >= item.alert_at) return ThresholdBand::kScreeningCutoff;
  return ThresholdBand::kBelowScreeningCutoff;
}

// The item score against the instrument's two thresholds, in the band's words with the numbers.
// Every positive item is a critical alert whatever its band.
std::string BandInWords(const SafetyItem& item, ThresholdBand band) {
  switch (band) {
    case ThresholdBand::kUrgentThreshold:
      return fmt::format("{} ({})", ToString(band), item.urgent_at);
    case ThresholdBand::kScreeningCutoff:
      return fmt::format("{} ({}), below the urgent threshold ({})", ToString(band), item.alert_at,
                         item.urgent_at);
    case ThresholdBand::kBelowScreeningCutoff:
      return fmt::format("{} ({}), but any score above {} is flagged", ToString(band),
                         item.alert_at, item.min);
  }
  return "";
}

SafetyAlert Positive(const InstrumentDefinition& instrument, const ItemResponses& responses,
                     int value) {
  const SafetyItem& item = *instrument.safety_item;
  SafetyAlert alert = BaseAlert(instrument, responses, SafetyAlertKind::kItemPositive);
  alert.code = fmt::format("SAFETY_ITEM{}", item.item);
  alert.severity = AlertSeverity::kCritical;
  alert.band = BandOf(item, value);
  alert.value = value;
  alert.message = fmt::format(
      "{} item {} (self-harm) scored {} of {}{}: critical alert, prompt for a structured risk "
      "assessment by a clinician; {}",
      instrument.name, item.item, value, item.max, DateSuffix(responses.date),
      BandInWords(item, *alert.band));
  return alert;
}

SafetyAlert Unanswered(const InstrumentDefinition& instrument, const ItemResponses& responses) {
  SafetyAlert alert = BaseAlert(instrument, responses, SafetyAlertKind::kItemUnanswered);
  alert.severity = AlertSeverity::kNotice;
  alert.message = fmt::format(
      "{} item {} (self-harm) unanswered{}: ask directly; the item is never imputed "
      "(docs/measures-decisions.md "
      "§1.3)",
      instrument.name, alert.item, DateSuffix(responses.date));
  return alert;
}

SafetyAlert NotAvailable(const InstrumentDefinition& instrument, const ItemResponses& responses) {
  SafetyAlert alert = BaseAlert(instrument, responses, SafetyAlertKind::kItemNotAvailable);
  alert.severity = AlertSeverity::kNotice;
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

std::string_view ToString(AlertSeverity severity) {
  switch (severity) {
    case AlertSeverity::kCritical:
      return "critical";
    case AlertSeverity::kNotice:
      return "notice";
  }
  return "critical";
}

std::string_view ToString(ThresholdBand band) {
  switch (band) {
    case ThresholdBand::kBelowScreeningCutoff:
      return "below the screening cut-off";
    case ThresholdBand::kScreeningCutoff:
      return "at or above the screening cut-off";
    case ThresholdBand::kUrgentThreshold:
      return "at or above the urgent threshold";
  }
  return "at or above the urgent threshold";
}

bool operator==(const SafetyAlert& a, const SafetyAlert& b) {
  return a.kind == b.kind && a.code == b.code && a.severity == b.severity && a.band == b.band &&
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
