// The guideline-driven parts of the ranking (src/options/option_guidelines.cc): indications and the
// indicated tier, the evidence applicability cap, step rules and the add-on context.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "options_test_util.h"

namespace refract::options_testing {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

Indication MakeIndication(std::string id, std::vector<std::string> options,
                          std::vector<std::string> when_any,
                          std::vector<std::string> unless_any = {}) {
  Indication indication;
  indication.id = id;
  indication.label = "label " + id;
  indication.options = std::move(options);
  indication.when_any = std::move(when_any);
  indication.unless_any = std::move(unless_any);
  indication.text = "text " + id;
  indication.provenance = {Tag::kVerified, "test indication " + id};
  return indication;
}

// One failed antidepressant trial; no facts recorded. Scores with TestCatalogue():
//   stpp 3 + never tried 2 = 5    cbt 2 + 2 = 4    switch_class 1.5 + stage match 1 + 2 = 4.5
//   esketamine: not yet indicated (label: 2 failures)
class GuidelinesTest : public OptionsTest {
 protected:
  GuidelinesTest() {
    input.failed_antidepressant_trials = 1;
    input.failed_treatments = 1;
  }
};

TEST_F(GuidelinesTest, AnIndicatedOptionComesFirstWhateverItsScore) {
  ranking.indications = {MakeIndication("switch_first", {"switch_class"}, {"catatonia"})};
  input.conditions = {{"catatonia", true, "catatonia: present (recorded)"}};
  Rank();
  ASSERT_FALSE(report.ranked.empty());
  EXPECT_EQ(report.ranked.front().option->id, "switch_class");
  EXPECT_LT(report.ranked.front().score, Result("stpp").score);
  ASSERT_EQ(Result("switch_class").indications.size(), 1u);
  EXPECT_EQ(Result("switch_class").indications[0]->id, "switch_first");
  EXPECT_THAT(Result("switch_class").rationale, HasSubstr("guideline indication: label"));
  EXPECT_THAT(Result("stpp").indications, IsEmpty());
}

TEST_F(GuidelinesTest, AnIndicationIsMatchedOnFactsConditionsAndSituations) {
  ranking.indications = {MakeIndication("a", {"stpp"}, {"severity_high"}),
                         MakeIndication("b", {"cbt"}, {"pregnancy"}),
                         MakeIndication("c", {"switch_class"}, {"in_remission"})};
  input.facts = {{"severity_high", true, "severe"}};
  input.conditions = {{"pregnancy", false, "pregnancy: absent (recorded)"}};
  input.contexts = {{"in_remission", std::nullopt, ""}};
  Rank();
  EXPECT_THAT(Result("stpp").indications, Not(IsEmpty()));
  EXPECT_THAT(Result("cbt").indications, IsEmpty());           // recorded as absent
  EXPECT_THAT(Result("switch_class").indications, IsEmpty());  // not recorded
}

TEST_F(GuidelinesTest, UnlessAnyBlocksAnIndication) {
  ranking.indications = {
      MakeIndication("ect_like", {"stpp"}, {"catatonia"}, {"current_treatment_helping"})};
  input.conditions = {{"catatonia", true, "present"}};
  input.contexts = {{"current_treatment_helping", true, "T4 (ect): remission"}};
  Rank();
  EXPECT_THAT(Result("stpp").indications, IsEmpty());
}

TEST_F(GuidelinesTest, TheIndicatedTierFollowsThePriorityOfTheIndications) {
  ranking.indications = {MakeIndication("first", {"cbt"}, {"catatonia"}),
                         MakeIndication("second", {"stpp"}, {"catatonia"})};
  input.conditions = {{"catatonia", true, "present"}};
  Rank();
  ASSERT_GE(report.ranked.size(), 2u);
  EXPECT_EQ(report.ranked[0].option->id, "cbt");   // score 4, first indication
  EXPECT_EQ(report.ranked[1].option->id, "stpp");  // score 5, second indication
  EXPECT_FALSE(report.ranked[0].tied);
}

TEST_F(GuidelinesTest, AnIndicationWaivesTheFailureCountGateButNotAnExclusion) {
  ranking.indications = {MakeIndication("rapid", {"esketamine"}, {"rapid_response_needed"})};
  input.conditions = {{"rapid_response_needed", true, "present"}};
  Rank();
  EXPECT_TRUE(Result("esketamine").exclusions.empty());
  input.declines = {"esketamine"};
  Rank();
  ASSERT_EQ(Result("esketamine").exclusions.size(), 1u);
  EXPECT_EQ(Result("esketamine").exclusions[0].kind, ExclusionKind::kDeclined);
}

TEST_F(GuidelinesTest, AFailedClassStaysIndicatedOnlyWhenTheIndicationSaysWhatToTryInstead) {
  input.trials = {
      Antidepressant("T1", "sertraline", "ad_ssri", true, OutcomeCategory::kNonresponse),
      Antidepressant("T2", "duloxetine", "ad_snri", true, OutcomeCategory::kNonresponse),
      Antidepressant("T3", "nortriptyline", "ad_tca", true, OutcomeCategory::kNonresponse)};
  ranking.indications = {MakeIndication("psychotic", {"switch_class"}, {"psychotic_features"})};
  input.conditions = {{"psychotic_features", true, "present"}};
  Rank();
  ASSERT_EQ(Result("switch_class").exclusions.size(), 1u);
  EXPECT_EQ(Result("switch_class").exclusions[0].kind, ExclusionKind::kAlreadyFailed);
  ranking.indications[0].despite_failure = "try another agent of the class";
  Rank();
  const OptionResult& kept = Result("switch_class");
  EXPECT_TRUE(kept.exclusions.empty());
  const OptionComponent* note = FindComponent(kept, "history.failed_but_indicated");
  ASSERT_NE(note, nullptr);
  EXPECT_EQ(note->points, 0);
  EXPECT_THAT(note->detail, HasSubstr("adequately tried and failed"));
  EXPECT_THAT(note->detail, HasSubstr("try another agent of the class"));
  ASSERT_EQ(kept.prior_failures.size(), 3u);
  EXPECT_EQ(kept.prior_failures[2].trial, "T3");
  EXPECT_EQ(kept.prior_failures[2].agent, "nortriptyline");
  EXPECT_THAT(kept.rationale,
              HasSubstr("sertraline (T1), duloxetine (T2), nortriptyline (T3) already failed "
                        "adequately in this episode: try another agent of the class"));
}

// Example c's situation: psychotic depression after an adequate aripiprazole augmentation that
// failed, no antidepressant ongoing. The indication keeps antipsychotic augmentation first, and the
// option names the failed trial (prior_failures, the rationale). Without an adequate failure of
// the class (never tried, or tried but not adequately) there is no such note.
TEST_F(GuidelinesTest, AnOptionIndicatedDespiteAFailureNamesTheFailedTrialsAndAgents) {
  Intervention augmentation =
      Option("antipsychotic_augmentation", InterventionCategory::kMedicationStrategy,
             EvidenceLevel::kNoCompletedTrdTrial);
  augmentation.treatment_classes = {"augmentation_antipsychotic"};
  catalogue.interventions.push_back(augmentation);
  ranking.indications = {
      MakeIndication("ad_ap_psychotic", {"antipsychotic_augmentation"}, {"psychotic_features"})};
  ranking.indications[0].despite_failure = "try another antipsychotic with the antidepressant";
  input.conditions = {{"psychotic_features", true, "psychotic features in this episode"}};
  const std::vector<TrialSummary> without_failure = {
      Antidepressant("T7", "venlafaxine", "ad_snri", true, OutcomeCategory::kNonresponse)};
  input.trials = without_failure;
  input.trials.push_back(Trial("T7A", TreatmentKind::kAugmentation, "aripiprazole",
                               {"augmentation_antipsychotic"}, true, OutcomeCategory::kNonresponse,
                               30));
  Rank();
  const OptionResult& kept = Result("antipsychotic_augmentation");
  EXPECT_TRUE(kept.exclusions.empty());
  EXPECT_EQ(kept.rank, 1);
  ASSERT_EQ(kept.prior_failures.size(), 1u);
  EXPECT_EQ(kept.prior_failures[0].trial, "T7A");
  EXPECT_EQ(kept.prior_failures[0].agent, "aripiprazole");
  EXPECT_THAT(kept.rationale,
              HasSubstr("aripiprazole (T7A) already failed adequately in this episode: try "
                        "another antipsychotic with the antidepressant"));
  EXPECT_NE(FindComponent(kept, "history.failed_but_indicated"), nullptr);

  input.trials = without_failure;  // never tried
  Rank();
  const OptionResult& fresh = Result("antipsychotic_augmentation");
  EXPECT_EQ(fresh.rank, 1);
  EXPECT_THAT(fresh.prior_failures, IsEmpty());
  EXPECT_THAT(fresh.rationale, Not(HasSubstr("already failed")));

  input.trials.push_back(Trial("T7A", TreatmentKind::kAugmentation, "aripiprazole",
                               {"augmentation_antipsychotic"}, false, OutcomeCategory::kNonresponse,
                               30));  // not adequate
  Rank();
  EXPECT_THAT(Result("antipsychotic_augmentation").prior_failures, IsEmpty());
  EXPECT_THAT(Result("antipsychotic_augmentation").rationale, Not(HasSubstr("already failed")));
}

TEST_F(GuidelinesTest, AnExcludedFailedOptionHasNoPriorFailures) {
  input.trials = {
      Antidepressant("T1", "sertraline", "ad_ssri", true, OutcomeCategory::kNonresponse),
      Antidepressant("T2", "duloxetine", "ad_snri", true, OutcomeCategory::kNonresponse),
      Antidepressant("T3", "nortriptyline", "ad_tca", true, OutcomeCategory::kNonresponse)};
  Rank();
  ASSERT_EQ(Result("switch_class").exclusions.size(), 1u);
  EXPECT_THAT(Result("switch_class").prior_failures, IsEmpty());
}

TEST_F(GuidelinesTest, ATrialPopulationExclusionCapsTheEvidenceAndSilencesModerators) {
  catalogue.interventions[0].cautions.push_back(
      MakeCaution("Trials excluded psychotic depression.", "", "psychotic_features"));
  catalogue.interventions[0].cautions.back().limits_evidence = true;
  ranking.moderators = {MakeModerator("sev", "severity_high", {"stpp"}, "ipd_meta_analysis")};
  input.facts = {{"severity_high", true, "severe"}};
  input.conditions = {{"psychotic_features", true, "psychotic features in this episode"}};
  Rank();
  const OptionResult& stpp = Result("stpp");
  const OptionComponent* cap = FindComponent(stpp, "evidence.population_excluded");
  ASSERT_NE(cap, nullptr);
  EXPECT_DOUBLE_EQ(cap->points, 2 - 3);  // evidence 3 capped at 2
  EXPECT_DOUBLE_EQ(stpp.evidence_points, 2);
  EXPECT_EQ(FindComponent(stpp, "moderator.sev"), nullptr);
  ASSERT_EQ(stpp.moderators.size(), 1u);
  EXPECT_THAT(stpp.moderators[0].fact_detail, HasSubstr("not applied"));
  // evidence 3 - 1 (cap) + never tried 2 + relative caution -1
  EXPECT_DOUBLE_EQ(stpp.score, 3 - 1 + 2 - 1);
}

TEST_F(GuidelinesTest, NoCapWhenTheConditionIsAbsentAndZeroWhenTheEvidenceIsAlreadyLow) {
  catalogue.interventions[0].cautions.push_back(
      MakeCaution("Trials excluded psychotic depression.", "", "psychotic_features"));
  catalogue.interventions[0].cautions.back().limits_evidence = true;
  input.conditions = {{"psychotic_features", false, "none"}};
  Rank();
  EXPECT_EQ(FindComponent(Result("stpp"), "evidence.population_excluded"), nullptr);
  catalogue.interventions[1].cautions.push_back(
      MakeCaution("Trials excluded psychotic depression.", "", "psychotic_features"));
  catalogue.interventions[1].cautions.back().limits_evidence = true;
  input.conditions = {{"psychotic_features", true, "present"}};
  Rank();
  const OptionComponent* cap = FindComponent(Result("cbt"), "evidence.population_excluded");
  ASSERT_NE(cap, nullptr);  // shown, so the report says why, but its evidence is already <= 2
  EXPECT_EQ(cap->points, 0);
}

StepRule FirstFailureRule() {
  StepRule rule;
  rule.id = "first_failure";
  rule.options = {"switch_class"};
  rule.min_failed = 1;
  rule.max_failed = 1;
  rule.unless_declined = {"psychotherapy"};
  rule.unless_any = {"latest_antidepressant_partial_response"};
  rule.weight = "step.first_line_first";
  rule.text = "dose, switch or psychotherapy first";
  rule.provenance = {Tag::kVerified, "test rule"};
  return rule;
}

TEST_F(GuidelinesTest, AStepRuleAppliesInItsRangeOfFailures) {
  ranking.step_rules = {FirstFailureRule()};
  Rank();
  const OptionComponent* step = FindComponent(Result("switch_class"), "step.first_line_first");
  ASSERT_NE(step, nullptr);
  EXPECT_EQ(step->points, -4);
  EXPECT_EQ(step->detail, "dose, switch or psychotherapy first");
  EXPECT_EQ(step->provenance.source, "test rule");
  for (int failed : {0, 2}) {
    input.failed_antidepressant_trials = failed;
    Rank();
    EXPECT_EQ(FindComponent(Result("switch_class"), "step.first_line_first"), nullptr) << failed;
  }
}

TEST_F(GuidelinesTest, AStepRuleIsWaivedByADeclineOrAFact) {
  ranking.step_rules = {FirstFailureRule()};
  input.declines = {"psychotherapy"};
  Rank();
  EXPECT_EQ(FindComponent(Result("switch_class"), "step.first_line_first"), nullptr);
  input.declines = {};
  input.facts = {{"latest_antidepressant_partial_response", true, "T1: partial response"}};
  Rank();
  EXPECT_EQ(FindComponent(Result("switch_class"), "step.first_line_first"), nullptr);
}

TEST_F(GuidelinesTest, AnAddOnWithoutAnOngoingAntidepressantLosesItsWeight) {
  catalogue.interventions[1].add_on_to_antidepressant = true;  // cbt
  input.facts = {{"antidepressant_ongoing", false, "none ongoing"}};
  input.contexts = {{"antidepressant_tried_in_episode", true, "T1 stopped"}};
  Rank();
  EXPECT_THAT(ComponentIds(Result("cbt")), Contains("context.add_on_without_antidepressant"));
  EXPECT_THAT(ComponentIds(Result("stpp")), Not(Contains("context.add_on_without_antidepressant")));
  input.facts = {{"antidepressant_ongoing", true, "T2 ongoing"}};
  Rank();
  EXPECT_THAT(ComponentIds(Result("cbt")), Not(Contains("context.add_on_without_antidepressant")));
  // No antidepressant yet: starting one is the indicated step, and the add-on comes with it.
  input.facts = {{"antidepressant_ongoing", false, "none ongoing"}};
  input.contexts = {{"antidepressant_tried_in_episode", false, "none in this episode"}};
  Rank();
  EXPECT_THAT(ComponentIds(Result("cbt")), Not(Contains("context.add_on_without_antidepressant")));
}

TEST_F(GuidelinesTest, StageMatchNeedsAFailedTrial) {
  Rank();
  EXPECT_NE(FindComponent(Result("switch_class"), "evidence.stage_match"), nullptr);
  input.failed_antidepressant_trials = 0;
  Rank();
  EXPECT_EQ(FindComponent(Result("switch_class"), "evidence.stage_match"), nullptr);
}

}  // namespace
}  // namespace refract::options_testing
