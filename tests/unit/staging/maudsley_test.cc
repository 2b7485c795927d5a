// Maudsley Staging Method, src/staging/maudsley.cc: severity points, treatment items and the
// next-step text (points needed to reach the next band).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "staging_fixture.h"

namespace refract {
namespace {

using staging_test::FailedAd;
using staging_test::Stage;
using test_support::AugmentationTrial;
using test_support::RecordBuilder;
using test_support::SessionCourse;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::StartsWith;

double Points(const ModelResult& result, const std::string& item) {
  for (const ScoreComponent& component : result.components) {
    if (component.item == item) return component.points;
  }
  ADD_FAILURE() << "no component " << item;
  return -1;
}

// Onset 2025-01-01, staged 2025-08-01: acute (1 point).
RecordBuilder AcuteEpisode() { return RecordBuilder().Onset("2025-01-01").AsOf("2025-08-01"); }

TEST(MaudsleyTest, NextStepStatesThePointsNeededForTheNextBand) {
  // duration 1 + moderate 3 + one failed antidepressant 1 = 5 (mild, up to 6).
  const ModelResult result = Stage(
      AcuteEpisode().Add(FailedAd("T1", "sertraline", 50, "2025-02-01")).Build(), "maudsley_2009");
  EXPECT_EQ(result.score, 5);
  EXPECT_EQ(result.category, "mild");
  ASSERT_EQ(result.next_steps.size(), 1u);
  EXPECT_THAT(result.next_steps[0], StartsWith("2 point(s) to the next band (score 7)"));
  EXPECT_THAT(result.next_steps[0], HasSubstr("2 more failed antidepressant(s) (+1)"));
  EXPECT_THAT(result.next_steps[0], HasSubstr("an augmentation (+1)"));
  EXPECT_THAT(result.next_steps[0], HasSubstr("ECT (+1)"));
}

TEST(MaudsleyTest, NextStepFromModerateBandOmitsItemsAlreadyScored) {
  // duration 1 + severe 4 + one failure 1 + augmentation 1 + ECT 1 = 8 (moderate, up to 10).
  const ModelResult result =
      Stage(AcuteEpisode()
                .Severity(Severity::kSevere)
                .Add(FailedAd("T1", "sertraline", 50, "2025-01-15"))
                .Add(AugmentationTrial("A1", "quetiapine", "T1", "2025-02-01", "2025-02-10", 50))
                .Add(SessionCourse("E1", TreatmentKind::kEct, "2025-04-01", "2025-04-02", 2))
                .Build(),
            "maudsley_2009");
  EXPECT_EQ(result.score, 8);
  ASSERT_EQ(result.next_steps.size(), 1u);
  EXPECT_THAT(result.next_steps[0], StartsWith("3 point(s) to the next band (score 11)"));
  EXPECT_THAT(result.next_steps[0], ::testing::Not(HasSubstr("augmentation")));
  EXPECT_THAT(result.next_steps[0], ::testing::Not(HasSubstr("ECT")));
}

bool Excluded(const ModelResult& result, const std::string& id, const std::string& reason) {
  for (const ExcludedTrial& excluded : result.excluded_trials) {
    if (excluded.id == id) return excluded.reason == reason;
  }
  return false;
}

TEST(MaudsleyTest, AugmentationAndEctSayTheyScoreAsUsedNotThatTheyAreNotCounted) {
  const PatientRecord record =
      AcuteEpisode()
          .Add(FailedAd("T1", "sertraline", 50, "2025-01-15"))
          .Add(AugmentationTrial("A1", "quetiapine", "T1", "2025-02-01", "2025-02-10", 50))
          .Add(SessionCourse("E1", TreatmentKind::kEct, "2025-04-01", "2025-04-02", 2))
          .Build();
  const ModelResult maudsley = Stage(record, "maudsley_2009");
  EXPECT_TRUE(
      Excluded(maudsley, "A1", "not an antidepressant trial; scored under 'augmentation used'"));
  EXPECT_TRUE(Excluded(maudsley, "E1", "not an antidepressant trial; scored under 'ECT used'"));
  EXPECT_TRUE(Excluded(Stage(record, "mgh_2003"), "A1",
                       "not a trial of its own; an adequate failed augmentation or added "
                       "antidepressant adds to the trial it was added to"));
  EXPECT_TRUE(Excluded(Stage(record, "thase_rush_1997"), "A1",
                       "augmentation trials are not counted by this model"));
}

TEST(MaudsleyTest, SevereBandHasNoNextStep) {
  RecordBuilder builder =
      RecordBuilder().Onset("2020-01-01").Severity(Severity::kSeverePsychotic, true);
  const char* drugs[][2] = {{"sertraline", "50"}, {"citalopram", "20"}, {"venlafaxine", "150"}};
  int month = 1;
  for (const auto& drug : drugs) {
    builder.Add(FailedAd(std::string("T") + std::to_string(month), drug[0], std::stod(drug[1]),
                         "2021-0" + std::to_string(month) + "-01"));
    month += 3;
  }
  // chronic 3 + severe psychotic 5 + 3 failures 2 = 10 ... plus ECT 1 = 11 (severe).
  builder.Add(SessionCourse("E1", TreatmentKind::kEct, "2022-01-01", "2022-02-01", 8));
  const ModelResult result = Stage(builder.Build(), "maudsley_2009");
  EXPECT_EQ(result.score, 11);
  EXPECT_EQ(result.category, "severe");
  EXPECT_THAT(result.next_steps, IsEmpty());
}

struct SeverityCase {
  const char* name;
  Severity severity;
  bool psychotic_features;
  double points;
};

class MaudsleySeverityTest : public ::testing::TestWithParam<SeverityCase> {};

TEST_P(MaudsleySeverityTest, ScoresSeverityAtStaging) {
  const ModelResult result =
      Stage(AcuteEpisode().Severity(GetParam().severity, GetParam().psychotic_features).Build(),
            "maudsley_2009");
  EXPECT_EQ(Points(result, "severity"), GetParam().points);
}

INSTANTIATE_TEST_SUITE_P(
    Severities, MaudsleySeverityTest,
    ::testing::Values(SeverityCase{"Subsyndromal", Severity::kSubsyndromal, false, 1},
                      SeverityCase{"Mild", Severity::kMild, false, 2},
                      SeverityCase{"Moderate", Severity::kModerate, false, 3},
                      SeverityCase{"Severe", Severity::kSevere, false, 4},
                      SeverityCase{"SevereWithPsychoticFeatures", Severity::kSevere, true, 5},
                      SeverityCase{"SeverePsychotic", Severity::kSeverePsychotic, true, 5}),
    test_support::RowName{});

// The failed-antidepressant item (Fekadu 2009: levels 1-2, 3-4, 5-6, 7-10, > 10 drugs) and the
// number of further failures the next-step text says would raise it.
struct AgentsCase {
  const char* name;
  int agents;
  double points;
  int more_for_next_level;  // 0: the top level, no such way listed
};

void PrintTo(const AgentsCase& c, std::ostream* os) { *os << c.name; }

class MaudsleyAgentsTest : public ::testing::TestWithParam<AgentsCase> {};

// `count` adequate failed trials of different antidepressants, one after another from 2021.
RecordBuilder WithFailedAgents(int count) {
  const std::pair<const char*, double> drugs[] = {
      {"citalopram", 20},   {"escitalopram", 10}, {"sertraline", 50},    {"fluoxetine", 20},
      {"duloxetine", 60},   {"venlafaxine", 150}, {"mirtazapine", 15},   {"bupropion", 300},
      {"vortioxetine", 10}, {"paroxetine", 20},   {"desvenlafaxine", 50}};
  RecordBuilder builder = RecordBuilder().Onset("2021-01-01").AsOf("2023-06-01");
  builder.Severity(Severity::kSubsyndromal);
  for (int i = 0; i < count; ++i) {
    const auto& [drug, mg] = drugs[i];
    builder.Add(FailedAd("T" + std::to_string(i + 1), drug, mg,
                         AddDays(test_support::D("2021-01-04"), 63 * i).ToString()));
  }
  return builder;
}

TEST_P(MaudsleyAgentsTest, ScoresTheLevelAndNamesTheFailuresToTheNextLevel) {
  const ModelResult result = Stage(WithFailedAgents(GetParam().agents).Build(), "maudsley_2009");
  EXPECT_EQ(Points(result, "failed antidepressants"), GetParam().points);
  ASSERT_EQ(result.next_steps.size(), 1u);  // at most 3 + 1 + 5 = 9 points: never severe
  if (GetParam().more_for_next_level == 0) {
    EXPECT_THAT(result.next_steps[0], ::testing::Not(HasSubstr("more failed antidepressant")));
  } else {
    EXPECT_THAT(result.next_steps[0], HasSubstr(std::to_string(GetParam().more_for_next_level) +
                                                " more failed antidepressant(s) (+1)"));
  }
}

INSTANTIATE_TEST_SUITE_P(Levels, MaudsleyAgentsTest,
                         ::testing::Values(AgentsCase{"One", 1, 1, 2}, AgentsCase{"Two", 2, 1, 1},
                                           AgentsCase{"Three", 3, 2, 2},
                                           AgentsCase{"Four", 4, 2, 1}, AgentsCase{"Five", 5, 3, 2},
                                           AgentsCase{"Six", 6, 3, 1}, AgentsCase{"Seven", 7, 4, 4},
                                           AgentsCase{"Ten", 10, 4, 1},
                                           AgentsCase{"Eleven", 11, 5, 0}),
                         test_support::RowName{});

TEST(MaudsleyTest, AugmentationScoresWhenUsedInTheEpisodeWhateverItsAdequacy) {
  const ModelResult used =
      Stage(AcuteEpisode()
                .Add(FailedAd("T1", "sertraline", 50, "2025-01-15"))
                .Add(AugmentationTrial("A1", "quetiapine", "T1", "2025-02-01", "2025-02-05", 25))
                .Build(),
            "maudsley_2009");
  EXPECT_EQ(Points(used, "augmentation"), 1);
}

TEST(MaudsleyTest, TreatmentsBeforeTheEpisodeDoNotScore) {
  const ModelResult result =
      Stage(AcuteEpisode()
                .Add(FailedAd("T0", "citalopram", 20, "2024-06-01"))
                .Add(AugmentationTrial("A0", "quetiapine", "T0", "2024-06-15", "2024-07-20", 150))
                .Add(SessionCourse("E0", TreatmentKind::kEct, "2024-08-01", "2024-09-01", 12))
                .Build(),
            "maudsley_2009");
  EXPECT_EQ(Points(result, "failed antidepressants"), 0);
  EXPECT_EQ(Points(result, "augmentation"), 0);
  EXPECT_EQ(Points(result, "ECT"), 0);
  EXPECT_THAT(result.notes, ElementsAre(HasSubstr("no failed antidepressant")));
}

}  // namespace
}  // namespace refract
