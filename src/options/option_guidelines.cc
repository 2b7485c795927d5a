#include "option_guidelines.h"

#include <fmt/format.h>

#include <algorithm>

#include "evidence_grade.h"

namespace refract::options_internal {
namespace {

bool Contains(const std::vector<std::string>& ids, std::string_view id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

bool IsTrue(const OptionsInput& input, std::string_view id) {
  const Fact* fact = input.Find(id);
  return fact && fact->value.value_or(false);
}

// Whether the patient declines one of `ids` (option ids or categories).
bool DeclinesAny(const OptionsInput& input, const std::vector<std::string>& ids) {
  return std::any_of(ids.begin(), ids.end(),
                     [&](const std::string& id) { return Contains(input.declines, id); });
}

}  // namespace

std::vector<const Indication*> MatchIndications(const Intervention& option,
                                                const OptionsInput& input,
                                                const RankingKnowledge& ranking) {
  std::vector<const Indication*> matched;
  for (const Indication& indication : ranking.indications) {
    if (!Contains(indication.options, option.id)) continue;
    auto is_true = [&](const std::string& id) { return IsTrue(input, id); };
    const bool present =
        std::any_of(indication.when_any.begin(), indication.when_any.end(), is_true);
    const bool blocked =
        std::any_of(indication.unless_any.begin(), indication.unless_any.end(), is_true);
    if (present && !blocked) matched.push_back(&indication);
  }
  return matched;
}

std::string ApplyApplicability(const Intervention& option, const OptionsInput& input,
                               const RankingKnowledge& ranking, OptionResult& result) {
  for (const Caution& caution : option.cautions) {
    if (!caution.limits_evidence || !IsTrue(input, caution.applies_when)) continue;
    const std::string condition = InWords(caution.applies_when);
    const Parameter& cap = ranking.Weight("evidence.population_excluded");
    const double points = std::min(0.0, cap.value - result.evidence_points);
    result.components.push_back(
        {"evidence.population_excluded", points,
         fmt::format("the trials behind this option excluded patients with {}: its evidence "
                     "counts as indirect at most ({:g} points), and its moderators do not apply",
                     condition, cap.value),
         cap.provenance});
    result.evidence_points += points;
    return condition;
  }
  return "";
}

void ApplyStepRules(const Intervention& option, const OptionsInput& input,
                    const RankingKnowledge& ranking, OptionResult& result) {
  const int failed = input.failed_antidepressant_trials;
  for (const StepRule& rule : ranking.step_rules) {
    if (!Contains(rule.options, option.id) || failed < rule.min_failed ||
        failed > rule.max_failed || DeclinesAny(input, rule.unless_declined) ||
        std::any_of(rule.unless_any.begin(), rule.unless_any.end(),
                    [&](const std::string& id) { return IsTrue(input, id); })) {
      continue;
    }
    const Parameter* weight = ranking.FindWeight(rule.weight);
    if (!weight) continue;  // the loader rejects a rule whose weight is not in the table
    OptionComponent component = WeightComponent(*weight, rule.text);
    component.provenance = rule.provenance;
    result.components.push_back(std::move(component));
  }
}

void ApplyAddOnContext(const Intervention& option, const OptionsInput& input,
                       const RankingKnowledge& ranking, OptionResult& result) {
  // Before any antidepressant (the indicated first step starts one) the add-on is the combination
  // NICE NG222 1.6.1 offers first; only a stopped antidepressant leaves the add-on without its
  // base.
  if (!option.add_on_to_antidepressant || IsTrue(input, "antidepressant_ongoing") ||
      !IsTrue(input, "antidepressant_tried_in_episode") || !result.indications.empty()) {
    return;
  }
  if (option.category == InterventionCategory::kMedicationStrategy) {
    result.exclusions.push_back(
        {ExclusionKind::kSituationAbsent,
         "nothing to add it to: no antidepressant is ongoing; restart or switch the antidepressant "
         "first, then consider adding this",
         ranking.Weight("context.add_on_without_antidepressant").provenance});
    return;
  }
  result.components.push_back(WeightComponent(
      ranking, "context.add_on_without_antidepressant",
      "studied as an add-on to an ongoing antidepressant, and none is ongoing: confirm the "
      "current medication, or weigh the evidence for this option on its own"));
}

}  // namespace refract::options_internal
