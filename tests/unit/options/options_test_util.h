// Shared helpers of refract_options_tests: ranking knowledge with every required weight and message
// (values as knowledge/ranking.json), a small synthetic catalogue and builders for patient input.
// Nothing here reads the knowledge files: the tests state their inputs.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "refract/options/ranking.h"

namespace refract::options_testing {

inline Parameter Weight(std::string id, double value, Tag tag = Tag::kDecision) {
  return {id, value, {tag, "test weight " + id}, std::nullopt};
}

// The weights of knowledge/ranking.json (version 2026.12.6), the moderator strengths and every
// required message; no moderators (tests add the ones they need).
inline RankingKnowledge TestRanking() {
  RankingKnowledge ranking;
  ranking.version = "ranking@test";
  const std::pair<const char*, double> weights[] = {
      {"evidence.trd_meta_analysis", 4},
      {"evidence.inadequate_response_meta_analysis", 3.5},
      {"evidence.trd_rct", 3},
      {"evidence.inadequate_response_rct", 2.5},
      {"evidence.trd_non_randomised", 2},
      {"evidence.indirect", 2},
      {"evidence.no_trd_estimate", 1},
      {"evidence.no_completed_trd_trial", 0},
      {"evidence.not_reviewed", 0},
      {"evidence.no_clear_benefit", -1},
      {"evidence.small_trd_trials", -1},
      {"evidence.small_trd_participants", 100},
      {"evidence.large_meta_analysis_k", 5},
      {"evidence.stage_match", 1},
      {"evidence.investigational", -3},
      {"history.never_tried", 2},
      {"history.inadequate_attempt", 2},
      {"history.previous_benefit", 1},
      {"history.outcome_unknown", 0},
      {"history.not_tracked", 0},
      {"history.class_failed", -1},
      {"history.psychotherapy_gap", 1},
      {"history.failed_but_indicated", 0},
      {"history.partial_response", 0},
      {"moderator.ipd_meta_analysis", 1},
      {"moderator.meta_regression", 0.5},
      {"moderator.secondary_analysis", 0.5},
      {"moderator.model_based", 0.5},
      {"moderator.clinical_heuristic", 0.5},
      {"moderator.extrapolated", 0.25},
      {"moderator.prognostic", 0},
      {"moderator.cap", 2},
      {"preference.prefers", 2},
      {"caution.relative", -1},
      {"context.applies", 0},
      {"context.add_on_without_antidepressant", -1},
      {"evidence.population_excluded", 2},
      {"step.first_line_first", -4},
      {"safety.recent_days", 14},
      {"facts.long_episode_days", 730},
      {"facts.low_education_years", 8},
      {"facts.older_age_years", 65},
      {"facts.many_episodes", 4},
      {"facts.trd_failed_trials", 2},
  };
  for (const auto& [id, value] : weights) ranking.AddWeight(Weight(id, value));
  for (std::string_view id : kRequiredRankingMessages) {
    *ranking.messages.Find(id) =
        RankingMessage{"message " + std::string(id), {Tag::kDecision, "test"}};
  }
  return ranking;
}

inline Moderator MakeModerator(std::string id, std::string fact, std::vector<std::string> options,
                               std::string strength, Tag tag = Tag::kVerified) {
  Moderator moderator;
  moderator.id = id;
  moderator.label = "label " + id;
  moderator.fact = std::move(fact);
  moderator.options = std::move(options);
  moderator.strength = std::move(strength);
  moderator.finding = "finding " + id + ": what was found";
  moderator.provenance = {tag, "test finding"};
  return moderator;
}

inline EvidenceEntry Entry(std::string study_id, EvidencePopulation population,
                           EffectMeasure measure, std::optional<double> value,
                           std::optional<std::pair<double, double>> ci, std::optional<int> n,
                           Favours favours = Favours::kHigher) {
  EvidenceEntry entry;
  entry.study_id = std::move(study_id);
  entry.outcome = "depression";
  entry.outcome_kind = OutcomeKind::kContinuous;
  entry.time_point = "post-treatment";
  entry.primary_outcome = true;
  entry.population = population;
  entry.measure = measure;
  entry.value = value;
  entry.ci = ci;
  entry.n = n;
  entry.favours = favours;
  entry.provenance = {Tag::kVerified, "test entry"};
  return entry;
}

inline ArmResult CountArm(std::string label, int events, int n) {
  ArmResult arm;
  arm.label = std::move(label);
  arm.events = events;
  arm.n = n;
  return arm;
}

inline Intervention Option(std::string id, InterventionCategory category, EvidenceLevel level) {
  Intervention option;
  option.id = id;
  option.name = "option " + id;
  option.category = category;
  option.evidence_level = level;
  option.evidence_strength = "test";
  return option;
}

inline Caution MakeCaution(std::string text, std::string hard_when, std::string applies_when,
                           Tag tag = Tag::kVerified) {
  Caution caution;
  caution.text = std::move(text);
  caution.hard_exclusion_when = std::move(hard_when);
  caution.applies_when = std::move(applies_when);
  caution.provenance = {tag, "test caution"};
  return caution;
}

// Evidence-based psychotherapy of modality "istdp"; trd_rct with 120 TRD participants and a clear
// benefit: evidence grade 3.
inline Intervention Stpp() {
  Intervention option =
      Option("stpp", InterventionCategory::kPsychotherapy, EvidenceLevel::kTrdRct);
  option.treatment_classes = {"psychotherapy_evidence_based"};
  option.psychotherapy_modalities = {"istdp"};
  option.course = {{std::nullopt, std::nullopt, "weekly, with a trained therapist", {}},
                   {std::make_pair(20.0, 20.0), std::nullopt, "20 sessions (Halifax)", {}}};
  option.evidence = {Entry("town", EvidencePopulation::kTrd, EffectMeasure::kHedgesG, 1.5,
                           std::make_pair(0.6, 2.4), 120)};
  return option;
}

// A second evidence-based psychotherapy (modality "cbt"), indirect evidence with a clear benefit:
// evidence grade 2.
inline Intervention Cbt() {
  Intervention option =
      Option("cbt", InterventionCategory::kPsychotherapy, EvidenceLevel::kIndirect);
  option.treatment_classes = {"psychotherapy_evidence_based"};
  option.psychotherapy_modalities = {"cbt"};
  option.course = {{std::make_pair(12.0, 20.0), std::nullopt, "12-20 sessions", {}}};
  option.evidence = {Entry("cbt_ma", EvidencePopulation::kGeneralDepression, EffectMeasure::kSmd,
                           0.5, std::make_pair(0.3, 0.7), 900)};
  return option;
}

// Esketamine: trial kind, eligible after 2 antidepressant failures, a hard exclusion, a relative
// caution (tag U) and a general one; ESCAPE-TRD arms give a clear benefit: evidence grade 3.
inline Intervention Esketamine() {
  Intervention option =
      Option("esketamine", InterventionCategory::kGlutamatergic, EvidenceLevel::kTrdRct);
  option.treatment_classes = {"ketamine"};
  option.trial_kinds = {TreatmentKind::kEsketamine};
  option.course = {{std::make_pair(8.0, 8.0),
                    std::make_pair(4.0, 4.0),
                    "induction twice weekly for 4 weeks",
                    {}}};
  EvidenceEntry escape = Entry("escape_trd", EvidencePopulation::kTrd, EffectMeasure::kProportions,
                               std::nullopt, std::nullopt, 676);
  escape.arms = {CountArm("esketamine", 91, 336), CountArm("quetiapine XR", 60, 340)};
  option.evidence = {escape};
  option.cautions = {
      MakeCaution("Aneurysmal vascular disease (label contraindication).",
                  "aneurysmal_vascular_disease", ""),
      MakeCaution("Blood-pressure rise.", "", "uncontrolled_hypertension", Tag::kUnconfirmed),
      MakeCaution("Sedation and dissociation.", "", "")};
  option.eligibility = Eligibility{.min_failed_trials = 2,
                                   .counts = FailureCount::kAntidepressantTrials,
                                   .requires_any_fact = {},
                                   .text = "label: at least 2 failed antidepressants",
                                   .provenance = {}};
  return option;
}

// A multi-class medication strategy, no estimate clear of no effect: evidence grade 1.5.
inline Intervention SwitchClass() {
  Intervention option = Option("switch_class", InterventionCategory::kMedicationStrategy,
                               EvidenceLevel::kInadequateResponseRct);
  option.treatment_classes = {"ad_ssri", "ad_snri", "ad_tca"};
  option.evidence = {Entry("stard", EvidencePopulation::kInadequateResponse,
                           EffectMeasure::kRiskRatio, 1.1, std::make_pair(0.9, 1.3), 727)};
  return option;
}

// Restricted to an ongoing antidepressant trial short of adequate; not reviewed: grade -1.
inline Intervention OptimiseDose() {
  Intervention option = Option("optimise_dose", InterventionCategory::kMedicationStrategy,
                               EvidenceLevel::kNotReviewed);
  option.applies_only_when = {"ongoing_antidepressant_not_yet_adequate"};
  return option;
}

// No classes, modalities or trial kinds: history not tracked; not reviewed: grade -1.
inline Intervention SupportGroups() {
  return Option("support_groups", InterventionCategory::kLifestyle, EvidenceLevel::kNotReviewed);
}

inline InterventionCatalogue TestCatalogue() {
  InterventionCatalogue catalogue;
  catalogue.version = "interventions@test";
  catalogue.interventions = {Stpp(),        Cbt(),          Esketamine(),
                             SwitchClass(), OptimiseDose(), SupportGroups()};
  return catalogue;
}

inline Date Day(int day_of_year) {
  using namespace std::chrono;
  return Date(sys_days(year{2024} / January / 1) + days(day_of_year));
}

inline TrialSummary Trial(std::string id, TreatmentKind kind, std::string agent,
                          std::vector<std::string> classes, bool adequate, OutcomeCategory outcome,
                          int start_day = 0) {
  TrialSummary trial;
  trial.id = std::move(id);
  trial.kind = kind;
  trial.agent = std::move(agent);
  trial.start = Day(start_day);
  trial.treatment_classes = std::move(classes);
  trial.adequate = adequate;
  trial.outcome = outcome;
  return trial;
}

// A psychotherapy trial of an evidence-based modality.
inline TrialSummary Psychotherapy(std::string id, std::string modality, bool adequate,
                                  OutcomeCategory outcome, int start_day = 0) {
  TrialSummary trial = Trial(std::move(id), TreatmentKind::kPsychotherapy, std::move(modality),
                             {"psychotherapy_evidence_based"}, adequate, outcome, start_day);
  trial.evidence_based_psychotherapy = true;
  return trial;
}

inline TrialSummary Antidepressant(std::string id, std::string drug, std::string class_id,
                                   bool adequate, OutcomeCategory outcome, int start_day = 0) {
  return Trial(std::move(id), TreatmentKind::kAntidepressant, std::move(drug),
               {std::move(class_id)}, adequate, outcome, start_day);
}

inline std::vector<std::string> ComponentIds(const OptionResult& result) {
  std::vector<std::string> ids;
  for (const OptionComponent& component : result.components) ids.push_back(component.id);
  return ids;
}

// The component `id` of `result`, or nullptr.
inline const OptionComponent* FindComponent(const OptionResult& result, std::string_view id) {
  for (const OptionComponent& component : result.components) {
    if (component.id == id) return &component;
  }
  return nullptr;
}

inline std::vector<std::string> Ids(const std::vector<OptionResult>& results) {
  std::vector<std::string> ids;
  for (const OptionResult& result : results) ids.push_back(result.option->id);
  return ids;
}

// Prepares `catalogue` with `ranking` (and optional syntheses) and ranks `input`. Each test edits
// the members it needs, then calls Rank() and reads results with Result().
class OptionsTest : public ::testing::Test {
 protected:
  void Rank() {
    StatusOr<std::shared_ptr<const OptionsKnowledge>> prepared =
        PrepareOptions(catalogue, ranking, specs, comparisons, "data@1", knowledge_base);
    ASSERT_TRUE(prepared.ok()) << prepared.status().message();
    report = RankOptions(input, *prepared);
  }

  // The ranked or excluded result of option `id`; a failure (and an empty result) when missing.
  const OptionResult& Result(std::string_view id) {
    static const Intervention kMissing;
    static const OptionResult kNone = [] {
      OptionResult none;
      none.option = &kMissing;
      return none;
    }();
    const OptionResult* result = report.Find(id);
    if (!result) ADD_FAILURE() << "no result for option '" << id << "'";
    return result ? *result : kNone;
  }

  InterventionCatalogue catalogue = TestCatalogue();
  RankingKnowledge ranking = TestRanking();
  std::vector<SynthesisSpec> specs;
  std::vector<evidence::EffectRecord> comparisons;
  KnowledgeBase knowledge_base;
  OptionsInput input;
  OptionsReport report;
};

}  // namespace refract::options_testing
