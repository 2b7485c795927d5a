// The evidence grade PrepareOptions computes once per option: the level weight, then the "no clear
// benefit", "small TRD trials" and investigational deductions.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "options_test_util.h"
#include "refract/options/ranking.h"

namespace refract::options_testing {
namespace {

using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::IsEmpty;

std::vector<std::string> GradeIds(const EvidenceGrade& grade) {
  std::vector<std::string> ids;
  for (const OptionComponent& component : grade.components) ids.push_back(component.id);
  return ids;
}

evidence::EffectRecord Comparison(std::string study, double g, double se, int n_arm1, int n_arm2) {
  evidence::EffectRecord record;
  record.label = study;
  record.study = study;
  record.yi = g;
  record.vi = se * se;
  record.attributes = {
      {"study", study}, {"n_arm1", std::to_string(n_arm1)}, {"n_arm2", std::to_string(n_arm2)}};
  return record;
}

SynthesisSpec PoolOf(std::string id, std::vector<std::string> studies, SynthesisScope scope,
                     EvidencePopulation population, Tag tag = Tag::kVerified) {
  SynthesisSpec spec;
  spec.id = std::move(id);
  spec.interventions = {"x"};
  spec.scope = scope;
  spec.population = population;
  spec.select = {{"study", std::move(studies)}};
  spec.method = stats::Tau2Method::kFe;
  spec.provenance = {tag, "test synthesis"};
  return spec;
}

class EvidenceGradeTest : public OptionsTest {
 protected:
  // The grade of `option` (id "x") prepared alone, with the fixture's specs and comparisons.
  EvidenceGrade Grade(Intervention option) {
    catalogue.interventions = {std::move(option)};
    StatusOr<std::shared_ptr<const OptionsKnowledge>> prepared =
        PrepareOptions(catalogue, ranking, specs, comparisons, "data@1", knowledge_base);
    EXPECT_TRUE(prepared.ok()) << prepared.status().message();
    if (!prepared.ok()) return {};
    knowledge = *prepared;
    return knowledge->GradeOf(knowledge->catalogue.interventions[0]);
  }

  Intervention X(EvidenceLevel level, std::vector<EvidenceEntry> evidence = {}) {
    Intervention option = Option("x", InterventionCategory::kNeuromodulation, level);
    option.evidence = std::move(evidence);
    return option;
  }

  std::shared_ptr<const OptionsKnowledge> knowledge;
};

// An entry that backs `level` (PrepareOptions checks that the entries support the level) with a CI
// that is not clear of no effect and no participant count; none for the levels without an estimate.
std::vector<EvidenceEntry> UnclearSupportFor(EvidenceLevel level) {
  using L = EvidenceLevel;
  if (level == L::kNotReviewed || level == L::kNoTrdEstimate || level == L::kNoCompletedTrdTrial) {
    return {};
  }
  const EvidencePopulation population =
      level == L::kIndirect ? EvidencePopulation::kGeneralDepression
      : level == L::kInadequateResponseMetaAnalysis || level == L::kInadequateResponseRct
          ? EvidencePopulation::kInadequateResponse
          : EvidencePopulation::kTrd;
  EvidenceEntry entry = Entry("unclear", population, EffectMeasure::kSmd, 0.1,
                              std::make_pair(-0.2, 0.4), std::nullopt);
  entry.k = 2;
  return {entry};
}

TEST_F(EvidenceGradeTest, LevelWeightStartsTheGradeAndTrdLevelsWithoutTrialsAreSmall) {
  struct Case {
    EvidenceLevel level;
    std::vector<std::string> ids;
    double points;
  };
  const std::vector<std::string> no_benefit = {"evidence.no_clear_benefit"};
  const Case cases[] = {
      {EvidenceLevel::kTrdMetaAnalysis,
       {"evidence.trd_meta_analysis", "evidence.no_clear_benefit", "evidence.small_trd_trials"},
       4 - 1 - 1},
      {EvidenceLevel::kInadequateResponseMetaAnalysis,
       {"evidence.inadequate_response_meta_analysis", "evidence.no_clear_benefit",
        "evidence.small_trd_trials"},
       3.5 - 1 - 1},
      {EvidenceLevel::kTrdRct,
       {"evidence.trd_rct", "evidence.no_clear_benefit", "evidence.small_trd_trials"},
       3 - 1 - 1},
      {EvidenceLevel::kInadequateResponseRct,
       {"evidence.inadequate_response_rct", "evidence.no_clear_benefit",
        "evidence.small_trd_trials"},
       2.5 - 1 - 1},
      {EvidenceLevel::kTrdNonRandomised,
       {"evidence.trd_non_randomised", "evidence.no_clear_benefit", "evidence.small_trd_trials"},
       2 - 1 - 1},
      {EvidenceLevel::kIndirect, {"evidence.indirect", "evidence.no_clear_benefit"}, 2 - 1},
      // Without any comparative estimate there is nothing to judge: no "no clear benefit" on top
      // of the low level weight.
      {EvidenceLevel::kNoTrdEstimate, {"evidence.no_trd_estimate"}, 1},
      {EvidenceLevel::kNoCompletedTrdTrial, {"evidence.no_completed_trd_trial"}, 0},
      {EvidenceLevel::kNotReviewed, {"evidence.not_reviewed"}, 0},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(ToString(c.level));
    const EvidenceGrade grade = Grade(X(c.level, UnclearSupportFor(c.level)));
    EXPECT_THAT(GradeIds(grade), ElementsAreArray(c.ids));
    EXPECT_DOUBLE_EQ(grade.points, c.points);
    EXPECT_EQ(grade.components[0].detail,
              std::string(Describe(c.level)) +
                  " (design and directness: " + std::string(ToString(c.level)) + ")");
  }
}

TEST_F(EvidenceGradeTest, ClearBenefitMayComeFromAPublishedOrComputedInterval) {
  struct Case {
    const char* name;
    EvidenceEntry entry;
    std::string clearest;  // "" when none is clear
    bool deducted;         // evidence.no_clear_benefit: judged, and not clear
  };
  EvidenceEntry se_only = Entry("heshmati", EvidencePopulation::kTrd, EffectMeasure::kHedgesG,
                                1.6613, std::nullopt, 150);
  se_only.se = 0.2687;
  EvidenceEntry ratio_se_only =
      Entry("an2021", EvidencePopulation::kTrd, EffectMeasure::kRiskRatio, 3.55, std::nullopt, 150);
  ratio_se_only.se = 0.2;
  EvidenceEntry arms = Entry("escape", EvidencePopulation::kTrd, EffectMeasure::kProportions,
                             std::nullopt, std::nullopt, 676);
  arms.arms = {CountArm("esketamine", 91, 336), CountArm("quetiapine", 60, 340)};
  EvidenceEntry pre_post = Entry("cohort", EvidencePopulation::kTrd, EffectMeasure::kPrePostEs, 1.2,
                                 std::make_pair(0.8, 1.6), 150);
  const Case cases[] = {
      {"published CI",
       Entry("sustain1", EvidencePopulation::kTrd, EffectMeasure::kHazardRatio, 0.49,
             std::make_pair(0.29, 0.84), 297, Favours::kLower),
       "sustain1 (hazard_ratio, depression)", false},
      {"value and SE", se_only, "heshmati (hedges_g, depression)", false},
      {"risk ratio recomputed from the arms", arms, "escape (risk ratio recomputed from the arms)",
       false},
      {"published CI touching the null",
       Entry("tads", EvidencePopulation::kTrd, EffectMeasure::kHedgesG, 0.23,
             std::make_pair(0.0, 0.62), 129),
       "", true},
      // A ratio with only an SE has no interval on its scale: a result whose precision cannot be
      // judged, so no clear benefit is shown. A pre-post effect is not a comparison: no deduction.
      {"ratio with only an SE", ratio_se_only, "", true},
      {"pre-post effect size", pre_post, "", false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const EvidenceGrade grade = Grade(X(EvidenceLevel::kTrdRct, {c.entry}));
    EXPECT_EQ(grade.clearest_benefit, c.clearest);
    const std::vector<std::string> ids = GradeIds(grade);
    const bool deducted =
        std::find(ids.begin(), ids.end(), "evidence.no_clear_benefit") != ids.end();
    EXPECT_EQ(deducted, c.deducted);
  }
}

TEST_F(EvidenceGradeTest, OptionScopeSynthesisCanShowTheClearBenefit) {
  comparisons = {Comparison("A", 0.8, 0.2, 30, 30), Comparison("B", 0.6, 0.25, 20, 20)};
  specs = {PoolOf("pooled_x", {"A", "B"}, SynthesisScope::kOption,
                  EvidencePopulation::kGeneralDepression)};
  const std::vector<EvidenceEntry> unclear = UnclearSupportFor(EvidenceLevel::kIndirect);
  EXPECT_EQ(Grade(X(EvidenceLevel::kIndirect, unclear)).clearest_benefit,
            "pooled_x (pooled by Refract)");
  specs[0].scope = SynthesisScope::kClass;
  const EvidenceGrade grade = Grade(X(EvidenceLevel::kIndirect, unclear));
  EXPECT_EQ(grade.clearest_benefit, "");
  EXPECT_THAT(GradeIds(grade), ElementsAre("evidence.indirect", "evidence.no_clear_benefit"));
  // The synthesis is still shown under the option.
  Rank();
  ASSERT_EQ(Result("x").syntheses.size(), 1u);
  EXPECT_EQ(Result("x").syntheses[0]->spec.id, "pooled_x");
}

// A clear benefit must be shown on a primary outcome: TADS's secondary BDI-II (CI 0.02-0.83) does
// not lift the option when its primary HDRS-17 (g 0.23, SE 0.20) includes no effect.
TEST_F(EvidenceGradeTest, SecondaryOutcomeAloneDoesNotShowTheBenefit) {
  using P = EvidencePopulation;
  EvidenceEntry primary = Entry("tads_hdrs", P::kInadequateResponse, EffectMeasure::kHedgesG,
                                0.2346, std::nullopt, 129);
  primary.se = 0.204;
  EvidenceEntry secondary =
      Entry("tads_bdi", P::kInadequateResponse, EffectMeasure::kHedgesG, 0.4245, std::nullopt, 129);
  secondary.se = 0.2056;
  secondary.primary_outcome = false;
  const EvidenceGrade grade = Grade(X(EvidenceLevel::kInadequateResponseRct, {primary, secondary}));
  EXPECT_EQ(grade.clearest_benefit, "");
  EXPECT_THAT(GradeIds(grade),
              ElementsAre("evidence.inadequate_response_rct", "evidence.no_clear_benefit"));
  EXPECT_THAT(grade.components[1].detail,
              ::testing::HasSubstr("a secondary outcome does (tads_bdi"));
  secondary.primary_outcome = true;
  EXPECT_EQ(Grade(X(EvidenceLevel::kInadequateResponseRct, {primary, secondary})).clearest_benefit,
            "tads_bdi (hedges_g, depression)");
}

// A non-significant comparison never counts as favouring the option: VAST-D's add-bupropion vs
// switch remission 136/506 vs 114/511 gives RR 1.20 (0.97-1.50); a p-value alone is judged but is
// never a benefit.
TEST_F(EvidenceGradeTest, NonSignificantArmsAndPValuesShowNoBenefit) {
  EvidenceEntry vastd = Entry("vastd", EvidencePopulation::kInadequateResponse,
                              EffectMeasure::kProportions, std::nullopt, std::nullopt, 1017);
  vastd.arms = {CountArm("augment", 136, 506), CountArm("switch", 114, 511)};
  const EvidenceGrade grade = Grade(X(EvidenceLevel::kInadequateResponseRct, {vastd}));
  EXPECT_EQ(grade.clearest_benefit, "");
  EXPECT_THAT(GradeIds(grade),
              ElementsAre("evidence.inadequate_response_rct", "evidence.no_clear_benefit"));
  EvidenceEntry vns = Entry("vns", EvidencePopulation::kTrd, EffectMeasure::kProportions,
                            std::nullopt, std::nullopt, 222);
  ArmResult active, sham;
  active.label = "active";
  active.percent = 15.2;
  sham.label = "sham";
  sham.percent = 10.0;
  vns.arms = {active, sham};
  vns.p_value = 0.001;
  const EvidenceGrade p_only = Grade(X(EvidenceLevel::kTrdRct, {vns}));
  EXPECT_EQ(p_only.clearest_benefit, "");
  EXPECT_THAT(GradeIds(p_only), ElementsAre("evidence.trd_rct", "evidence.no_clear_benefit"));
}

// A class-level entry (all psychotherapies pooled) and an exploratory pool are shown, never the
// option's own evidence.
TEST_F(EvidenceGradeTest, ClassLevelEntriesAndExploratoryPoolsAreNotTheOptionsEvidence) {
  EvidenceEntry pooled = Entry("vanbronswijk", EvidencePopulation::kInadequateResponse,
                               EffectMeasure::kSmd, 0.42, std::make_pair(0.29, 0.54), std::nullopt);
  pooled.k = 22;
  pooled.class_level = true;
  std::vector<EvidenceEntry> entries = UnclearSupportFor(EvidenceLevel::kIndirect);
  entries.push_back(pooled);
  EXPECT_EQ(Grade(X(EvidenceLevel::kIndirect, entries)).clearest_benefit, "");
  comparisons = {Comparison("A", 0.8, 0.2, 30, 30), Comparison("B", 0.6, 0.25, 20, 20)};
  specs = {PoolOf("pooled_x", {"A", "B"}, SynthesisScope::kExploratory,
                  EvidencePopulation::kInadequateResponse)};
  const EvidenceGrade grade = Grade(X(EvidenceLevel::kIndirect, entries));
  EXPECT_EQ(grade.clearest_benefit, "");
  EXPECT_EQ(grade.trd_participants, 0);
}

TEST_F(EvidenceGradeTest, SmallTrdTrialsCountsParticipantsOfTrdStudiesWithAResult) {
  using P = EvidencePopulation;
  auto trd = [](std::string study, int n, P population = P::kTrd) {
    return Entry(std::move(study), population, EffectMeasure::kHedgesG, 0.5,
                 std::make_pair(0.1, 0.9), n);
  };
  EvidenceEntry no_result =
      Entry("protocol", P::kTrd, EffectMeasure::kNotReported, std::nullopt, std::nullopt, 500);
  EvidenceEntry arms_only = trd("arms", 0);
  arms_only.n.reset();
  arms_only.arms = {CountArm("a", 10, 30), CountArm("b", 5, 30)};
  EvidenceEntry big_meta = trd("vanbronswijk", 0);
  big_meta.n.reset();
  big_meta.k = 22;
  EvidenceEntry small_meta = big_meta;
  small_meta.k = 4;
  EvidenceEntry big_meta_with_n = big_meta;
  big_meta_with_n.n = 80;
  struct Case {
    const char* name;
    std::vector<EvidenceEntry> evidence;
    int participants;
    bool small;
  };
  const Case cases[] = {
      {"TRD and inadequate response add up",
       {trd("a", 40), trd("b", 50, P::kInadequateResponse)},
       90,
       true},
      {"at the threshold", {trd("a", 60), trd("b", 40)}, 100, false},
      {"one study counts once, at its largest",
       {trd("a", 60), trd("a", 40), trd("b", 30)},
       90,
       true},
      {"general depression does not count",
       {trd("a", 500, P::kGeneralDepression), trd("b", 40)},
       40,
       true},
      // The size measures the evidence base: a trial counts even when its result was not captured.
      {"an entry without a result counts with its size", {no_result, trd("b", 40)}, 540, false},
      {"arm sizes stand in for a missing n", {arms_only}, 60, true},
      {"a large TRD meta-analysis without N is not small", {big_meta}, 0, false},
      {"a TRD meta-analysis with k below large_meta_analysis_k is small", {small_meta}, 0, true},
      {"a large TRD meta-analysis with its N counts that N", {big_meta_with_n}, 80, true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const EvidenceGrade grade = Grade(X(EvidenceLevel::kTrdRct, c.evidence));
    EXPECT_EQ(grade.trd_participants, c.participants);
    const OptionComponent* small = nullptr;
    for (const OptionComponent& component : grade.components) {
      if (component.id == "evidence.small_trd_trials") small = &component;
    }
    EXPECT_EQ(small != nullptr, c.small);
    if (small) {
      EXPECT_EQ(small->points, -1);
      EXPECT_EQ(small->detail, "its TRD trials hold " + std::to_string(c.participants) +
                                   " participants in all (fewer than 100)");
    }
  }
}

TEST_F(EvidenceGradeTest, SmallTrdTrialsIsNotDeductedBelowTheTrdLevels) {
  const EvidenceGrade grade = Grade(
      X(EvidenceLevel::kIndirect, {Entry("a", EvidencePopulation::kTrd, EffectMeasure::kHedgesG,
                                         0.5, std::make_pair(0.1, 0.9), 20)}));
  EXPECT_EQ(grade.trd_participants, 20);
  EXPECT_THAT(GradeIds(grade), ElementsAre("evidence.indirect"));
}

TEST_F(EvidenceGradeTest, TrdOptionSynthesisParticipantsCanLiftTheSmallDeduction) {
  comparisons = {Comparison("A", 0.8, 0.2, 40, 40), Comparison("B", 0.6, 0.25, 35, 35)};
  const std::vector<EvidenceEntry> evidence = {Entry(
      "a", EvidencePopulation::kTrd, EffectMeasure::kHedgesG, 0.5, std::make_pair(0.1, 0.9), 60)};
  struct Case {
    SynthesisScope scope;
    EvidencePopulation population;
    int participants;
  };
  const Case cases[] = {
      {SynthesisScope::kOption, EvidencePopulation::kTrd, 150},
      {SynthesisScope::kOption, EvidencePopulation::kInadequateResponse, 150},
      {SynthesisScope::kOption, EvidencePopulation::kGeneralDepression, 60},
      {SynthesisScope::kClass, EvidencePopulation::kTrd, 60},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(ToString(c.scope)) + " " + std::string(ToString(c.population)));
    specs = {PoolOf("pool", {"A", "B"}, c.scope, c.population)};
    const EvidenceGrade grade = Grade(X(EvidenceLevel::kTrdRct, evidence));
    EXPECT_EQ(grade.trd_participants, c.participants);
    const std::vector<std::string> ids = GradeIds(grade);
    EXPECT_EQ(std::find(ids.begin(), ids.end(), "evidence.small_trd_trials") != ids.end(),
              c.participants < 100);
  }
}

TEST_F(EvidenceGradeTest, InvestigationalOptionLosesPoints) {
  Intervention option = X(EvidenceLevel::kTrdRct,
                          {Entry("comp", EvidencePopulation::kTrd, EffectMeasure::kMeanDifference,
                                 -6.6, std::make_pair(-10.2, -2.9), 233, Favours::kLower)});
  option.investigational = true;
  const EvidenceGrade grade = Grade(option);
  EXPECT_THAT(GradeIds(grade), ElementsAre("evidence.trd_rct", "evidence.investigational"));
  EXPECT_DOUBLE_EQ(grade.points, 3 - 3);
  EXPECT_EQ(grade.components[1].detail, "investigational: not an approved treatment");
}

TEST_F(EvidenceGradeTest, ClearBenefitFromAnUnconfirmedSourceMakesTheOptionProvisional) {
  for (Tag tag : {Tag::kVerified, Tag::kUnconfirmed}) {
    SCOPED_TRACE(ToString(tag));
    EvidenceEntry entry = Entry("town", EvidencePopulation::kTrd, EffectMeasure::kHedgesG, 1.5,
                                std::make_pair(0.6, 2.4), 120);
    entry.provenance.tag = tag;
    const EvidenceGrade grade = Grade(X(EvidenceLevel::kTrdRct, {entry}));
    if (tag == Tag::kUnconfirmed) {
      EXPECT_THAT(grade.relies_on_unconfirmed,
                  ElementsAre("evidence: town (hedges_g, depression)"));
    } else {
      EXPECT_THAT(grade.relies_on_unconfirmed, IsEmpty());
    }
    Rank();
    EXPECT_EQ(Result("x").provisional, tag == Tag::kUnconfirmed);
  }
}

TEST_F(EvidenceGradeTest, ArmEffectsAreKeptPerEntry) {
  EvidenceEntry arms = Entry("escape", EvidencePopulation::kTrd, EffectMeasure::kProportions,
                             std::nullopt, std::nullopt, 676);
  arms.arms = {CountArm("esketamine", 91, 336), CountArm("quetiapine", 60, 340)};
  Grade(X(EvidenceLevel::kTrdRct, {Entry("a", EvidencePopulation::kTrd, EffectMeasure::kHedgesG,
                                         0.5, std::make_pair(0.1, 0.9), 60),
                                   arms}));
  ASSERT_NE(knowledge, nullptr);
  std::span<const std::optional<ArmEffect>> effects =
      knowledge->ArmEffectsOf(knowledge->catalogue.interventions[0]);
  ASSERT_EQ(effects.size(), 2u);
  EXPECT_FALSE(effects[0].has_value());
  ASSERT_TRUE(effects[1].has_value());
  EXPECT_NEAR(effects[1]->risk_ratio.value, 1.5347, 1e-3);
}

}  // namespace
}  // namespace refract::options_testing
