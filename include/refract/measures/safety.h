// Self-harm item alerts (measures-decisions.md §0.6, §1.3, §12).
//
// Rule (measures-decisions.md §1.3, §12): any self-harm item > 0 raises a critical alert. The
// measures-decisions.md §12 POLICY levels (PHQ-9 item 9 alert >= 1 urgent >= 2; QIDS-SR16 item 12
// >= 1 / >= 2; HAM-D17 item 3 >= 1 / >= 3; MADRS item 10 >= 2 / >= 4; BDI-II item 9 >= 1 / >= 2,
// all tagged D) are carried as the severity label, so MADRS item 10 = 1 still raises an alert,
// labelled "below the §12 alert level". An unanswered self-harm item raises SAFETY_ITEM_UNANSWERED
// (§1.3): ask directly, never impute. A total-only administration without the item value raises the
// notice SAFETY_ITEM_NOT_AVAILABLE. The raw item is evaluated (never a prorated value). No option,
// trajectory rule or early-worsening window can remove an alert: every result type of
// refract::measures carries them through. A positive item is a prompt for a structured risk
// assessment by a clinician, not a risk estimate.
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
// The measures-decisions.md §12 level of a positive item: value >= urgent_at, >= alert_at, or > 0
// but below.
enum class SafetyLevel { kBelowAlert, kAlert, kUrgent };

std::string_view ToString(SafetyAlertKind kind);  // "SAFETY_ITEM", "SAFETY_ITEM_UNANSWERED", ...
std::string_view ToString(SafetyLevel level);     // "below_alert", "alert", "urgent"

struct SafetyAlert {
  SafetyAlertKind kind = SafetyAlertKind::kItemPositive;
  std::string code;       // "SAFETY_ITEM9", "SAFETY_ITEM_UNANSWERED", "SAFETY_ITEM_NOT_AVAILABLE"
  bool critical = false;  // true for kItemPositive (§12)
  std::optional<SafetyLevel> level;  // kItemPositive only
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
