#include "safety_action.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>

namespace refract::options_internal {
namespace {

bool Recorded(const OptionsInput& input, std::string_view condition) {
  const Fact* fact = input.Find(condition);
  return fact && fact->value.value_or(false);
}

// A positive item at or above its urgent threshold seen within safety.recent_days (an undated one
// counts).
bool RecentUrgentItem(const OptionsInput& input, int recent_days) {
  return std::any_of(input.safety_signals.begin(), input.safety_signals.end(),
                     [&](const SafetySignal& signal) {
                       return signal.urgent_item && signal.days_before.value_or(0) <= recent_days;
                     });
}

struct Level {
  SafetyLevel level = SafetyLevel::kRoutine;
  std::string why;
};

Level LevelOf(const OptionsInput& input, int recent_days) {
  const bool attempt = Recorded(input, "recent_suicide_attempt");
  const bool active = Recorded(input, "active_suicidality");
  const bool urgent_item = RecentUrgentItem(input, recent_days);
  if (attempt) return {SafetyLevel::kEmergency, "a recent suicide attempt is recorded"};
  if (active) {
    return {SafetyLevel::kEmergency,
            "active suicidality (intent or plan) is recorded by a clinician; a lower self-report "
            "item does not lower it"};
  }
  if (urgent_item) {
    return {SafetyLevel::kUrgent,
            fmt::format("a self-harm item at or above its urgent threshold within {} days",
                        recent_days)};
  }
  return {
      SafetyLevel::kRoutine,
      fmt::format("a self-harm item below its urgent threshold, unanswered, or older than {} days",
                  recent_days)};
}

// No current signal, no self-harm item within `recent_days` and suicidality not recorded as
// screened: nobody has asked lately.
bool NotAssessed(const OptionsInput& input, int recent_days) {
  const Fact* screened = input.Find("active_suicidality");
  const bool recorded = screened && screened->value.has_value();
  const bool recent_item = input.self_harm_item_days && *input.self_harm_item_days <= recent_days;
  return !recorded && !recent_item;
}

// Catatonia or not eating or drinking: life-threatening whatever the suicide risk.
std::optional<SafetyAction> LifeThreatening(const OptionsInput& input,
                                            const RankingKnowledge& ranking) {
  std::vector<std::string> present;
  for (const char* id : {"catatonia", "not_eating_or_drinking"}) {
    if (Recorded(input, id)) present.push_back(InWords(id));
  }
  if (present.empty()) return std::nullopt;
  return SafetyAction{"URGENT_MEDICAL_RISK",
                      SafetyLevel::kUrgent,
                      ranking.Message("safety_life_threatening").text,
                      fmt::format("{} recorded", fmt::join(present, " and ")),
                      {}};
}

// The message of a suicide-risk action at `level`: "safety_<level>".
MessageId MessageOf(SafetyLevel level) {
  switch (level) {
    case SafetyLevel::kRoutine:
      return "safety_routine";
    case SafetyLevel::kUrgent:
      return "safety_urgent";
    case SafetyLevel::kEmergency:
      break;
  }
  return "safety_emergency";
}

// The suicide-risk action: at its level with a current signal, the not-assessed prompt, or none.
std::optional<SafetyAction> SuicideRiskAction(const OptionsInput& input,
                                              const RankingKnowledge& ranking) {
  const int recent_days = static_cast<int>(ranking.Weight("safety.recent_days").value);
  if (input.safety_signals.empty()) {
    if (!NotAssessed(input, recent_days)) return std::nullopt;
    return SafetyAction{
        "SAFETY_NOT_ASSESSED",
        SafetyLevel::kRoutine,
        ranking.Message("safety_not_assessed").text,
        fmt::format("no self-harm item within {} days and no recorded risk assessment",
                    recent_days),
        {}};
  }
  Level level = LevelOf(input, recent_days);
  return SafetyAction{"SAFETY_ASSESSMENT", level.level,
                      ranking.Message(MessageOf(level.level)).text, std::move(level.why),
                      input.safety_signals};
}

}  // namespace

std::vector<SafetyAction> SafetyActions(const OptionsInput& input,
                                        const RankingKnowledge& ranking) {
  std::vector<SafetyAction> actions;
  if (std::optional<SafetyAction> suicide = SuicideRiskAction(input, ranking)) {
    actions.push_back(std::move(*suicide));
  }
  if (std::optional<SafetyAction> medical = LifeThreatening(input, ranking)) {
    actions.push_back(std::move(*medical));
  }
  return actions;
}

}  // namespace refract::options_internal
