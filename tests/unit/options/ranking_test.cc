// RankOptions: how the score is composed (moderators, preference, relative cautions, context),
// provisional results, ordering and the report around the ranking. History is in
// ranking_history_test.cc, exclusions and PrepareOptions in ranking_exclusions_test.cc, the
// evidence grade in evidence_grade_test.cc.
#include "refract/options/ranking.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "options_test_util.h"

namespace refract::options_testing {
namespace {

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::Field;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

// A patient after two adequate failed antidepressant trials (none recorded as trials here), with no
// facts, conditions or preferences. Scores with TestCatalogue():
//   stpp 3 + never tried 2 + psychotherapy gap 1 = 6      esketamine 3 + never tried 2 = 5
//   cbt 2 + 2 + 1 = 5                                      switch_class 1.5 + 2 = 3.5
//   support_groups -1 + not tracked 0 = -1                 optimise_dose: situation absent
class RankingTest : public OptionsTest {
 protected:
  RankingTest() {
    input.failed_antidepressant_trials = 2;
    input.failed_treatments = 2;
  }
};

TEST_F(RankingTest, ScoreIsTheSumOfItsComponentsAndEachComponentIsItsWeight) {
  input.prefers = {"esketamine"};
  input.conditions = {{"uncontrolled_hypertension", true, "BP 170/105"}};
  Rank();
  std::vector<const OptionResult*> results;
  for (const OptionResult& r : report.ranked) results.push_back(&r);
  for (const OptionResult& r : report.excluded) results.push_back(&r);
  ASSERT_EQ(results.size(), 6u);
  for (const OptionResult* result : results) {
    SCOPED_TRACE(result->option->id);
    double sum = 0, evidence = 0;
    for (const OptionComponent& component : result->components) {
      sum += component.points;
      if (component.id.starts_with("evidence.")) evidence += component.points;
      const Parameter* weight = ranking.FindWeight(component.id);
      ASSERT_NE(weight, nullptr) << component.id;
      EXPECT_EQ(component.points, weight->value) << component.id;
      EXPECT_EQ(component.provenance.source, weight->provenance.source) << component.id;
    }
    EXPECT_DOUBLE_EQ(result->score, sum);
    EXPECT_DOUBLE_EQ(result->evidence_points, evidence);
  }
  EXPECT_THAT(ComponentIds(Result("esketamine")),
              ElementsAre("evidence.trd_rct", "history.never_tried", "preference.prefers",
                          "caution.relative"));
  EXPECT_DOUBLE_EQ(Result("esketamine").score, 3 + 2 + 2 - 1);
}

TEST_F(RankingTest, RanksByScoreThenEvidenceAndMarksTies) {
  Rank();
  ASSERT_TRUE(report.applicable);
  EXPECT_THAT(Ids(report.ranked),
              ElementsAre("stpp", "esketamine", "cbt", "switch_class", "support_groups"));
  const double scores[] = {6, 5, 5, 3.5, 0};
  const bool tied[] = {false, true, true, false, false};
  for (size_t i = 0; i < report.ranked.size(); ++i) {
    SCOPED_TRACE(report.ranked[i].option->id);
    EXPECT_EQ(report.ranked[i].rank, static_cast<int>(i) + 1);
    EXPECT_DOUBLE_EQ(report.ranked[i].score, scores[i]);
    EXPECT_EQ(report.ranked[i].tied, tied[i]);
  }
  // esketamine and cbt tie on 5: the evidence component (3 vs 2) orders them.
  EXPECT_GT(Result("esketamine").evidence_points, Result("cbt").evidence_points);
}

TEST_F(RankingTest, EqualScoreAndEvidenceKeepCatalogueOrder) {
  for (const std::vector<std::string>& order :
       {std::vector<std::string>{"alpha", "beta", "gamma"}, {"gamma", "alpha", "beta"}}) {
    catalogue.interventions.clear();
    for (const std::string& id : order) {
      catalogue.interventions.push_back(
          Option(id, InterventionCategory::kLifestyle, EvidenceLevel::kNotReviewed));
    }
    Rank();
    EXPECT_EQ(Ids(report.ranked), order);
    for (const OptionResult& result : report.ranked) EXPECT_TRUE(result.tied);
  }
}

TEST_F(RankingTest, ModeratorScoresOnlyWhenItsFactIsTrue) {
  ranking.moderators = {
      MakeModerator("stpp_severity", "severity_high", {"stpp"}, "ipd_meta_analysis")};
  struct Case {
    const char* name;
    std::vector<Fact> facts;
    std::optional<bool> viewed;
    double points;
    std::string fact_detail;
  };
  const Case cases[] = {
      {"true", {{"severity_high", true, "severity severe"}}, true, 1, "severity severe"},
      {"false", {{"severity_high", false, "severity moderate"}}, false, 0, "severity moderate"},
      {"not recorded",
       {{"severity_high", std::nullopt, "no severity"}},
       std::nullopt,
       0,
       "no severity"},
      {"not derived", {}, std::nullopt, 0, "not derived"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    input.facts = c.facts;
    Rank();
    const OptionResult& stpp = Result("stpp");
    ASSERT_EQ(stpp.moderators.size(), 1u);
    EXPECT_EQ(stpp.moderators[0].moderator->id, "stpp_severity");
    EXPECT_EQ(stpp.moderators[0].fact, c.viewed);
    EXPECT_EQ(stpp.moderators[0].points, c.points);
    EXPECT_EQ(stpp.moderators[0].fact_detail, c.fact_detail);
    const OptionComponent* component = FindComponent(stpp, "moderator.stpp_severity");
    EXPECT_EQ(component != nullptr, c.points > 0);
    if (component) {
      EXPECT_EQ(component->points, 1);
      EXPECT_EQ(component->detail, "label stpp_severity (severity severe; ipd_meta_analysis)");
      EXPECT_EQ(component->provenance.source, "test finding");
    }
    EXPECT_DOUBLE_EQ(stpp.score, 6 + c.points);
  }
}

TEST_F(RankingTest, ModeratorIsViewedOnlyUnderTheOptionsItNames) {
  ranking.moderators = {MakeModerator("cbt_only", "severity_high", {"cbt"}, "meta_regression")};
  input.facts = {{"severity_high", true, "severe"}};
  Rank();
  EXPECT_THAT(Result("stpp").moderators, IsEmpty());
  ASSERT_EQ(Result("cbt").moderators.size(), 1u);
  EXPECT_DOUBLE_EQ(Result("cbt").score, 5 + 0.5);
}

TEST_F(RankingTest, PrognosticModeratorIsListedWithZeroPoints) {
  ranking.moderators = {MakeModerator("anxiety", "comorbid_anxiety", {"stpp"}, "prognostic")};
  input.facts = {{"comorbid_anxiety", true, "GAD"}};
  Rank();
  const OptionResult& stpp = Result("stpp");
  ASSERT_EQ(stpp.moderators.size(), 1u);
  EXPECT_EQ(stpp.moderators[0].fact, true);
  EXPECT_EQ(stpp.moderators[0].points, 0);
  const OptionComponent* component = FindComponent(stpp, "moderator.anxiety");
  ASSERT_NE(component, nullptr);
  EXPECT_EQ(component->points, 0);
  EXPECT_DOUBLE_EQ(stpp.score, 6);
  EXPECT_THAT(stpp.rationale, Not(HasSubstr("fits:")));
}

TEST_F(RankingTest, ModeratorPointsAboveTheCapAreTakenBackByACapComponent) {
  ranking.moderators = {
      MakeModerator("severity", "severity_high", {"stpp"}, "ipd_meta_analysis"),
      MakeModerator("long_episode", "episode_over_2_years", {"stpp"}, "ipd_meta_analysis"),
      MakeModerator("education", "education_8_years_or_less", {"stpp"}, "ipd_meta_analysis"),
      MakeModerator("trauma", "chronic_with_childhood_adversity", {"stpp"}, "extrapolated")};
  input.facts = {{"severity_high", true, ""},
                 {"episode_over_2_years", true, ""},
                 {"education_8_years_or_less", true, ""},
                 {"chronic_with_childhood_adversity", true, ""}};
  Rank();
  const OptionResult& stpp = Result("stpp");
  EXPECT_THAT(ComponentIds(stpp),
              ElementsAre("evidence.trd_rct", "history.never_tried", "history.psychotherapy_gap",
                          "moderator.severity", "moderator.long_episode", "moderator.education",
                          "moderator.trauma", "moderator.cap"));
  const OptionComponent* cap = FindComponent(stpp, "moderator.cap");
  ASSERT_NE(cap, nullptr);
  EXPECT_DOUBLE_EQ(cap->points, 2 - 3.25);
  EXPECT_EQ(cap->detail, "moderator points capped at 2 (they add up to 3.25)");
  EXPECT_DOUBLE_EQ(stpp.score, 6 + 2);
  // The views keep each moderator's own points, before the cap.
  for (const ModeratorView& view : stpp.moderators) EXPECT_GT(view.points, 0);
}

TEST_F(RankingTest, ModeratorPointsAtTheCapAreNotAdjusted) {
  ranking.moderators = {
      MakeModerator("severity", "severity_high", {"stpp"}, "ipd_meta_analysis"),
      MakeModerator("long_episode", "episode_over_2_years", {"stpp"}, "ipd_meta_analysis")};
  input.facts = {{"severity_high", true, ""}, {"episode_over_2_years", true, ""}};
  Rank();
  EXPECT_EQ(FindComponent(Result("stpp"), "moderator.cap"), nullptr);
  EXPECT_DOUBLE_EQ(Result("stpp").score, 6 + 2);
}

TEST_F(RankingTest, PreferenceCountsOnceWhetherTheOptionOrItsCategoryIsNamed) {
  struct Case {
    std::vector<std::string> prefers;
    std::string detail;
  };
  const Case cases[] = {
      {{"stpp"}, "the patient prefers this option"},
      {{"psychotherapy"}, "the patient prefers the category psychotherapy"},
      {{"psychotherapy", "stpp"}, "the patient prefers this option"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.detail);
    input.prefers = c.prefers;
    Rank();
    const OptionResult& stpp = Result("stpp");
    const std::vector<std::string> ids = ComponentIds(stpp);
    EXPECT_EQ(std::count(ids.begin(), ids.end(), "preference.prefers"), 1);
    const OptionComponent* preference = FindComponent(stpp, "preference.prefers");
    ASSERT_NE(preference, nullptr);
    EXPECT_EQ(preference->detail, c.detail);
    EXPECT_DOUBLE_EQ(stpp.score, 6 + 2);
  }
}

TEST_F(RankingTest, PreferenceForACategoryRaisesEveryOptionInIt) {
  input.prefers = {"psychotherapy"};
  Rank();
  EXPECT_DOUBLE_EQ(Result("stpp").score, 6 + 2);
  EXPECT_DOUBLE_EQ(Result("cbt").score, 5 + 2);
  EXPECT_EQ(FindComponent(Result("esketamine"), "preference.prefers"), nullptr);
}

TEST_F(RankingTest, RelativeCautionThatAppliesLowersTheScoreAndShowsTheCondition) {
  input.conditions = {{"uncontrolled_hypertension", true, "BP 170/105 on 2024-03-01"}};
  Rank();
  const OptionResult& esketamine = Result("esketamine");
  EXPECT_TRUE(esketamine.exclusions.empty());
  const OptionComponent* caution = FindComponent(esketamine, "caution.relative");
  ASSERT_NE(caution, nullptr);
  EXPECT_EQ(caution->points, -1);
  EXPECT_EQ(caution->detail, "Blood-pressure rise. (BP 170/105 on 2024-03-01)");
  EXPECT_DOUBLE_EQ(esketamine.score, 5 - 1);
  ASSERT_EQ(esketamine.cautions.size(), 3u);
  EXPECT_EQ(esketamine.cautions[1].status, CautionStatus::kApplies);
  EXPECT_FALSE(esketamine.cautions[1].hard);
}

TEST_F(RankingTest, UnconfirmedItemsThatShapedTheResultMakeItProvisional) {
  ranking.moderators = {
      MakeModerator("u_mod", "severity_high", {"stpp"}, "secondary_analysis", Tag::kUnconfirmed),
      MakeModerator("u_unapplied", "atypical_features", {"cbt"}, "model_based", Tag::kUnconfirmed)};
  input.facts = {{"severity_high", true, ""}, {"atypical_features", false, ""}};
  input.conditions = {{"uncontrolled_hypertension", true, "BP high"}};
  Rank();
  EXPECT_TRUE(Result("stpp").provisional);
  EXPECT_THAT(Result("stpp").relies_on_unconfirmed, ElementsAre("moderator u_mod"));
  EXPECT_TRUE(Result("esketamine").provisional);
  EXPECT_THAT(Result("esketamine").relies_on_unconfirmed,
              ElementsAre("caution: uncontrolled_hypertension"));
  // A U moderator whose fact is false, and a U caution that does not apply, shape nothing.
  EXPECT_FALSE(Result("cbt").provisional);
  EXPECT_THAT(Result("cbt").relies_on_unconfirmed, IsEmpty());
}

TEST_F(RankingTest, UnconfirmedCautionNotPresentLeavesTheResultConfirmed) {
  input.conditions = {{"uncontrolled_hypertension", false, "BP 120/80"}};
  Rank();
  EXPECT_FALSE(Result("esketamine").provisional);
  EXPECT_EQ(Result("esketamine").cautions[1].status, CautionStatus::kNotPresent);
}

TEST_F(RankingTest, ContextThatAppliesNamesTheSituationWithoutPoints) {
  input.contexts = {{"ongoing_antidepressant_not_yet_adequate", true,
                     "t3 (sertraline, ongoing) is not yet an adequate trial: 4 of 6 weeks"}};
  Rank();
  const OptionResult& optimise = Result("optimise_dose");
  EXPECT_TRUE(optimise.exclusions.empty());
  const OptionComponent* context = FindComponent(optimise, "context.applies");
  ASSERT_NE(context, nullptr);
  EXPECT_EQ(context->points, 0);
  EXPECT_EQ(context->detail, "t3 (sertraline, ongoing) is not yet an adequate trial: 4 of 6 weeks");
  // No comparative estimate and no history component (its situation describes it): 0 + 0.
  EXPECT_DOUBLE_EQ(optimise.score, 0);
  EXPECT_THAT(ComponentIds(optimise), ElementsAre("evidence.not_reviewed", "context.applies"));
}

TEST_F(RankingTest, ASituationalOptionIsAvailableWhenAnyOfItsSituationsIsTheCase) {
  catalogue.interventions[4].applies_only_when = {"ongoing_antidepressant_not_yet_adequate",
                                                  "failed_antidepressant_below_maximum_dose"};
  input.contexts = {{"ongoing_antidepressant_not_yet_adequate", false, "none ongoing"},
                    {"failed_antidepressant_below_maximum_dose", true, "T1 sertraline 50 of 200"}};
  Rank();
  EXPECT_TRUE(Result("optimise_dose").exclusions.empty());
  EXPECT_EQ(FindComponent(Result("optimise_dose"), "context.applies")->detail,
            "T1 sertraline 50 of 200");
}

TEST_F(RankingTest, RationaleSummarisesTheComponentsInOrder) {
  ranking.moderators = {MakeModerator("severity", "severity_high", {"stpp"}, "ipd_meta_analysis")};
  input.facts = {{"severity_high", true, "severe"}};
  input.prefers = {"stpp"};
  Rank();
  EXPECT_EQ(Result("stpp").rationale,
            "randomised TRD evidence; never tried in this episode; no adequate psychotherapy yet; "
            "patient preference; fits: label severity");
  EXPECT_EQ(Result("switch_class").rationale,
            "randomised evidence after a failed antidepressant; no clear benefit shown; never "
            "tried in this episode");
}

TEST_F(RankingTest, NonMddDiagnosisRanksNothingAndSaysWhy) {
  struct Case {
    Diagnosis diagnosis;
    const char* message;
  };
  for (const Case& c : {Case{Diagnosis::kBipolar, "not_applicable_bipolar"},
                        Case{Diagnosis::kOther, "not_applicable_other"}}) {
    SCOPED_TRACE(c.message);
    input.diagnosis = c.diagnosis;
    Rank();
    EXPECT_FALSE(report.applicable);
    EXPECT_EQ(report.not_applicable_reason, "message " + std::string(c.message));
    EXPECT_THAT(report.ranked, IsEmpty());
    EXPECT_THAT(report.excluded, IsEmpty());
  }
}

TEST_F(RankingTest, SafetySignalsGiveOneAssessmentActionAboveTheOptions) {
  input.safety_signals = {{"SAFETY_ITEM9", "PHQ-9 item 9 = 2 on 2024-05-01", false, {}},
                          {"ACTIVE_SUICIDALITY", "active suicidality recorded", false, {}}};
  for (Diagnosis diagnosis : {Diagnosis::kMdd, Diagnosis::kBipolar}) {
    SCOPED_TRACE(ToString(diagnosis));
    input.diagnosis = diagnosis;
    Rank();
    ASSERT_EQ(report.safety_actions.size(), 1u);
    const SafetyAction& action = report.safety_actions[0];
    EXPECT_EQ(action.code, "SAFETY_ASSESSMENT");
    EXPECT_EQ(action.level, SafetyLevel::kRoutine);  // no condition recorded in `input`
    EXPECT_EQ(action.text, "message safety_routine");
    EXPECT_THAT(action.signals, ElementsAre(Field(&SafetySignal::code, "SAFETY_ITEM9"),
                                            Field(&SafetySignal::code, "ACTIVE_SUICIDALITY")));
  }
}

TEST_F(RankingTest, NoSafetySignalAndARecentItemNoSafetyAction) {
  input.self_harm_item_days = 3;
  Rank();
  EXPECT_THAT(report.safety_actions, IsEmpty());
}

TEST_F(RankingTest, NoPreferenceNoteOnlyWhenNothingIsPreferredOrDeclined) {
  const std::string note = "message no_preference_recorded";
  input.notes = {"latest trial ended in remission"};
  Rank();
  EXPECT_THAT(report.notes, ElementsAre("latest trial ended in remission", note));
  input.prefers = {"cbt"};
  Rank();
  EXPECT_THAT(report.notes, ElementsAre("latest trial ended in remission"));
  input.prefers.clear();
  input.declines = {"neuromodulation"};
  Rank();
  EXPECT_THAT(report.notes, Not(Contains(note)));
}

TEST_F(RankingTest, FindReturnsRankedAndExcludedResults) {
  Rank();
  ASSERT_NE(report.Find("stpp"), nullptr);
  EXPECT_EQ(report.Find("stpp")->rank, 1);
  ASSERT_NE(report.Find("optimise_dose"), nullptr);
  EXPECT_EQ(report.Find("optimise_dose")->rank, 0);
  EXPECT_FALSE(report.Find("optimise_dose")->exclusions.empty());
  EXPECT_EQ(report.Find("tdcs"), nullptr);
  EXPECT_EQ(report.Find("psychotherapy"), nullptr);  // a category is not a result
}

TEST_F(RankingTest, ReportKeepsTheInputAndTheKnowledgeItPointsInto) {
  input.prefers = {"cbt"};
  Rank();
  ASSERT_NE(report.knowledge, nullptr);
  EXPECT_EQ(report.knowledge->version, "interventions@test,ranking@test,data@1");
  EXPECT_THAT(report.input.prefers, ElementsAre("cbt"));
  EXPECT_EQ(Result("cbt").option, report.knowledge->catalogue.FindIntervention("cbt"));
}

}  // namespace
}  // namespace refract::options_testing
