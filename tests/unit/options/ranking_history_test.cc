// The history part of an option's score: what the current episode's trials say about the option,
// its class, and the Markowitz 2022 psychotherapy gap.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "options_test_util.h"
#include "refract/options/ranking.h"

namespace refract::options_testing {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

using O = OutcomeCategory;

class RankingHistoryTest : public OptionsTest {
 protected:
  RankingHistoryTest() {
    input.class_labels = {{"ad_ssri", "SSRI"}, {"ad_snri", "SNRI"}, {"ad_tca", "TCA"}};
  }

  // The detail of `option`'s component `id`; a failure and "" when it has none.
  std::string Detail(std::string_view option, std::string_view id) {
    const OptionComponent* component = FindComponent(Result(option), id);
    if (!component) ADD_FAILURE() << option << " has no component " << id;
    return component ? component->detail : "";
  }

  // The components after the evidence grade.
  std::vector<std::string> HistoryIds(std::string_view option) {
    std::vector<std::string> ids;
    for (const std::string& id : ComponentIds(Result(option))) {
      if (id.starts_with("history.")) ids.push_back(id);
    }
    return ids;
  }
};

TEST_F(RankingHistoryTest, OptionNeverTriedInTheEpisode) {
  input.trials = {Antidepressant("t1", "sertraline", "ad_ssri", true, O::kNonresponse)};
  Rank();
  for (const char* id : {"stpp", "cbt", "esketamine"}) {
    SCOPED_TRACE(id);
    EXPECT_THAT(HistoryIds(id), ElementsAre("history.never_tried"));
    EXPECT_EQ(Detail(id, "history.never_tried"), "never tried in this episode");
  }
}

TEST_F(RankingHistoryTest, InadequateAttemptQuotesTheShortfallAndTheAdequateCourse) {
  TrialSummary short_course = Psychotherapy("p1", "istdp", false, O::kNonresponse);
  short_course.shortfall = "5 sessions (fewer than 9)";
  input.trials = {short_course};
  Rank();
  EXPECT_THAT(HistoryIds("stpp"), ElementsAre("history.inadequate_attempt"));
  EXPECT_EQ(Detail("stpp", "history.inadequate_attempt"),
            "tried, never adequately (p1 (istdp): 5 sessions (fewer than 9)); "
            "the course in the trials: 20 sessions (Halifax)");
  EXPECT_DOUBLE_EQ(Result("stpp").score, 3 + 2);
  EXPECT_THAT(Result("stpp").rationale, HasSubstr("earlier attempt was not adequate"));
}

TEST_F(RankingHistoryTest, OngoingAttemptIsDescribedAsUnderWay) {
  TrialSummary ongoing =
      Trial("k1", TreatmentKind::kEsketamine, "", {"ketamine"}, false, O::kUnknown);
  ongoing.ongoing = true;
  ongoing.shortfall = "3 of 8 sessions";
  input.trials = {ongoing};
  input.failed_antidepressant_trials = 2;
  Rank();
  EXPECT_EQ(Detail("esketamine", "history.inadequate_attempt"),
            "under way, not yet an adequate course (k1 (esketamine), ongoing: 3 of 8 sessions); "
            "the course in the trials: induction twice weekly for 4 weeks");
}

TEST_F(RankingHistoryTest, AdequateTrialThatHelpedIsAPreviousBenefit) {
  for (OutcomeCategory outcome : {O::kResponse, O::kRemission}) {
    SCOPED_TRACE(ToString(outcome));
    input.trials = {Psychotherapy("p1", "cbt", true, outcome)};
    Rank();
    EXPECT_THAT(HistoryIds("cbt"), ElementsAre("history.previous_benefit"));
    EXPECT_EQ(Detail("cbt", "history.previous_benefit"),
              "helped in this episode (p1 (cbt): " + std::string(ToString(outcome)) + ")");
    EXPECT_DOUBLE_EQ(Result("cbt").score, 2 + 1);
  }
}

TEST_F(RankingHistoryTest, AdequateTrialWithoutAnOutcomeAsksForIt) {
  input.trials = {Psychotherapy("p1", "cbt", true, O::kUnknown)};
  Rank();
  EXPECT_THAT(HistoryIds("cbt"), ElementsAre("history.outcome_unknown"));
  EXPECT_EQ(Detail("cbt", "history.outcome_unknown"),
            "an adequate trial with no recorded outcome (p1 (cbt)): record it");
  EXPECT_EQ(FindComponent(Result("cbt"), "history.outcome_unknown")->points, 0);
}

TEST_F(RankingHistoryTest, LatestAdequateTrialDecides) {
  // An SSRI failed, then a later SSRI trial helped: the class is not a failure.
  input.trials = {Antidepressant("t2", "escitalopram", "ad_ssri", true, O::kResponse, 100),
                  Antidepressant("t1", "sertraline", "ad_ssri", true, O::kNonresponse, 0),
                  Antidepressant("t3", "venlafaxine", "ad_snri", true, O::kResponse, 200),
                  Antidepressant("t4", "nortriptyline", "ad_tca", true, O::kRemission, 300)};
  catalogue.interventions = {SwitchClass()};
  Rank();
  EXPECT_THAT(HistoryIds("switch_class"), ElementsAre("history.previous_benefit"));
  EXPECT_EQ(Detail("switch_class", "history.previous_benefit"),
            "helped in this episode (t2 (escitalopram): response)");
}

// A course that helped without being an adequate one (a full 8-session MBCT course is below the
// 9-session minimum) still counts as having helped.
TEST_F(RankingHistoryTest, InadequateTrialThatHelpedCountsAsHelped) {
  input.trials = {Psychotherapy("p1", "cbt", false, O::kRemission)};
  Rank();
  EXPECT_THAT(HistoryIds("cbt"), ElementsAre("history.previous_benefit"));
  EXPECT_EQ(Detail("cbt", "history.previous_benefit"),
            "helped in this episode (p1 (cbt): remission, although shorter than an adequate "
            "course)");
}

// Partial response (25 % to < 50 %) is not proposed as failed, and earns nothing.
TEST_F(RankingHistoryTest, PartialResponseKeepsTheOptionWithoutCredit) {
  input.trials = {Antidepressant("t1", "sertraline", "ad_ssri", true, O::kNonresponse, 0),
                  Antidepressant("t2", "venlafaxine", "ad_snri", true, O::kPartialResponse, 60),
                  Antidepressant("t3", "nortriptyline", "ad_tca", true, O::kNonresponse, 120)};
  Rank();
  EXPECT_GT(Result("switch_class").rank, 0);
  EXPECT_THAT(HistoryIds("switch_class"), ElementsAre("history.partial_response"));
  EXPECT_EQ(Detail("switch_class", "history.partial_response"),
            "partly helped in this episode (t2 (venlafaxine): partial_response): an optimised "
            "or longer course may be considered");
  EXPECT_EQ(FindComponent(Result("switch_class"), "history.partial_response")->points, 0);
}

TEST_F(RankingHistoryTest, OptionWithoutATrialKindIsNotTracked) {
  input.trials = {Antidepressant("t1", "sertraline", "ad_ssri", true, O::kNonresponse)};
  input.failed_antidepressant_trials = 2;
  Rank();
  EXPECT_THAT(HistoryIds("support_groups"), ElementsAre("history.not_tracked"));
  EXPECT_EQ(Detail("support_groups", "history.not_tracked"),
            "the record has no treatment kind for this option: ask whether it was tried");
}

TEST_F(RankingHistoryTest, AdequateFailureOfTheSameMechanismCounts) {
  input.trials = {
      Trial("k1", TreatmentKind::kKetamine, "ketamine", {"ketamine"}, true, O::kNonresponse)};
  input.failed_antidepressant_trials = 2;
  Rank();
  EXPECT_THAT(HistoryIds("esketamine"), ElementsAre("history.never_tried", "history.class_failed"));
  EXPECT_EQ(Detail("esketamine", "history.class_failed"),
            "another option of the same class failed adequately (k1 (ketamine))");
  EXPECT_DOUBLE_EQ(Result("esketamine").score, 3 + 2 - 1);
}

// Modalities are different treatments: a failed CBT course does not mark ISTDP down (it does close
// the psychotherapy gap).
TEST_F(RankingHistoryTest, PsychotherapiesAreNotMarkedDownForEachOther) {
  input.trials = {Psychotherapy("p1", "cbt", true, O::kNonresponse)};
  input.failed_antidepressant_trials = 2;
  Rank();
  EXPECT_THAT(HistoryIds("stpp"), ElementsAre("history.never_tried"));
  // The failed option itself is excluded, not marked down.
  EXPECT_EQ(Result("cbt").rank, 0);
}

TEST_F(RankingHistoryTest, SiblingWithoutAnAdequateFailureDoesNotCount) {
  struct Case {
    const char* name;
    bool adequate;
    OutcomeCategory outcome;
  };
  const Case cases[] = {{"inadequate", false, O::kNonresponse},
                        {"helped", true, O::kResponse},
                        {"outcome unknown", true, O::kUnknown}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    input.trials = {Psychotherapy("p1", "cbt", c.adequate, c.outcome)};
    Rank();
    EXPECT_EQ(FindComponent(Result("stpp"), "history.class_failed"), nullptr);
  }
}

TEST_F(RankingHistoryTest, PsychotherapyGapNeedsTwoFailuresAndNoAdequatePsychotherapy) {
  struct Case {
    const char* name;
    int failed;
    std::vector<TrialSummary> trials;
    bool gap;
  };
  TrialSummary not_evidence_based =
      Trial("p9", TreatmentKind::kPsychotherapy, "counselling", {}, true, O::kNonresponse);
  const Case cases[] = {
      {"two failures, no psychotherapy", 2, {}, true},
      {"three failures", 3, {}, true},
      {"one failure", 1, {}, false},
      {"an adequate evidence-based psychotherapy",
       2,
       {Psychotherapy("p1", "ipt", true, O::kNonresponse)},
       false},
      {"only an inadequate evidence-based psychotherapy",
       2,
       {Psychotherapy("p1", "ipt", false, O::kNonresponse)},
       true},
      {"only a psychotherapy that is not evidence-based", 2, {not_evidence_based}, true},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    input.failed_antidepressant_trials = c.failed;
    input.trials = c.trials;
    Rank();
    for (const char* id : {"stpp", "cbt"}) {
      SCOPED_TRACE(id);
      const OptionComponent* gap = FindComponent(Result(id), "history.psychotherapy_gap");
      EXPECT_EQ(gap != nullptr, c.gap);
      if (gap) {
        EXPECT_EQ(gap->points, 1);
        EXPECT_THAT(gap->detail,
                    HasSubstr(std::to_string(c.failed) + " adequate antidepressant trials failed"));
        EXPECT_THAT(gap->detail, HasSubstr("Markowitz 2022"));
      }
    }
    // Only evidence-based psychotherapies close the gap.
    EXPECT_EQ(FindComponent(Result("switch_class"), "history.psychotherapy_gap"), nullptr);
    EXPECT_EQ(FindComponent(Result("support_groups"), "history.psychotherapy_gap"), nullptr);
  }
}

TEST_F(RankingHistoryTest, MultiClassOptionStaysRankedWhileAClassIsUntried) {
  input.trials = {Antidepressant("t1", "sertraline", "ad_ssri", true, O::kNonresponse, 0),
                  Antidepressant("t2", "venlafaxine", "ad_snri", true, O::kPartialResponse, 90)};
  input.failed_antidepressant_trials = 2;
  Rank();
  const OptionResult& switch_class = Result("switch_class");
  EXPECT_THAT(switch_class.exclusions, IsEmpty());
  EXPECT_GT(switch_class.rank, 0);
  EXPECT_THAT(HistoryIds("switch_class"), ElementsAre("history.never_tried"));
  EXPECT_EQ(Detail("switch_class", "history.never_tried"), "not yet tried in this episode: TCA");
  EXPECT_DOUBLE_EQ(switch_class.score, 1.5 + 2);
}

TEST_F(RankingHistoryTest, UntriedClassesWithoutALabelAreListedById) {
  input.class_labels.clear();
  input.trials = {Antidepressant("t1", "sertraline", "ad_ssri", true, O::kNonresponse)};
  Rank();
  EXPECT_EQ(Detail("switch_class", "history.never_tried"),
            "not yet tried in this episode: ad_snri, ad_tca");
}

TEST_F(RankingHistoryTest, InadequateAttemptComesBeforeUntriedVariants) {
  TrialSummary low_dose = Antidepressant("t2", "nortriptyline", "ad_tca", false, O::kNonresponse);
  low_dose.shortfall = "dose 50 mg below 100 mg";
  input.trials = {Antidepressant("t1", "sertraline", "ad_ssri", true, O::kNonresponse), low_dose};
  Rank();
  EXPECT_THAT(HistoryIds("switch_class"), ElementsAre("history.inadequate_attempt"));
  EXPECT_EQ(Detail("switch_class", "history.inadequate_attempt"),
            "tried, never adequately (t2 (nortriptyline): dose 50 mg below 100 mg); not yet tried: "
            "SNRI");
}

TEST_F(RankingHistoryTest, EveryVariantAdequatelyFailedExcludesTheOption) {
  input.trials = {
      Antidepressant("t1", "sertraline", "ad_ssri", true, O::kNonresponse, 0),
      Antidepressant("t2", "venlafaxine", "ad_snri", true, O::kNonresponse, 60),
      Antidepressant("t3", "nortriptyline", "ad_tca", true, O::kNonresponse, 120),
      Psychotherapy("p1", "istdp", true, O::kNonresponse, 200),
      Trial("k1", TreatmentKind::kEsketamine, "", {"ketamine"}, true, O::kNonresponse, 300)};
  input.failed_antidepressant_trials = 3;
  Rank();
  struct Case {
    const char* id;
    std::string detail;
  };
  const Case cases[] = {
      {"switch_class",
       "adequately tried and failed in this episode (t1 (sertraline): nonresponse; t2 "
       "(venlafaxine): nonresponse; t3 (nortriptyline): nonresponse)"},
      {"stpp", "adequately tried and failed in this episode (p1 (istdp): nonresponse)"},
      {"esketamine", "adequately tried and failed in this episode (k1 (esketamine): nonresponse)"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.id);
    const OptionResult& result = Result(c.id);
    EXPECT_EQ(result.rank, 0);
    ASSERT_EQ(result.exclusions.size(), 1u);
    EXPECT_EQ(result.exclusions[0].kind, ExclusionKind::kAlreadyFailed);
    EXPECT_EQ(result.exclusions[0].detail, c.detail);
    EXPECT_EQ(result.exclusions[0].provenance.tag, Tag::kDecision);
    // No history component is scored for an option that failed.
    EXPECT_THAT(HistoryIds(c.id), IsEmpty());
  }
  EXPECT_THAT(Ids(report.excluded),
              ElementsAre("stpp", "esketamine", "switch_class", "optimise_dose"));
}

TEST_F(RankingHistoryTest, AdequacyVerdictsOnUnconfirmedValuesMakeTheResultProvisional) {
  TrialSummary short_course = Psychotherapy("p1", "istdp", false, O::kNonresponse);
  short_course.uncertain_params = {"adequacy.min_sessions"};
  TrialSummary failed_cbt = Psychotherapy("p2", "cbt", true, O::kNonresponse, 100);
  failed_cbt.uncertain_params = {"adequacy.min_sessions", "adequacy.min_weeks"};
  input.trials = {short_course};
  Rank();
  EXPECT_TRUE(Result("stpp").provisional);
  EXPECT_THAT(Result("stpp").relies_on_unconfirmed,
              ElementsAre("adequacy of p1 (adequacy.min_sessions)"));
  // An inadequate sibling decides nothing for cbt.
  EXPECT_FALSE(Result("cbt").provisional);

  input.trials = {short_course, failed_cbt};
  Rank();
  // stpp: only its own attempt (psychotherapies are not marked down for each other).
  EXPECT_THAT(Result("stpp").relies_on_unconfirmed,
              ElementsAre("adequacy of p1 (adequacy.min_sessions)"));
  // cbt is excluded on a verdict that rests on unconfirmed values.
  EXPECT_EQ(Result("cbt").rank, 0);
  EXPECT_TRUE(Result("cbt").provisional);
  EXPECT_THAT(Result("cbt").relies_on_unconfirmed,
              ElementsAre("adequacy of p2 (adequacy.min_sessions, adequacy.min_weeks)"));
  EXPECT_FALSE(Result("switch_class").provisional);

  // A same-mechanism failure that marks an option down carries its unconfirmed values too.
  TrialSummary failed_ketamine =
      Trial("k1", TreatmentKind::kKetamine, "ketamine", {"ketamine"}, true, O::kNonresponse);
  failed_ketamine.uncertain_params = {"adequacy.ketamine_min_sessions"};
  input.trials = {failed_ketamine};
  input.failed_antidepressant_trials = 2;
  Rank();
  EXPECT_THAT(Result("esketamine").relies_on_unconfirmed,
              ElementsAre("adequacy of k1 (adequacy.ketamine_min_sessions)"));
}

}  // namespace
}  // namespace refract::options_testing
