// Markowitz et al. (2022), src/staging/markowitz.cc: what the definition still needs (`missing`),
// prospective vs retrospective trials and the strict combined-trial variant.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "staging_fixture.h"

namespace refract {
namespace {

using staging_test::FailedAd;
using staging_test::Stage;
using test_support::PsychotherapyTrial;
using test_support::RecordBuilder;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

const char kPsychotherapyMissing[] =
    "an adequate failed evidence-based psychotherapy (>= 9 completed sessions with an "
    "experienced therapist)";

Treatment FailedCbt(std::string combined_with = "") {
  return PsychotherapyTrial("P1", "cbt", "2024-09-01", "2024-12-01", 12)
      .CombinedWith(std::move(combined_with))
      .Judgement(OutcomeCategory::kNonresponse);
}

bool Variant(const ModelResult& result, const std::string& id) {
  for (const VariantResult& variant : result.variants) {
    if (variant.id == id) return variant.meets;
  }
  ADD_FAILURE() << "no variant " << id;
  return false;
}

TEST(MarkowitzTest, EmptyHistoryIsMissingTwoProspectiveTrialsAndAPsychotherapy) {
  const ModelResult result = Stage(RecordBuilder().Build(), "markowitz_2022");
  EXPECT_EQ(result.meets, false);
  EXPECT_THAT(result.missing,
              ElementsAre("2 more adequate failed prospective antidepressant trial(s) (have 0; 0 "
                          "retrospective distinct drug(s) recorded)",
                          kPsychotherapyMissing));
  EXPECT_EQ(result.next_steps, result.missing);
}

TEST(MarkowitzTest, RetrospectiveTrialsAreCountedInTheMissingText) {
  const ModelResult result = Stage(RecordBuilder()
                                       .Add(FailedAd("T1", "sertraline", 50, "2024-02-01"))
                                       .Add(FailedAd("T2", "venlafaxine", 150, "2024-05-01"))
                                       .Add(FailedCbt())
                                       .Build(),
                                   "markowitz_2022");
  EXPECT_EQ(result.meets, false);
  EXPECT_THAT(result.missing,
              ElementsAre("2 more adequate failed prospective antidepressant trial(s) (have 0; 2 "
                          "retrospective distinct drug(s) recorded)"));
  EXPECT_TRUE(Variant(result, "allow_retrospective"));
}

TEST(MarkowitzTest, AllowingRetrospectiveTrialsDropsTheProspectiveWording) {
  StagingOptions options;
  options.markowitz_allow_retrospective = true;
  const ModelResult result =
      Stage(RecordBuilder().Add(FailedAd("T1", "sertraline", 50, "2024-02-01")).Build(),
            "markowitz_2022", options);
  EXPECT_THAT(result.missing, ElementsAre("1 more adequate failed antidepressant trial(s) (have 1)",
                                          kPsychotherapyMissing));
}

TEST(MarkowitzTest, TwoProspectiveFailuresAndAPsychotherapyMeet) {
  const ModelResult result =
      Stage(RecordBuilder()
                .Add(FailedAd("T1", "sertraline", 50, "2024-02-01").Prospective())
                .Add(FailedAd("T2", "venlafaxine", 150, "2024-05-01").Prospective())
                .Add(FailedCbt())
                .Build(),
            "markowitz_2022");
  EXPECT_EQ(result.meets, true);
  EXPECT_EQ(result.summary, "meets");
  EXPECT_THAT(result.missing, IsEmpty());
  EXPECT_FALSE(Variant(result, "strict_combined_trial"));
}

TEST(MarkowitzTest, StrictVariantNeedsACombinedTrial) {
  StagingOptions options;
  options.markowitz_require_combined_trial = true;
  RecordBuilder builder = RecordBuilder()
                              .Add(FailedAd("T1", "sertraline", 50, "2024-02-01").Prospective())
                              .Add(FailedAd("T2", "venlafaxine", 150, "2024-05-01").Prospective());
  const ModelResult without =
      Stage(RecordBuilder(builder).Add(FailedCbt()).Build(), "markowitz_2022", options);
  EXPECT_EQ(without.meets, false);
  EXPECT_THAT(without.missing,
              ElementsAre("a failed combined psychotherapy + pharmacotherapy trial (strict "
                          "variant)"));
  const ModelResult with =
      Stage(RecordBuilder(builder).Add(FailedCbt("T2")).Build(), "markowitz_2022", options);
  EXPECT_EQ(with.meets, true);
}

TEST(MarkowitzTest, PsychotherapyWithATraineeIsNotAdequate) {
  const ModelResult result =
      Stage(RecordBuilder()
                .Add(FailedAd("T1", "sertraline", 50, "2024-02-01").Prospective())
                .Add(FailedAd("T2", "venlafaxine", 150, "2024-05-01").Prospective())
                .Add(PsychotherapyTrial("P1", "cbt", "2024-09-01", "2024-12-01", 12)
                         .Therapist(TherapistExperience::kTrainee)
                         .Judgement(OutcomeCategory::kNonresponse))
                .Build(),
            "markowitz_2022");
  EXPECT_EQ(result.meets, false);
  EXPECT_THAT(result.missing, ElementsAre(kPsychotherapyMissing));
}

}  // namespace
}  // namespace refract
