#include "refract/staging/trial_selection.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "staging_fixture.h"

namespace refract {
namespace {

using staging_test::FailedAd;
using test_support::AdTrial;
using test_support::EmbeddedKnowledge;
using test_support::PsychotherapyTrial;
using test_support::RecordBuilder;
using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::StartsWith;

SelectionSpec AntidepressantSpec() {
  return {{TreatmentKind::kAntidepressant},
          DefaultAdequacyRule(EmbeddedKnowledge()),
          FailureRule::kShortOfResponse,
          nullptr};
}

// Owns everything a Selection points into (the record's treatments, the context's outcomes).
struct Selected {
  Selected(PatientRecord r, const SelectionSpec& spec)
      : record(std::move(r)),
        context(MakeStagingContext(record, EmbeddedKnowledge(), options)),
        selection(SelectFailedTrials(context, spec)) {}
  PatientRecord record;
  StagingOptions options;
  StagingContext context;
  Selection selection;
};

Selection Select(const PatientRecord& record, const SelectionSpec& spec = AntidepressantSpec()) {
  return Selected(record, spec).selection;  // ids and reasons only: pointers dangle
}

std::string ReasonFor(const Selection& selection, const std::string& id) {
  for (const ExcludedTrial& excluded : selection.excluded) {
    if (excluded.id == id) return excluded.reason;
  }
  return "";
}

TEST(SelectFailedTrialsTest, CountsAnAdequateFailedTrial) {
  const Selected selected(
      RecordBuilder().Add(FailedAd("T1", "sertraline", 50, "2024-02-01")).Build(),
      AntidepressantSpec());
  const Selection& selection = selected.selection;
  ASSERT_EQ(selection.counted.size(), 1u);
  EXPECT_EQ(selection.counted[0].treatment->id, "T1");
  EXPECT_TRUE(selection.counted[0].verdict->adequate);
  EXPECT_EQ(selection.counted[0].outcome->category, OutcomeCategory::kNonresponse);
  EXPECT_THAT(selection.excluded, IsEmpty());
}

struct ExclusionCase {
  const char* name;
  Treatment trial;
  const char* reason_prefix;
};

class ExclusionReasonTest : public ::testing::TestWithParam<ExclusionCase> {};

TEST_P(ExclusionReasonTest, ExplainsWhyTheTrialDoesNotCount) {
  const Selection selection = Select(RecordBuilder().Add(GetParam().trial).Build());
  EXPECT_THAT(selection.counted, IsEmpty());
  EXPECT_THAT(ReasonFor(selection, GetParam().trial.id), StartsWith(GetParam().reason_prefix));
}

INSTANTIATE_TEST_SUITE_P(
    Reasons, ExclusionReasonTest,
    ::testing::Values(
        ExclusionCase{"BeforeTheEpisode", FailedAd("T1", "sertraline", 50, "2023-12-31"),
                      "before the current episode (onset 2024-01-01)"},
        ExclusionCase{"KindNotCounted",
                      PsychotherapyTrial("P1", "cbt", "2024-02-01", "2024-05-01", 12)
                          .Judgement(OutcomeCategory::kNonresponse),
                      "psychotherapy trials are not counted by this model"},
        ExclusionCase{"Inadequate", FailedAd("T1", "sertraline", 25, "2024-02-01"),
                      "not adequate: maximum 25 mg/day"},
        ExclusionCase{"NotAFailure",
                      FailedAd("T1", "sertraline", 50, "2024-02-01").Scores("madrs", 30, 14),
                      "not a failure under this model: MADRS 30 -> 14"},
        ExclusionCase{"UnknownOutcome", AdTrial("T1", "sertraline", "2024-02-01", "2024-04-01", 50),
                      "outcome unknown (no outcome recorded)"}),
    test_support::RowName{});

TEST(SelectFailedTrialsTest, ExtraGateExcludesWithItsReason) {
  SelectionSpec spec = AntidepressantSpec();
  spec.extra_gate = [](const Treatment& t) {
    return t.agent == "sertraline" ? std::string("gate says no") : std::string();
  };
  const Selected selected(RecordBuilder()
                              .Add(FailedAd("T1", "sertraline", 50, "2024-02-01"))
                              .Add(FailedAd("T2", "citalopram", 20, "2024-05-01"))
                              .Build(),
                          spec);
  const Selection& selection = selected.selection;
  EXPECT_EQ(ReasonFor(selection, "T1"), "gate says no");
  ASSERT_EQ(selection.counted.size(), 1u);
  EXPECT_EQ(selection.counted[0].treatment->id, "T2");
}

TEST(SelectFailedTrialsTest, NonresponseOnlyExcludesPartialResponse) {
  SelectionSpec spec = AntidepressantSpec();
  spec.failure = FailureRule::kNonresponseOnly;
  const PatientRecord record =
      RecordBuilder()
          .Add(FailedAd("T1", "sertraline", 50, "2024-02-01").Scores("madrs", 40, 30))  // 25 %
          .Build();
  EXPECT_THAT(Select(record).counted, testing::SizeIs(1));
  EXPECT_THAT(Select(record, spec).counted, IsEmpty());
}

TEST(SelectFailedTrialsTest, CustomFailureThresholdUsesExactIntegers) {
  Parameter below{"test.below_pct", 20, {Tag::kDecision, "test"}, std::nullopt};
  SelectionSpec spec = AntidepressantSpec();
  spec.failure_below_pct = &below;
  // 5 -> 4 is exactly 20 %: not below 20 %, so not a failure; 5 -> 5 is.
  const PatientRecord at_threshold =
      RecordBuilder()
          .Add(FailedAd("T1", "sertraline", 50, "2024-02-01").Scores("phq9", 25, 20))
          .Build();
  const PatientRecord below_threshold =
      RecordBuilder()
          .Add(FailedAd("T1", "sertraline", 50, "2024-02-01").Scores("phq9", 25, 21))
          .Build();
  EXPECT_THAT(Select(at_threshold, spec).counted, IsEmpty());
  EXPECT_THAT(Select(below_threshold, spec).counted, testing::SizeIs(1));
}

TEST(SelectFailedTrialsTest, CollectsUnconfirmedParametersOfExcludedTrials) {
  // Adherence 70 % fails the unconfirmed 80 % minimum: the exclusion relied on it.
  const Selection selection = Select(
      RecordBuilder().Add(FailedAd("T1", "sertraline", 50, "2024-02-01").Adherence(70)).Build());
  EXPECT_THAT(selection.uncertain_params, ElementsAre("adequacy.min_adherence_pct"));
}

TEST(DistinctAgentsTest, CountsOneMoleculeAcrossFormulations) {
  const PatientRecord record = RecordBuilder()
                                   .Add(FailedAd("T1", "paroxetine", 20, "2024-02-01"))
                                   .Add(FailedAd("T2", "paroxetine_cr", 25, "2024-05-01"))
                                   .Add(FailedAd("T3", "sertraline", 50, "2024-08-01"))
                                   .Add(FailedAd("T4", "sertraline", 50, "2024-11-01"))
                                   .Build();
  const Selected selected(record, AntidepressantSpec());
  EXPECT_THAT(DistinctAgents(selected.selection, EmbeddedKnowledge()),
              ElementsAre("paroxetine", "sertraline"));
}

TEST(RecordSelectionTest, CopiesIdsExclusionsAndMarksProvisional) {
  const Selected selected(RecordBuilder()
                              .Add(FailedAd("T1", "sertraline", 50, "2024-02-01"))
                              .Add(FailedAd("T2", "citalopram", 20, "2024-05-01").Adherence(70))
                              .Build(),
                          AntidepressantSpec());
  ModelResult result;
  RecordSelection(selected.selection, result);
  EXPECT_THAT(result.counted_trials, ElementsAre("T1"));
  ASSERT_EQ(result.excluded_trials.size(), 1u);
  EXPECT_EQ(result.excluded_trials[0].id, "T2");
  EXPECT_THAT(result.uncertain_params, ElementsAre("adequacy.min_adherence_pct"));
  EXPECT_TRUE(result.provisional);
}

TEST(AddUncertainTest, DeduplicatesAndMarksProvisional) {
  ModelResult result;
  AddUncertain(result, "a");
  AddUncertain(result, "a");
  AddUncertain(result, "b");
  EXPECT_THAT(result.uncertain_params, ElementsAre("a", "b"));
  EXPECT_TRUE(result.provisional);
}

TEST(ClassOfTest, UnknownAgentIsOther) {
  EXPECT_EQ(ClassOf(AdTrial("T1", "aspirin", "2024-02-01", "2024-04-01", 1), EmbeddedKnowledge()),
            DrugClass::kOther);
  EXPECT_EQ(
      ClassOf(AdTrial("T1", "imipramine", "2024-02-01", "2024-04-01", 1), EmbeddedKnowledge()),
      DrugClass::kTca);
}

TEST(IsAntidepressantKindTest, IsMonotherapyOrCombination) {
  EXPECT_TRUE(IsAntidepressantKind(TreatmentKind::kAntidepressant));
  EXPECT_TRUE(IsAntidepressantKind(TreatmentKind::kCombination));
  EXPECT_FALSE(IsAntidepressantKind(TreatmentKind::kAugmentation));
  EXPECT_FALSE(IsAntidepressantKind(TreatmentKind::kPsychotherapy));
}

}  // namespace
}  // namespace refract
