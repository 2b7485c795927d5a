#include "refract/options/ranking_knowledge.h"

#include <algorithm>

#include "refract/options/catalogue.h"

namespace refract {

const std::vector<std::string_view> kFactIds = {"severity_high",
                                                "episode_over_2_years",
                                                "severe_non_chronic",
                                                "education_8_years_or_less",
                                                "childhood_adversity",
                                                "chronic_with_childhood_adversity",
                                                "interpersonal_problem_area",
                                                "low_mentalizing",
                                                "high_mentalizing",
                                                "age_65_or_over",
                                                "comorbid_anxiety",
                                                "personality_disorder",
                                                "psychosocial_stressors",
                                                "atypical_features",
                                                "prior_medication_failure",
                                                "four_or_more_episodes",
                                                "severe_after_failures",
                                                "self_harm_signal",
                                                "antidepressant_ongoing",
                                                "severity_mild",
                                                "latest_antidepressant_partial_response",
                                                "trd_failures_reached",
                                                "severe_without_antidepressant"};

bool IsPatientFactId(std::string_view id) {
  for (const std::vector<std::string_view>* ids :
       {&kFactIds, &kCautionConditions, &kOptionContexts}) {
    if (std::find(ids->begin(), ids->end(), id) != ids->end()) return true;
  }
  return false;
}

bool RankingKnowledge::AddWeight(Parameter weight) {
  if (std::optional<WeightId> id = WeightId::Find(weight.id)) {
    Parameter& slot = required_weights_[*id];
    if (!slot.id.empty()) return false;
    slot = weight;
  } else if (!weight.id.starts_with(kModeratorWeightPrefix)) {
    return false;
  }
  return weights_.emplace(weight.id, std::move(weight)).second;
}

const Parameter* RankingKnowledge::FindWeight(std::string_view id) const {
  auto it = weights_.find(id);
  return it == weights_.end() ? nullptr : &it->second;
}

}  // namespace refract
