// Exclusions (declined, contraindicated, not yet indicated, situation absent; already failed is in
// ranking_history_test.cc) and the cross-reference checks of PrepareOptions.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "options_test_util.h"
#include "refract/options/ranking.h"

namespace refract::options_testing {
namespace {

using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

class ExclusionTest : public OptionsTest {
 protected:
  ExclusionTest() {
    input.failed_antidepressant_trials = 2;
    input.failed_treatments = 2;
  }

  // The kinds of `id`'s exclusions, in order.
  std::vector<ExclusionKind> Kinds(std::string_view id) {
    std::vector<ExclusionKind> kinds;
    for (const Exclusion& exclusion : Result(id).exclusions) kinds.push_back(exclusion.kind);
    return kinds;
  }
};

TEST_F(ExclusionTest, DeclinedOptionIsNotRanked) {
  input.declines = {"esketamine"};
  Rank();
  ASSERT_THAT(Kinds("esketamine"), ElementsAre(ExclusionKind::kDeclined));
  EXPECT_EQ(Result("esketamine").exclusions[0].detail, "the patient declines this option");
  EXPECT_EQ(Result("esketamine").rank, 0);
  EXPECT_THAT(Ids(report.ranked), Not(Contains("esketamine")));
}

TEST_F(ExclusionTest, DecliningACategoryExcludesEveryOptionInIt) {
  input.declines = {"psychotherapy"};
  Rank();
  for (const char* id : {"stpp", "cbt"}) {
    SCOPED_TRACE(id);
    ASSERT_THAT(Kinds(id), ElementsAre(ExclusionKind::kDeclined));
    EXPECT_EQ(Result(id).exclusions[0].detail, "the patient declines the category psychotherapy");
  }
  EXPECT_THAT(Ids(report.ranked), ElementsAre("esketamine", "switch_class", "support_groups"));
  // Excluded options are listed in catalogue order.
  EXPECT_THAT(Ids(report.excluded), ElementsAre("stpp", "cbt", "optimise_dose"));
}

TEST_F(ExclusionTest, HardExclusionDependsOnWhetherTheConditionIsPresent) {
  struct Case {
    const char* name;
    std::vector<Fact> conditions;
    CautionStatus status;
    std::string detail;
    bool excluded;
  };
  const Case cases[] = {
      {"present",
       {{"aneurysmal_vascular_disease", true, "aortic aneurysm 2019"}},
       CautionStatus::kApplies,
       "aortic aneurysm 2019",
       true},
      {"not recorded",
       {},
       CautionStatus::kScreen,
       "aneurysmal_vascular_disease not recorded",
       false},
      {"recorded as unknown",
       {{"aneurysmal_vascular_disease", std::nullopt, ""}},
       CautionStatus::kScreen,
       "aneurysmal_vascular_disease not recorded",
       false},
      {"absent",
       {{"aneurysmal_vascular_disease", false, "no vascular disease"}},
       CautionStatus::kNotPresent,
       "no vascular disease",
       false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    input.conditions = c.conditions;
    Rank();
    const OptionResult& esketamine = Result("esketamine");
    ASSERT_EQ(esketamine.cautions.size(), 3u);
    const CautionView& hard = esketamine.cautions[0];
    EXPECT_TRUE(hard.hard);
    EXPECT_EQ(hard.status, c.status);
    EXPECT_EQ(hard.detail, c.detail);
    EXPECT_EQ(esketamine.cautions[2].status, CautionStatus::kGeneral);
    if (c.excluded) {
      ASSERT_THAT(Kinds("esketamine"), ElementsAre(ExclusionKind::kContraindicated));
      EXPECT_EQ(esketamine.exclusions[0].detail,
                "Aneurysmal vascular disease (label contraindication). (aortic aneurysm 2019)");
      EXPECT_EQ(esketamine.exclusions[0].provenance.source, "test caution");
    } else {
      EXPECT_THAT(esketamine.exclusions, IsEmpty());
      EXPECT_GT(esketamine.rank, 0);
    }
    // A hard exclusion never scores.
    EXPECT_EQ(FindComponent(esketamine, "caution.relative"), nullptr);
  }
}

TEST_F(ExclusionTest, UnconfirmedHardExclusionMakesTheExclusionProvisional) {
  catalogue.interventions[2].cautions[0].provenance.tag = Tag::kUnconfirmed;
  input.conditions = {{"aneurysmal_vascular_disease", true, "aneurysm"}};
  Rank();
  EXPECT_TRUE(Result("esketamine").provisional);
  EXPECT_THAT(Result("esketamine").relies_on_unconfirmed,
              ElementsAre("hard exclusion: aneurysmal_vascular_disease"));
}

TEST_F(ExclusionTest, EligibilityBelowTheMinimumIsNotYetIndicated) {
  struct Case {
    int failed;
    std::string detail;  // "" when eligible
  };
  const Case cases[] = {
      {0,
       "not yet indicated: label: at least 2 failed antidepressants (this episode has 0 such "
       "failures)"},
      {1,
       "not yet indicated: label: at least 2 failed antidepressants (this episode has 1 such "
       "failure)"},
      {2, ""},
      {3, ""},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.failed);
    input.failed_antidepressant_trials = c.failed;
    input.failed_treatments = 5;  // not what this rule counts
    Rank();
    if (c.detail.empty()) {
      EXPECT_THAT(Result("esketamine").exclusions, IsEmpty());
    } else {
      ASSERT_THAT(Kinds("esketamine"), ElementsAre(ExclusionKind::kNotYetIndicated));
      EXPECT_EQ(Result("esketamine").exclusions[0].detail, c.detail);
    }
  }
}

TEST_F(ExclusionTest, AnyTreatmentsRuleCountsEveryAdequateFailure) {
  Intervention vns = Option("vns", InterventionCategory::kNeuromodulation, EvidenceLevel::kTrdRct);
  vns.evidence = {Entry("recover", EvidencePopulation::kTrd, EffectMeasure::kRiskRatio, 1.2,
                        std::make_pair(0.9, 1.6), 493)};
  vns.eligibility = Eligibility{.min_failed_trials = 4,
                                .counts = FailureCount::kAnyTreatments,
                                .requires_any_fact = {},
                                .text = "CMS: 4 failed treatments",
                                .provenance = {Tag::kUnconfirmed, "test rule"}};
  catalogue.interventions = {vns};
  input.failed_antidepressant_trials = 4;
  input.failed_treatments = 3;
  Rank();
  ASSERT_THAT(Kinds("vns"), ElementsAre(ExclusionKind::kNotYetIndicated));
  EXPECT_EQ(Result("vns").exclusions[0].detail,
            "not yet indicated: CMS: 4 failed treatments (this episode has 3 such failures)");
  EXPECT_EQ(Result("vns").exclusions[0].provenance.source, "test rule");
  EXPECT_THAT(Result("vns").relies_on_unconfirmed, ElementsAre("eligibility rule"));
  input.failed_treatments = 4;
  Rank();
  EXPECT_THAT(Result("vns").exclusions, IsEmpty());
  EXPECT_FALSE(Result("vns").provisional);
}

TEST_F(ExclusionTest, RestrictedOptionIsExcludedWhenItsSituationIsAbsent) {
  struct Case {
    const char* name;
    std::vector<Fact> contexts;
    std::string detail;
  };
  const Case cases[] = {
      {"not derived", {}, "ongoing antidepressant not yet adequate: not the case"},
      {"false",
       {{"ongoing_antidepressant_not_yet_adequate", false,
         "no ongoing antidepressant trial short of an adequate dose or duration"}},
       "no ongoing antidepressant trial short of an adequate dose or duration"},
      {"false without detail",
       {{"ongoing_antidepressant_not_yet_adequate", false, ""}},
       "ongoing antidepressant not yet adequate: not the case"},
      {"unknown",
       {{"ongoing_antidepressant_not_yet_adequate", std::nullopt, ""}},
       "ongoing antidepressant not yet adequate: not the case"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    input.contexts = c.contexts;
    Rank();
    ASSERT_THAT(Kinds("optimise_dose"), ElementsAre(ExclusionKind::kSituationAbsent));
    EXPECT_EQ(Result("optimise_dose").exclusions[0].detail, c.detail);
    EXPECT_EQ(Result("optimise_dose").exclusions[0].provenance.source,
              "test weight context.applies");
    EXPECT_EQ(FindComponent(Result("optimise_dose"), "context.applies"), nullptr);
  }
}

TEST_F(ExclusionTest, EveryReasonIsListed) {
  input.declines = {"glutamatergic"};
  input.failed_antidepressant_trials = 1;
  input.conditions = {{"aneurysmal_vascular_disease", true, "aneurysm"}};
  Rank();
  EXPECT_THAT(Kinds("esketamine"),
              ElementsAre(ExclusionKind::kDeclined, ExclusionKind::kContraindicated,
                          ExclusionKind::kNotYetIndicated));
}

TEST(ExclusionKindTest, NamesAreTheReportSpellings) {
  EXPECT_EQ(ToString(ExclusionKind::kDeclined), "declined");
  EXPECT_EQ(ToString(ExclusionKind::kContraindicated), "contraindicated");
  EXPECT_EQ(ToString(ExclusionKind::kAlreadyFailed), "already_failed");
  EXPECT_EQ(ToString(ExclusionKind::kNotYetIndicated), "not_yet_indicated");
  EXPECT_EQ(ToString(ExclusionKind::kSituationAbsent), "situation_absent");
  EXPECT_EQ(ToString(CautionStatus::kScreen), "screen");
  EXPECT_EQ(ToString(CautionStatus::kNotPresent), "not_present");
}

// ---- PrepareOptions ----

class PrepareOptionsTest : public OptionsTest {
 protected:
  PrepareOptionsTest() {
    comparisons = {
        evidence::EffectRecord{"Town", "Town", 1.5, 0.36, {}, 0, {{"study", "Town"}}},
        evidence::EffectRecord{"Fonagy", "Fonagy", 0.23, 0.04, {}, 0, {{"study", "Fonagy"}}}};
  }

  SynthesisSpec Synthesis(std::string id, std::vector<std::string> options,
                          std::string compare_with = "") {
    SynthesisSpec spec;
    spec.id = std::move(id);
    spec.interventions = std::move(options);
    spec.select = {{"study", {"Town", "Fonagy"}}};
    spec.compare_with = std::move(compare_with);
    return spec;
  }

  StatusOr<std::shared_ptr<const OptionsKnowledge>> Prepare() {
    return PrepareOptions(catalogue, ranking, specs, comparisons, "data@1", knowledge_base);
  }

  // The error message of Prepare(); a failure when it succeeds.
  std::string Error() {
    StatusOr<std::shared_ptr<const OptionsKnowledge>> prepared = Prepare();
    EXPECT_FALSE(prepared.ok());
    if (prepared.ok()) return "";
    EXPECT_EQ(prepared.status().code(), StatusCode::kInvalidArgument);
    return prepared.status().message();
  }
};

TEST_F(PrepareOptionsTest, ConsistentKnowledgeIsPrepared) {
  specs = {Synthesis("istdp_pool", {"stpp", "cbt"}, "town")};
  StatusOr<std::shared_ptr<const OptionsKnowledge>> prepared = Prepare();
  ASSERT_TRUE(prepared.ok()) << prepared.status().message();
  const OptionsKnowledge& knowledge = **prepared;
  EXPECT_EQ(knowledge.version, "interventions@test,ranking@test,data@1");
  EXPECT_EQ(knowledge.data_version, "data@1");
  ASSERT_EQ(knowledge.syntheses.size(), 1u);
  EXPECT_EQ(knowledge.syntheses[0].pooled.studies, 2);
  EXPECT_EQ(knowledge.grades.size(), catalogue.interventions.size());
  EXPECT_EQ(knowledge.arm_effects.size(), catalogue.interventions.size());
  EXPECT_TRUE(knowledge.review_parameters.empty());
}

TEST_F(PrepareOptionsTest, RejectsAModeratorNamingAnUnknownOption) {
  ranking.moderators = {MakeModerator("m1", "severity_high", {"stpp", "tdcs"}, "meta_regression")};
  EXPECT_EQ(Error(), "ranking.json: moderator 'm1' names unknown option 'tdcs'");
}

TEST_F(PrepareOptionsTest, RejectsASynthesisForAnUnknownOption) {
  specs = {Synthesis("s1", {"stpp", "tdcs"})};
  EXPECT_EQ(Error(), "evidence_syntheses.json: 's1' names unknown option 'tdcs'");
}

TEST_F(PrepareOptionsTest, RejectsASynthesisForAnOptionThatWasNotReviewed) {
  specs = {Synthesis("s1", {"support_groups"})};
  EXPECT_THAT(Error(), AllOf(HasSubstr("'support_groups'"), HasSubstr("not_reviewed")));
}

TEST_F(PrepareOptionsTest, RejectsAClassSynthesisShownUnderAnOptionThatWasNotReviewed) {
  specs = {Synthesis("s1", {"stpp", "support_groups"})};
  specs[0].scope = SynthesisScope::kClass;
  EXPECT_THAT(Error(), AllOf(HasSubstr("'support_groups'"), HasSubstr("not_reviewed")));
}

TEST_F(PrepareOptionsTest, RejectsAnEvidenceLevelItsEntriesDoNotSupport) {
  struct Case {
    const char* name;
    size_t row;  // in TestCatalogue()
    EvidenceLevel level;
    std::string error;
  };
  const Case cases[] = {
      {"a single TRD trial is not a TRD meta-analysis", 0, EvidenceLevel::kTrdMetaAnalysis,
       "interventions.json: 'stpp' has evidence_level trd_meta_analysis but not a pooled "
       "comparative estimate (k >= 2) from a TRD population"},
      {"general-depression evidence is not a TRD trial", 1, EvidenceLevel::kTrdRct,
       "interventions.json: 'cbt' has evidence_level trd_rct but not a TRD entry with a result "
       "that compares the option with a control"},
      {"an option without entries was not reviewed", 5, EvidenceLevel::kIndirect,
       "interventions.json: 'support_groups' has evidence_level indirect but not an entry with a "
       "result or a synthesis"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    catalogue = TestCatalogue();
    catalogue.interventions[c.row].evidence_level = c.level;
    EXPECT_EQ(Error(), c.error);
  }
}

TEST_F(PrepareOptionsTest, CompareWithMustBeCitedByOneOfItsOptions) {
  specs = {Synthesis("s1", {"stpp", "cbt"}, "vanbronswijk2019")};
  EXPECT_EQ(Error(),
            "evidence_syntheses.json: 's1' compares with 'vanbronswijk2019', which none of its "
            "options cites");
  specs = {Synthesis("s1", {"stpp", "cbt"}, "cbt_ma")};  // cited by cbt only
  EXPECT_TRUE(Prepare().ok());
}

TEST_F(PrepareOptionsTest, ReviewParameterMustBeAKnowledgeParameter) {
  catalogue.interventions[4].measurement = {
      {"judge the trial after this long", "adequacy.default_min_weeks", "weeks", {}},
      {"PHQ-9 at every visit", "", "", {}}};
  EXPECT_EQ(Error(),
            "interventions.json: 'optimise_dose' measurement names unknown parameter "
            "'adequacy.default_min_weeks'");
  knowledge_base.parameters["adequacy.default_min_weeks"] = Parameter{
      "adequacy.default_min_weeks", 6, {Tag::kVerified, "staging-decisions.md §2.1"}, std::nullopt};
  StatusOr<std::shared_ptr<const OptionsKnowledge>> prepared = Prepare();
  ASSERT_TRUE(prepared.ok()) << prepared.status().message();
  ASSERT_EQ((*prepared)->review_parameters.size(), 1u);
  EXPECT_EQ((*prepared)->review_parameters.at("adequacy.default_min_weeks").value, 6);
}

TEST_F(PrepareOptionsTest, ListsEveryProblemAtOnce) {
  ranking.moderators = {MakeModerator("m1", "severity_high", {"tdcs"}, "meta_regression")};
  specs = {Synthesis("s1", {"support_groups"}), Synthesis("s2", {"vns"})};
  catalogue.interventions[0].measurement = {{"review", "no.such.parameter", "sessions", {}}};
  const std::string message = Error();
  EXPECT_THAT(message, AllOf(HasSubstr("moderator 'm1'"), HasSubstr("'support_groups'"),
                             HasSubstr("'s2' names unknown option 'vns'"),
                             HasSubstr("unknown parameter 'no.such.parameter'")));
}

TEST_F(PrepareOptionsTest, SynthesisThatCannotRunIsAnError) {
  specs = {Synthesis("s1", {"stpp"})};
  specs[0].select = {{"study", {"Nobody"}}};
  EXPECT_EQ(Error(), "evidence_syntheses.json: synthesis 's1': selects no comparison");
}

}  // namespace
}  // namespace refract::options_testing
