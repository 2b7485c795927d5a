#include "option_factors.h"

#include <fmt/format.h>

#include <algorithm>

#include "evidence_grade.h"

namespace refract::options_internal {
namespace {

bool Named(const std::vector<std::string>& ids, const Intervention& option) {
  return std::any_of(ids.begin(), ids.end(), [&](const std::string& id) {
    return id == option.id || id == ToString(option.category);
  });
}

std::string NamedAs(const std::vector<std::string>& ids, const Intervention& option) {
  return std::find(ids.begin(), ids.end(), option.id) != ids.end()
             ? "this option"
             : "the category " + std::string(ToString(option.category));
}

void NoteUnconfirmed(const Provenance& provenance, std::string what, OptionResult& result) {
  if (provenance.tag == Tag::kUnconfirmed) result.relies_on_unconfirmed.push_back(std::move(what));
}

// context.applies when one of the option's situations is the case, kSituationAbsent otherwise.
void ApplySituation(const Intervention& option, const OptionsInput& input,
                    const RankingKnowledge& ranking, OptionResult& result) {
  if (option.applies_only_when.empty()) return;
  std::vector<std::string> absent;
  for (const std::string& id : option.applies_only_when) {
    const Fact* context = input.Find(id);
    if (context && context->value.value_or(false)) {
      result.components.push_back(WeightComponent(ranking, "context.applies", context->detail));
      return;
    }
    absent.push_back(context && !context->detail.empty() ? context->detail
                                                         : InWords(id) + ": not the case");
  }
  result.exclusions.push_back({ExclusionKind::kSituationAbsent,
                               fmt::format("{}", fmt::join(absent, "; ")),
                               ranking.Weight("context.applies").provenance});
}

}  // namespace

void ApplyModerators(const Intervention& option, const OptionsInput& input,
                     const RankingKnowledge& ranking, const std::string& evidence_limited_by,
                     OptionResult& result) {
  double total = 0;
  for (const Moderator& moderator : ranking.moderators) {
    if (std::find(moderator.options.begin(), moderator.options.end(), option.id) ==
        moderator.options.end()) {
      continue;
    }
    const Fact* fact = input.Find(moderator.fact);
    ModeratorView view{&moderator, fact ? fact->value : std::nullopt, 0, false,
                       fact ? fact->detail : "not derived"};
    if (view.fact.value_or(false) && !evidence_limited_by.empty()) {
      view.not_applied = true;
      view.fact_detail += "; not applied: the trials excluded " + evidence_limited_by;
    } else if (const Parameter* weight =
                   ranking.FindWeight(std::string(kModeratorWeightPrefix) + moderator.strength);
               weight && view.fact.value_or(false)) {  // the loader checks every strength
      view.points = weight->value;
      total += weight->value;
      result.components.push_back(
          {"moderator." + moderator.id, weight->value,
           fmt::format("{} ({}; {})", moderator.label, view.fact_detail, moderator.strength),
           moderator.provenance});
      NoteUnconfirmed(moderator.provenance, "moderator " + moderator.id, result);
    }
    result.moderators.push_back(std::move(view));
  }
  const double cap = ranking.Weight("moderator.cap").value;
  if (total > cap) {
    result.components.push_back(WeightComponent(
        ranking, "moderator.cap",
        fmt::format("moderator points capped at {:g} (they add up to {:g})", cap, total)));
    result.components.back().points = cap - total;
  }
}

void ApplyPreference(const Intervention& option, const OptionsInput& input,
                     const RankingKnowledge& ranking, OptionResult& result) {
  if (Named(input.declines, option)) {
    std::string revisit;
    if (!result.indications.empty()) {
      revisit = fmt::format(
          "; a guideline indication applies ({}): record the reasons and revisit the choice if "
          "the illness becomes life-threatening",
          result.indications.front()->label);
    }
    result.exclusions.push_back(
        {ExclusionKind::kDeclined,
         "the patient declines " + NamedAs(input.declines, option) + revisit,
         {Tag::kDecision,
          "docs/options.md (exclusions): a declined option is never ranked "
          "(shared decision-making)"}});
  }
  if (Named(input.prefers, option)) {
    result.components.push_back(WeightComponent(
        ranking, "preference.prefers", "the patient prefers " + NamedAs(input.prefers, option)));
  }
}

void ApplyCautions(const Intervention& option, const OptionsInput& input,
                   const RankingKnowledge& ranking, OptionResult& result) {
  for (const Caution& caution : option.cautions) {
    const bool hard = !caution.hard_exclusion_when.empty();
    const bool defer = !caution.defer_when.empty();
    const std::string& condition = caution.Condition();
    CautionView view{&caution, CautionStatus::kGeneral, hard, defer, ""};
    if (!condition.empty()) {
      const Fact* fact = input.Find(condition);
      const std::optional<bool> present = fact ? fact->value : std::nullopt;
      view.status = !present   ? CautionStatus::kScreen
                    : *present ? CautionStatus::kApplies
                               : CautionStatus::kNotPresent;
      view.detail = fact && !fact->detail.empty() ? fact->detail : condition + " not recorded";
    }
    if (view.status == CautionStatus::kApplies && hard) {
      result.exclusions.push_back({ExclusionKind::kContraindicated,
                                   fmt::format("{} ({})", caution.text, view.detail),
                                   caution.provenance});
      NoteUnconfirmed(caution.provenance, "hard exclusion: " + condition, result);
    } else if (view.status == CautionStatus::kApplies && defer) {
      result.exclusions.push_back({ExclusionKind::kNotYetIndicated,
                                   fmt::format("{} ({})", caution.text, view.detail),
                                   caution.provenance});
      NoteUnconfirmed(caution.provenance, "deferral: " + condition, result);
    } else if (view.status == CautionStatus::kApplies && caution.scored) {
      result.components.push_back(WeightComponent(
          ranking, "caution.relative", fmt::format("{} ({})", caution.text, view.detail)));
      NoteUnconfirmed(caution.provenance, "caution: " + condition, result);
    }
    result.cautions.push_back(std::move(view));
  }
}

void ApplyEligibility(const Intervention& option, const OptionsInput& input,
                      const RankingKnowledge& ranking, OptionResult& result) {
  const std::optional<Eligibility>& rule = option.eligibility;
  if (rule && result.indications.empty()) {
    const int failed = rule->counts == FailureCount::kAntidepressantTrials
                           ? input.failed_antidepressant_trials
                           : input.failed_treatments;
    bool fact_met = rule->requires_any_fact.empty();
    std::vector<std::string> unmet;
    for (const std::string& id : rule->requires_any_fact) {
      const Fact* fact = input.Find(id);
      fact_met = fact_met || (fact && fact->value.value_or(false));
      unmet.push_back(fact ? fact->detail : id + " not derived");
    }
    if (failed < rule->min_failed_trials || !fact_met) {
      result.exclusions.push_back(
          {ExclusionKind::kNotYetIndicated,
           fmt::format("not yet indicated: {} (this episode has {} such failure{}{})", rule->text,
                       failed, failed == 1 ? "" : "s",
                       fact_met ? "" : fmt::format("; {}", fmt::join(unmet, "; "))),
           rule->provenance});
      NoteUnconfirmed(rule->provenance, "eligibility rule", result);
    }
  }
  ApplySituation(option, input, ranking, result);
}

}  // namespace refract::options_internal
