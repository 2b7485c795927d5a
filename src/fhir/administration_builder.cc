#include "administration_builder.h"

#include <cmath>

#include "refract/measures/instrument.h"

namespace refract::fhir {

using nlohmann::json;

namespace {

std::string Number(double value) {
  return value == std::floor(value) ? std::to_string(static_cast<long long>(value)) : std::to_string(value);
}

// The whole value within [low, high], or an error at its path.
std::optional<int> InRange(ImportState& state, const ItemValue& value, int low, int high, const std::string& what) {
  if (value.value != std::floor(value.value)) {
    state.Error(value.path, what + " must be a whole number (got " + Number(value.value) + ")");
    return std::nullopt;
  }
  if (value.value < low || value.value > high) {
    state.Error(value.path, what + " must be between " + std::to_string(low) + " and " + std::to_string(high) +
                                " (got " + Number(value.value) + "); values are never clamped");
    return std::nullopt;
  }
  return static_cast<int>(value.value);
}

// The items in item order (all items, or only the scored ones when the others are unanswered).
json ItemsJson(const measures::InstrumentDefinition& definition, const std::vector<std::optional<int>>& items) {
  bool unscored_answered = false;
  for (const measures::ItemDefinition& item : definition.items) {
    unscored_answered = unscored_answered || (!item.scored && items[item.number - 1]);
  }
  json array = json::array();
  for (const measures::ItemDefinition& item : definition.items) {
    if (!item.scored && !unscored_answered) continue;
    const std::optional<int>& value = items[item.number - 1];
    array.push_back(value ? json(*value) : json());
  }
  return array;
}

// Fills `assessment` with the items; false when an item is out of range.
bool AddItems(ImportState& state, const measures::InstrumentDefinition& definition,
              CollectedAdministration& administration, json& assessment) {
  std::vector<std::optional<int>> items(definition.items.size());
  bool valid = true;
  for (const auto& [number, value] : administration.items) {
    if (number < 1 || number > static_cast<int>(definition.items.size())) {
      state.Error(value.path, definition.name + " has no item " + std::to_string(number));
      valid = false;
      continue;
    }
    const measures::ItemDefinition& item = definition.items[number - 1];
    items[number - 1] = InRange(state, value, item.min, item.max, definition.name + " item " + std::to_string(number));
    valid = valid && items[number - 1].has_value();
  }
  if (!valid) return false;
  assessment["items"] = ItemsJson(definition, items);
  for (const auto& [number, variant] : administration.variants) {
    assessment["item" + std::to_string(number) + "_variant"] = variant;
  }
  if (!administration.stated_total) return true;
  const std::optional<int> stated = InRange(state, *administration.stated_total, definition.total_min,
                                            definition.total_max, definition.name + " total");
  StatusOr<ScoreResult> scored = state.engine.Score({definition.id, items, std::nullopt, std::nullopt, administration.variants});
  if (!stated || !scored.ok() || !scored->scored.total_rounded) return stated.has_value();
  if (*scored->scored.total_rounded != *stated) {
    administration.doubts.push_back("stated total " + std::to_string(*stated) + " differs from the total of the items " +
                                    std::to_string(*scored->scored.total_rounded) + ": the items' total is used");
  }
  return true;
}

bool AddTotal(ImportState& state, const measures::InstrumentDefinition& definition,
              const CollectedAdministration& administration, json& assessment) {
  const std::optional<int> total = InRange(state, *administration.stated_total, definition.total_min,
                                           definition.total_max, definition.name + " total");
  if (!total) return false;
  assessment["total"] = *total;
  if (administration.safety_item && definition.safety_item) {
    const std::optional<int> safety =
        InRange(state, *administration.safety_item, definition.safety_item->min, definition.safety_item->max,
                definition.name + " item " + std::to_string(definition.safety_item->item));
    if (!safety) return false;
    assessment["safety_item"] = *safety;
  }
  return true;
}

}  // namespace

void AddAdministration(ImportState& state, CollectedAdministration administration) {
  const measures::InstrumentDefinition* definition = state.engine.Instrument(administration.instrument);
  if (definition == nullptr) {
    state.Skipped(administration.label, "instrument '" + administration.instrument + "' is not loaded");
    return;
  }
  if (administration.date.empty()) {
    state.Skipped(administration.label, "no date (effective[x], issued or authored)");
    return;
  }
  json assessment = {{"instrument", definition->id}, {"date", administration.date}};
  if (!administration.items.empty() && definition->totals_only) {
    administration.items.clear();
    administration.doubts.push_back(definition->name + " is recorded as a total only: its item answers are not read");
  }
  bool valid = true;
  if (!administration.items.empty()) {
    valid = AddItems(state, *definition, administration, assessment);
  } else if (administration.stated_total) {
    valid = AddTotal(state, *definition, administration, assessment);
  } else {
    state.Skipped(administration.label, definition->name + " with no item answers and no total");
    return;
  }
  if (!valid) return;
  if (!administration.treatment_label.empty()) {
    const auto it = state.trial_of.find(administration.treatment_label);
    if (it != state.trial_of.end()) {
      assessment["treatment"] = it->second;
      if (administration.session) assessment["session"] = *administration.session;
    } else {
      administration.doubts.push_back("partOf " + administration.treatment_label + " is not an imported trial: not linked");
    }
  }
  state.SawDate(administration.date);
  const std::string mapped = "assessments[" + std::to_string(state.record["assessments"].size()) + "]";
  state.record["assessments"].push_back(std::move(assessment));
  if (administration.doubts.empty()) {
    state.Used(administration.label, mapped, definition->name + (administration.items.empty() ? " total" : " items"));
  } else {
    std::string why;
    for (const std::string& doubt : administration.doubts) why += (why.empty() ? "" : "; ") + doubt;
    state.Doubtful(administration.label, mapped, why);
  }
}

}  // namespace refract::fhir
