// Self-harm item alerts (measures-decisions.md §0.6, §1.3, §12).
//
// Rule (measures-decisions.md §1.3, §12): any self-harm item > 0 raises an alert of severity
// *critical*, whatever its value. The measures-decisions.md §12 POLICY thresholds (PHQ-9 item 9
// screening cut-off >= 1, urgent threshold >= 2; QIDS-SR16 item 12 >= 1 / >= 2; HAM-D17 item 3
// >= 1 / >= 3; MADRS item 10 >= 2 / >= 4; BDI-II item 9 >= 1 / >= 2, all tagged D) only name the
// item's threshold band, in words that cannot be read as a severity ("at or above the urgent
// threshold", "at or above the screening cut-off", "below the screening cut-off"): MADRS item
// 10 = 1 is still a critical alert, below the screening cut-off. An unanswered self-harm item
// raises SAFETY_ITEM_UNANSWERED (§1.3): ask directly, never impute. A total-only administration
// without the item value raises SAFETY_ITEM_NOT_AVAILABLE. Both are of severity *notice*. The raw
// item is evaluated (never a prorated value). No option, trajectory rule or early-worsening window
// can remove an alert: every result type of refract::measures carries them through (a report may
// summarise older *notices*, never a positive item). A positive item is a prompt for a structured
// risk assessment by a clinician, not a risk estimate.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "refract/base/date.h"
#include "refract/measures/instrument.h"

namespace refract::measures {

struct ItemResponses;

enum class SafetyAlertKind { kItemPositive, kItemUnanswered, kItemNotAvailable };
// kCritical for a positive item, kNotice for an unanswered or unavailable one.
enum class AlertSeverity { kCritical, kNotice };
// The measures-decisions.md §12 band of a positive item: value >= urgent_at, >= alert_at (the
// screening cut-off), or > 0 but below it.
enum class ThresholdBand { kBelowScreeningCutoff, kScreeningCutoff, kUrgentThreshold };

std::string_view ToString(SafetyAlertKind kind);    // "SAFETY_ITEM", "SAFETY_ITEM_UNANSWERED", ...
std::string_view ToString(AlertSeverity severity);  // "critical", "notice"
// "below the screening cut-off", "at or above the screening cut-off", "at or above the urgent
// threshold": the same words in the text report, the JSON and the alert message.
std::string_view ToString(ThresholdBand band);

struct SafetyAlert {
  SafetyAlertKind kind = SafetyAlertKind::kItemPositive;
  std::string code;  // "SAFETY_ITEM9", "SAFETY_ITEM_UNANSWERED", "SAFETY_ITEM_NOT_AVAILABLE"
  AlertSeverity severity = AlertSeverity::kCritical;  // kCritical exactly for kItemPositive (§12)
  std::optional<ThresholdBand> band;                  // kItemPositive only
  std::string instrument_id;
  int item = 0;
  std::optional<int> value;  // raw item value (kItemPositive)
  std::optional<Date> date;  // administration date, when recorded
  std::string message;       // names instrument, item, value and date
  Provenance provenance;     // the §12 row

  friend bool operator==(const SafetyAlert& a, const SafetyAlert& b);
};

// The alerts for one administration (empty when the instrument has no safety item or the item is
// 0). For an item administration the raw value at the safety item's position is read; for a
// total-only one, `responses.safety_item`. Never fails. Score() calls this and stores the result.
std::vector<SafetyAlert> EvaluateSafety(const InstrumentDefinition& instrument,
                                        const ItemResponses& responses);

}  // namespace refract::measures
