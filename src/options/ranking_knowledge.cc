#include "refract/options/ranking_knowledge.h"

#include <algorithm>
#include <cstdlib>

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

const std::vector<std::string_view> kRequiredRankingWeights = {
    "evidence.trd_meta_analysis",
    "evidence.inadequate_response_meta_analysis",
    "evidence.trd_rct",
    "evidence.inadequate_response_rct",
    "evidence.trd_non_randomised",
    "evidence.indirect",
    "evidence.no_trd_estimate",
    "evidence.no_completed_trd_trial",
    "evidence.not_reviewed",
    "evidence.no_clear_benefit",
    "evidence.small_trd_trials",
    "evidence.small_trd_participants",
    "evidence.large_meta_analysis_k",
    "evidence.stage_match",
    "evidence.investigational",
    "evidence.population_excluded",
    "history.never_tried",
    "history.inadequate_attempt",
    "history.previous_benefit",
    "history.outcome_unknown",
    "history.partial_response",
    "history.not_tracked",
    "history.class_failed",
    "history.psychotherapy_gap",
    "history.failed_but_indicated",
    "moderator.cap",
    "preference.prefers",
    "caution.relative",
    "context.applies",
    "context.add_on_without_antidepressant",
    "step.first_line_first",
    "safety.recent_days",
    "facts.long_episode_days",
    "facts.low_education_years",
    "facts.older_age_years",
    "facts.many_episodes",
    "facts.trd_failed_trials"};

const std::vector<std::string_view> kRequiredRankingMessages = {
    "no_preference_recorded", "safety_routine",           "safety_urgent",
    "safety_emergency",       "safety_not_assessed",      "safety_life_threatening",
    "not_applicable_bipolar", "not_applicable_other",     "bipolar_antidepressant_without_cover",
    "continue_what_works",    "no_ongoing_antidepressant"};

const Parameter& RankingKnowledge::Weight(std::string_view id) const {
  auto it = weights.find(id);
  if (it == weights.end()) std::abort();  // programmer error: the loader checks every id
  return it->second;
}

const RankingMessage& RankingKnowledge::Message(std::string_view id) const {
  auto it = messages.find(id);
  if (it == messages.end()) std::abort();  // programmer error: the loader checks every id
  return it->second;
}

}  // namespace refract
