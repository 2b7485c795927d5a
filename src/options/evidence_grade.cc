#include "evidence_grade.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

namespace refract::options_internal {
namespace {

bool ClaimsTrdTrials(EvidenceLevel level) {
  return level == EvidenceLevel::kTrdMetaAnalysis ||
         level == EvidenceLevel::kInadequateResponseMetaAnalysis ||
         level == EvidenceLevel::kTrdRct || level == EvidenceLevel::kInadequateResponseRct ||
         level == EvidenceLevel::kTrdNonRandomised;
}

std::optional<int> ParticipantsOf(const EvidenceEntry& entry) {
  if (entry.n) return entry.n;
  int total = 0;
  for (const ArmResult& arm : entry.arms) {
    if (!arm.n) return std::nullopt;
    total += *arm.n;
  }
  return entry.arms.empty() ? std::nullopt : std::optional<int>(total);
}

struct Benefit {
  bool checked = false;  // some comparative estimate exists (a CI, an arm effect, a pool, a p)
  std::string text;      // the primary-outcome estimate clear of no effect, or ""
  Tag tag = Tag::kVerified;
  std::string secondary;  // a clear benefit on a secondary outcome only: shown, never counted
};

bool IsComparative(const EvidenceEntry& entry) {
  return (entry.favours == Favours::kHigher || entry.favours == Favours::kLower) &&
         entry.measure != EffectMeasure::kPrePostEs && !entry.class_level;
}

// The entry's estimate clear of "no effect" (its 95% CI, else the risk ratio recomputed from its
// arms), described, or "". Sets `checked` when the entry has a result: a p-value alone, or a value
// or percentages without a confidence interval, is judged and never a clear benefit (it shows
// neither the precision nor, for a p-value, the direction).
std::string ClearEstimate(const EvidenceEntry& entry, const std::optional<ArmEffect>& arm_effect,
                          bool& checked) {
  if (std::optional<std::pair<double, double>> ci = EntryInterval(entry)) {
    checked = true;
    if (ShowsClearBenefit(entry.measure, entry.favours, ci->first, ci->second)) {
      return fmt::format("{} ({}, {})", entry.study_id, ToString(entry.measure), entry.outcome);
    }
  }
  if (arm_effect) {
    checked = true;
    const Estimate& rr = arm_effect->risk_ratio;
    if (ShowsClearBenefit(EffectMeasure::kRiskRatio, entry.favours, rr.ci_low, rr.ci_high)) {
      return fmt::format("{} (risk ratio recomputed from the arms)", entry.study_id);
    }
  }
  if (entry.p_value || HasResult(entry)) checked = true;
  return "";
}

// The first primary-outcome estimate (or option-level Refract pool) whose 95% CI is clear of "no
// effect", with its tag; a clear benefit on a secondary outcome alone is kept apart and does not
// count. Class-level entries and class or exploratory pools are never the option's own evidence.
Benefit ClearestBenefit(const Intervention& option,
                        std::span<const std::optional<ArmEffect>> arm_effects,
                        std::span<const ComputedSynthesis* const> syntheses) {
  Benefit benefit;
  for (size_t i = 0; i < option.evidence.size(); ++i) {
    const EvidenceEntry& entry = option.evidence[i];
    if (!IsComparative(entry)) continue;
    const std::optional<ArmEffect> none;
    std::string clear =
        ClearEstimate(entry, i < arm_effects.size() ? arm_effects[i] : none, benefit.checked);
    if (clear.empty()) continue;
    if (entry.primary_outcome) return {true, std::move(clear), entry.provenance.tag, ""};
    if (benefit.secondary.empty()) benefit.secondary = std::move(clear);
  }
  for (const ComputedSynthesis* synthesis : syntheses) {
    if (synthesis->spec.scope != SynthesisScope::kOption) continue;
    benefit.checked = true;
    const Estimate& g = synthesis->pooled.g;
    if (ShowsClearBenefit(EffectMeasure::kHedgesG, Favours::kHigher, g.ci_low, g.ci_high)) {
      return {true, fmt::format("{} (pooled by Refract)", synthesis->spec.id),
              synthesis->spec.provenance.tag, ""};
    }
  }
  return benefit;
}

struct TrdSize {
  int participants = 0;
  bool large_meta_analysis = false;  // a TRD meta-analysis of many trials with no N reported
};

TrdSize MeasureTrdSize(const Intervention& option,
                       std::span<const ComputedSynthesis* const> syntheses, int large_k) {
  TrdSize size;
  std::map<std::string, int> by_study;
  for (const EvidenceEntry& entry : option.evidence) {
    // A trial counts with its size even when its result was not captured: the size measures the
    // evidence base, not what the catalogue holds of it.
    if (entry.class_level || !IsResistantPopulation(entry.population)) continue;
    std::optional<int> n = ParticipantsOf(entry);
    if (!n && entry.k.value_or(0) >= large_k) size.large_meta_analysis = true;
    if (n) by_study[entry.study_id] = std::max(by_study[entry.study_id], *n);
  }
  for (const auto& [study, n] : by_study) size.participants += n;
  for (const ComputedSynthesis* synthesis : syntheses) {
    if (synthesis->spec.scope == SynthesisScope::kOption &&
        IsResistantPopulation(synthesis->spec.population)) {
      size.participants = std::max(size.participants, synthesis->pooled.participants);
    }
  }
  return size;
}

// The weight of an evidence level: "evidence.<level>".
WeightId LevelWeight(EvidenceLevel level) {
  switch (level) {
    case EvidenceLevel::kTrdMetaAnalysis:
      return "evidence.trd_meta_analysis";
    case EvidenceLevel::kInadequateResponseMetaAnalysis:
      return "evidence.inadequate_response_meta_analysis";
    case EvidenceLevel::kTrdRct:
      return "evidence.trd_rct";
    case EvidenceLevel::kInadequateResponseRct:
      return "evidence.inadequate_response_rct";
    case EvidenceLevel::kTrdNonRandomised:
      return "evidence.trd_non_randomised";
    case EvidenceLevel::kIndirect:
      return "evidence.indirect";
    case EvidenceLevel::kNoTrdEstimate:
      return "evidence.no_trd_estimate";
    case EvidenceLevel::kNoCompletedTrdTrial:
      return "evidence.no_completed_trd_trial";
    case EvidenceLevel::kNotReviewed:
      break;
  }
  return "evidence.not_reviewed";
}

}  // namespace

OptionComponent WeightComponent(const Parameter& weight, std::string detail) {
  return {weight.id, weight.value, std::move(detail), weight.provenance};
}

EvidenceGrade GradeEvidence(const Intervention& option,
                            std::span<const std::optional<ArmEffect>> arm_effects,
                            std::span<const ComputedSynthesis* const> syntheses,
                            const RankingKnowledge& ranking) {
  EvidenceGrade grade;
  grade.components.push_back(
      WeightComponent(ranking, LevelWeight(option.evidence_level),
                      fmt::format("{} (design and directness: {})", Describe(option.evidence_level),
                                  ToString(option.evidence_level))));
  const Benefit benefit = ClearestBenefit(option, arm_effects, syntheses);
  grade.clearest_benefit = benefit.text;
  if (!benefit.text.empty() && benefit.tag == Tag::kUnconfirmed) {
    grade.relies_on_unconfirmed.push_back("evidence: " + benefit.text);
  }
  if (benefit.checked && grade.clearest_benefit.empty()) {
    std::string detail =
        "its comparative estimates show no clear benefit on a primary outcome (every 95% CI "
        "includes no effect, or the primary comparison was not significant)";
    if (!benefit.secondary.empty()) {
      detail += "; a secondary outcome does (" + benefit.secondary + "), which does not count";
    }
    grade.components.push_back(
        WeightComponent(ranking, "evidence.no_clear_benefit", std::move(detail)));
  }
  const int threshold = static_cast<int>(ranking.Weight("evidence.small_trd_participants").value);
  const int large_k = static_cast<int>(ranking.Weight("evidence.large_meta_analysis_k").value);
  const TrdSize size = MeasureTrdSize(option, syntheses, large_k);
  grade.trd_participants = size.participants;
  if (ClaimsTrdTrials(option.evidence_level) && !size.large_meta_analysis &&
      size.participants < threshold) {
    grade.components.push_back(
        WeightComponent(ranking, "evidence.small_trd_trials",
                        fmt::format("its TRD trials hold {} participants in all (fewer than {})",
                                    size.participants, threshold)));
  }
  if (option.investigational) {
    grade.components.push_back(WeightComponent(ranking, "evidence.investigational",
                                               "investigational: not an approved treatment"));
  }
  for (const OptionComponent& component : grade.components) grade.points += component.points;
  return grade;
}

}  // namespace refract::options_internal
