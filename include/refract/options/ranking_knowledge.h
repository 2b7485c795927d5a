// The ranking's knowledge (knowledge/ranking.json; docs/options.md): the weights of every score
// component and the moderators that match options to patient facts. Value types only; loaded by
// refract::io (LoadRanking). The scoring that reads them is documented in docs/options.md.
//
// Weights are implementer decisions (tag D) with their rationale in `source`: the score orders
// options for discussion, it is not a probability of response. A moderator cites the finding it
// rests on with that finding's tag; its points come from the weight named by `strength`, so that
// an IPD meta-analysis counts more than a single secondary analysis or a clinical heuristic, and a
// purely prognostic finding (one that predicts outcome in every arm) is shown with 0 points.
#pragma once

#include <array>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "refract/base/fixed_ids.h"
#include "refract/knowledge/knowledge.h"

namespace refract {

// Patient facts a moderator may name; app/next_steps.h derives each from the record.
//   severity_high                      episode severity severe or severe_psychotic
//   episode_over_2_years               current episode longer than facts.long_episode_days
//   severe_non_chronic                 severity_high and not episode_over_2_years
//   education_8_years_or_less          demographics.education_years <= facts.low_education_years
//   childhood_adversity                clinical.childhood_adversity
//   chronic_with_childhood_adversity   episode_over_2_years and childhood_adversity
//   interpersonal_problem_area         clinical.interpersonal_problem_area other than none
//   low_mentalizing                    clinical.mentalizing == low
//   high_mentalizing                   clinical.mentalizing == high
//   age_65_or_over                     age at as_of >= facts.older_age_years
//   comorbid_anxiety, personality_disorder, psychosocial_stressors, atypical_features
//                                      the clinical fields of the same name
//   prior_medication_failure           at least one adequate failed antidepressant trial
//   four_or_more_episodes              episode.lifetime_episodes >= facts.many_episodes
//   severe_after_failures              severity_high and >= facts.trd_failed_trials failed
//                                      antidepressant trials
//   self_harm_signal                   a current positive self-harm item, recorded active
//                                      suicidality or a recent attempt (not an unanswered item)
//   severity_mild                      episode severity subsyndromal or mild
//   trd_failures_reached               >= facts.trd_failed_trials failed antidepressant trials
//   severe_without_antidepressant      severity_high and no antidepressant ongoing
//   latest_antidepressant_partial_response
//                                      the latest adequate antidepressant trial gave a partial
//                                      response (25 % to < 50 %)
//   antidepressant_ongoing             an antidepressant (or combination) trial is ongoing
// Moderators and indications may also name a caution condition (catalogue.h kCautionConditions)
// or a situation (kOptionContexts).
extern const std::vector<std::string_view> kFactIds;

// Whether `id` names a fact, a caution condition or a situation.
bool IsPatientFactId(std::string_view id);

// Every weight id the ranking reads; a ranking table missing one is rejected at load time. The
// table may add moderator weights ("moderator.<strength>"), which the moderators name.
inline constexpr std::array<std::string_view, 37> kRequiredRankingWeights = {
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
    "facts.trd_failed_trials",
};
using WeightId = FixedId<kRequiredRankingWeights>;
inline constexpr std::string_view kModeratorWeightPrefix = "moderator.";

struct Moderator {
  std::string id;
  std::string label;                 // a few words for the report: "higher baseline severity"
  std::string fact;                  // IsPatientFactId
  std::vector<std::string> options;  // catalogue ids it applies to
  std::string strength;              // weight id "moderator.<strength>"
  std::string finding;               // what the source found, in words
  Provenance provenance;             // of the finding
};

// A guideline indication: when any of `when_any` (fact, condition or situation ids) is true for the
// patient and none of `unless_any` is, each of `options` is placed in the indicated tier, above
// every other option, and its failure-count gate (Eligibility) is waived: the guideline names it
// for this situation.
struct Indication {
  std::string id;
  std::string label;                 // a few words: "psychotic depression"
  std::vector<std::string> options;  // catalogue ids
  std::vector<std::string> when_any;
  std::vector<std::string> unless_any;
  std::string text;  // the recommendation in words
  // When set, an option of a class that failed adequately stays indicated with this text (another
  // agent of the class: NICE NG222 1.12.2 names olanzapine or quetiapine after any antipsychotic);
  // otherwise "already failed" excludes it as usual (ECT: repeat only after review, 1.13.5).
  std::string despite_failure;
  Provenance provenance;
};

// A step-order rule: for a patient with between `min_failed` and `max_failed` failed adequate
// antidepressant trials (the two-failure count), each of `options` gets the points of `weight`
// (NICE NG222 1.9: dose, switch or psychotherapy before specialist combinations), unless the
// patient declines one of `unless_declined` (option ids or categories) or one of `unless_any`
// (fact ids) is true.
struct StepRule {
  std::string id;
  std::vector<std::string> options;
  int min_failed = 0;
  int max_failed = 0;
  std::vector<std::string> unless_declined;
  std::vector<std::string> unless_any;
  std::string weight;  // a weight id
  std::string text;
  Provenance provenance;
};

// A sentence the report shows, kept in the data because it carries a sourced claim or number.
//   no_preference_recorded   prompt when the record states no preference (McHugh 2013)
//   safety_routine, safety_urgent, safety_emergency, safety_not_assessed, safety_life_threatening
//                            the action shown above every option, by level (ranking.h SafetyLevel)
//   not_applicable_bipolar   why nothing is ranked for bipolar depression
//   not_applicable_other     why nothing is ranked for a diagnosis other than MDD
//   bipolar_antidepressant_without_cover
//                            note: an antidepressant is ongoing in bipolar depression without
//                            lithium or an antipsychotic
//   continue_what_works      note when the latest trial with an outcome ended in response or
//                            remission
//   no_ongoing_antidepressant  note when no antidepressant trial is ongoing at as_of
struct RankingMessage {
  std::string text;
  Provenance provenance;
};
inline constexpr std::array<std::string_view, 11> kRequiredRankingMessages = {
    "no_preference_recorded",
    "safety_routine",
    "safety_urgent",
    "safety_emergency",
    "safety_not_assessed",
    "safety_life_threatening",
    "not_applicable_bipolar",
    "not_applicable_other",
    "bipolar_antidepressant_without_cover",
    "continue_what_works",
    "no_ongoing_antidepressant",
};
using MessageId = FixedId<kRequiredRankingMessages>;

class RankingKnowledge {
 public:
  std::string version;  // "ranking@<table version>"
  std::vector<Moderator> moderators;
  std::vector<Indication> indications;  // in priority order: the indicated tier follows it
  std::vector<StepRule> step_rules;
  // One message per id of kRequiredRankingMessages; the loader fills every one.
  FixedTable<MessageId, RankingMessage> messages;

  // Adds a weight of kRequiredRankingWeights or a moderator weight; false (nothing added) for
  // another id or an id already given.
  bool AddWeight(Parameter weight);
  // A weight the code names: every id of kRequiredRankingWeights has one (the loader reports a
  // missing one), so the lookup cannot miss.
  const Parameter& Weight(WeightId id) const { return required_weights_[id]; }
  // A weight a table row names (a moderator's strength, a step rule's weight), or nullptr. The
  // loader rejects a row whose weight is not in the table.
  const Parameter* FindWeight(std::string_view id) const;
  // Every weight given, by id.
  const std::map<std::string, Parameter, std::less<>>& weights() const { return weights_; }
  const RankingMessage& Message(MessageId id) const { return messages[id]; }

 private:
  FixedTable<WeightId, Parameter> required_weights_;
  std::map<std::string, Parameter, std::less<>> weights_;
};

}  // namespace refract
