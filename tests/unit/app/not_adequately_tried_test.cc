#include "refract/app/not_adequately_tried.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "embedded_knowledge.h"
#include "record_builder.h"

namespace refract {
namespace {

using test_support::AdTrial;
using test_support::AssessWithEmbedded;
using test_support::AugmentationTrial;
using test_support::LithiumTrial;
using test_support::PsychotherapyTrial;
using test_support::RecordBuilder;
using test_support::SessionCourse;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

const std::vector<std::string> kAllClassIds = {"ad_ssri",
                                               "ad_snri",
                                               "ad_tca",
                                               "ad_maoi",
                                               "ad_ndri",
                                               "ad_nassa",
                                               "ad_serotonin_modulator",
                                               "augmentation_lithium",
                                               "augmentation_antipsychotic",
                                               "augmentation_thyroid",
                                               "combination",
                                               "psychotherapy_evidence_based",
                                               "ect",
                                               "rtms",
                                               "ketamine"};

std::vector<UntriedClass> Untried(const PatientRecord& record) {
  return AssessWithEmbedded(record).not_adequately_tried;
}

std::vector<std::string> Ids(const std::vector<UntriedClass>& untried) {
  std::vector<std::string> ids;
  for (const UntriedClass& entry : untried) ids.push_back(entry.id);
  return ids;
}

const UntriedClass* Find(const std::vector<UntriedClass>& untried, const std::string& id) {
  for (const UntriedClass& entry : untried) {
    if (entry.id == id) return &entry;
  }
  return nullptr;
}

TEST(FindNotAdequatelyTriedTest, EmptyHistoryListsEveryClassAsNeverTried) {
  const std::vector<UntriedClass> untried = Untried(RecordBuilder().Build());
  EXPECT_THAT(Ids(untried), ElementsAreArray(kAllClassIds));
  for (const UntriedClass& entry : untried) {
    EXPECT_FALSE(entry.tried) << entry.id;
    EXPECT_THAT(entry.attempts, IsEmpty()) << entry.id;
    EXPECT_FALSE(entry.label.empty()) << entry.id;
  }
}

TEST(FindNotAdequatelyTriedTest, AdequateTrialRemovesItsClass) {
  const std::vector<UntriedClass> untried = Untried(
      RecordBuilder().Add(AdTrial("T1", "sertraline", "2024-02-01", "2024-04-01", 50)).Build());
  EXPECT_THAT(Ids(untried), Not(Contains("ad_ssri")));
  EXPECT_EQ(untried.size(), kAllClassIds.size() - 1);
}

TEST(FindNotAdequatelyTriedTest, InadequateAttemptIsListedWithWhyItFellShort) {
  const std::vector<UntriedClass> untried = Untried(
      RecordBuilder().Add(AdTrial("T1", "venlafaxine", "2024-02-01", "2024-04-01", 75)).Build());
  const UntriedClass* snri = Find(untried, "ad_snri");
  ASSERT_NE(snri, nullptr);
  EXPECT_TRUE(snri->tried);
  ASSERT_EQ(snri->attempts.size(), 1u);
  EXPECT_EQ(snri->attempts[0].id, "T1");
  EXPECT_THAT(snri->attempts[0].reason, HasSubstr("minimum 150 mg/day"));
}

TEST(FindNotAdequatelyTriedTest, OneAdequateTrialOutweighsInadequateOnes) {
  const std::vector<UntriedClass> untried =
      Untried(RecordBuilder()
                  .Add(AdTrial("T1", "citalopram", "2024-02-01", "2024-02-20", 20))
                  .Add(AdTrial("T2", "sertraline", "2024-03-01", "2024-05-01", 50))
                  .Build());
  EXPECT_EQ(Find(untried, "ad_ssri"), nullptr);
}

TEST(FindNotAdequatelyTriedTest, TrialsBeforeTheEpisodeDoNotCount) {
  const std::vector<UntriedClass> untried =
      Untried(RecordBuilder()
                  .Onset("2024-01-01")
                  .Add(AdTrial("T0", "sertraline", "2023-02-01", "2023-05-01", 50))
                  .Build());
  const UntriedClass* ssri = Find(untried, "ad_ssri");
  ASSERT_NE(ssri, nullptr);
  EXPECT_FALSE(ssri->tried);
}

TEST(FindNotAdequatelyTriedTest, GroupsNonDrugTreatmentsByClass) {
  const std::vector<UntriedClass> untried = Untried(
      RecordBuilder()
          .Add(AdTrial("T1", "sertraline", "2024-02-01", "2024-04-01", 50))
          .Add(LithiumTrial("L1", "T1", "2024-03-01", "2024-04-01", 0.8))
          .Add(AugmentationTrial("A1", "aripiprazole", "T1", "2024-03-01", "2024-04-01", 5))
          .Add(PsychotherapyTrial("P1", "cbt", "2024-05-01", "2024-08-01", 12))
          .Add(SessionCourse("E1", TreatmentKind::kEct, "2024-09-01", "2024-10-01", 8))
          .Add(SessionCourse("R1", TreatmentKind::kItbs, "2024-11-01", "2024-12-01", 30))
          .Add(SessionCourse("K1", TreatmentKind::kEsketamine, "2025-01-01", "2025-02-01", 8))
          .Build());
  EXPECT_THAT(Ids(untried),
              ElementsAre("ad_snri", "ad_tca", "ad_maoi", "ad_ndri", "ad_nassa",
                          "ad_serotonin_modulator", "augmentation_thyroid", "combination"));
}

TEST(FindNotAdequatelyTriedTest, PsychotherapyWithATraineeIsNotAdequatelyTried) {
  const std::vector<UntriedClass> untried =
      Untried(RecordBuilder()
                  .Add(PsychotherapyTrial("P1", "cbt", "2024-05-01", "2024-08-01", 12)
                           .Therapist(TherapistExperience::kTrainee))
                  .Build());
  const UntriedClass* psychotherapy = Find(untried, "psychotherapy_evidence_based");
  ASSERT_NE(psychotherapy, nullptr);
  EXPECT_TRUE(psychotherapy->tried);
  ASSERT_EQ(psychotherapy->attempts.size(), 1u);
  EXPECT_THAT(psychotherapy->attempts[0].reason, HasSubstr("therapist in training"));
}

}  // namespace
}  // namespace refract
