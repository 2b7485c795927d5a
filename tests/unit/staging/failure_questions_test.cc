// The outcome-sensitivity check skips re-staging an outcome variant that answers every failure
// question the model asked of that trial alike (src/staging/outcome_sensitivity.h). That is exact
// only if the models read outcomes through CountsAsFailure alone: this test stages seeded random
// histories under every model and requires the same notes and provisional marks as re-staging
// every variant. It also checks that turning the assumptions off changes nothing else.
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "models.h"
#include "outcome_sensitivity.h"
#include "staging_fixture.h"

namespace refract {
namespace {

using staging_internal::StageFn;
using test_support::AdTrial;
using test_support::AugmentationTrial;
using test_support::CombinationTrial;
using test_support::LithiumTrial;
using test_support::PsychotherapyTrial;
using test_support::RecordBuilder;
using test_support::SessionCourse;
using test_support::TreatmentBuilder;

constexpr StageFn kModels[] = {StageThaseRush, StageEuropean,    StageMgh,
                               StageMaudsley,  StageDmTrd,       StageConway,
                               StageMarkowitz, StageTwoFailures, StageSforzini};

struct Drug {
  const char* id;
  double mg;
};
constexpr Drug kDrugs[] = {{"sertraline", 100},    {"venlafaxine", 150}, {"fluoxetine", 20},
                           {"nortriptyline", 100}, {"phenelzine", 45},   {"mirtazapine", 30},
                           {"bupropion", 150},     {"escitalopram", 10}};

class RandomHistory {
 public:
  explicit RandomHistory(unsigned seed) : random_(seed) {}

  PatientRecord Next() {
    RecordBuilder builder;
    const int trials = Uniform(1, 6);
    Date start = test_support::D("2023-11-01");
    for (int i = 0; i < trials; ++i) {
      builder.Add(WithOutcome(Trial("T" + std::to_string(i + 1), i, start)));
      start = AddDays(start, 7 * Uniform(4, 14));
    }
    return builder.Build();
  }

 private:
  int Uniform(int low, int high) { return std::uniform_int_distribution<int>(low, high)(random_); }

  TreatmentBuilder Trial(const std::string& id, int index, Date start) {
    const std::string from = start.ToString();
    const std::string to = AddDays(start, 7 * Uniform(2, 12)).ToString();
    const Drug& drug = kDrugs[Uniform(0, static_cast<int>(std::size(kDrugs)) - 1)];
    const std::string base = "T" + std::to_string(index);
    switch (index == 0 ? 0 : Uniform(0, 6)) {
      case 1:
        return CombinationTrial(id, "mirtazapine", base, from, to, 30);
      case 2:
        return AugmentationTrial(id, "aripiprazole", base, from, to, 5);
      case 3:
        return LithiumTrial(id, base, from, to, 0.7);
      case 4:
        return PsychotherapyTrial(id, "cbt", from, to, Uniform(4, 16));
      case 5:
        return SessionCourse(id, TreatmentKind::kEct, from, to, Uniform(4, 12))
            .Laterality(EctLaterality::kBilateral);
      default:
        return AdTrial(id, drug.id, from, to, drug.mg * Uniform(1, 2));
    }
  }

  // Scores near the 25 % and 50 % boundaries, a judgement (sometimes in conflict), or nothing.
  TreatmentBuilder WithOutcome(TreatmentBuilder trial) {
    const int baseline = Uniform(16, 40);
    switch (Uniform(0, 4)) {
      case 0:
        return trial;
      case 1:
        return trial.Judgement(static_cast<OutcomeCategory>(Uniform(0, 3)));
      case 2:
        return trial.Scores("madrs", baseline, baseline - Uniform(0, baseline))
            .Judgement(static_cast<OutcomeCategory>(Uniform(0, 3)));
      default:
        return trial.Scores("madrs", baseline, baseline * Uniform(45, 80) / 100);
    }
  }

  std::mt19937 random_;
};

// Skipping the variants that answer the questions alike, with the nearby end scores assessed once
// for all models, gives the notes of re-staging every variant with its own.
TEST(FailureQuestionsTest, SkippingVariantsThatAnswerAlikeChangesNoResult) {
  RandomHistory histories(20261206);
  const KnowledgeBase& knowledge = test_support::EmbeddedKnowledge();
  const StagingOptions options;
  int notes = 0;
  for (int n = 0; n < 400; ++n) {
    const PatientRecord record = histories.Next();
    StagingContext recording = MakeStagingContext(record, knowledge, options);
    recording.failure_questions = std::make_shared<std::vector<FailureQuestion>>();
    staging_internal::NearbyOutcomes shared(recording);
    for (StageFn stage : kModels) {
      recording.failure_questions->clear();
      ModelResult skipping = stage(recording);
      ModelResult exhaustive = skipping;
      staging_internal::CheckOutcomeSensitivity(stage, recording, recording.failure_questions.get(),
                                                shared, skipping);
      staging_internal::NearbyOutcomes fresh(recording);
      staging_internal::CheckOutcomeSensitivity(stage, recording, nullptr, fresh, exhaustive);
      ASSERT_EQ(skipping.notes, exhaustive.notes) << skipping.model_id << ", history " << n;
      ASSERT_EQ(skipping.uncertain_params, exhaustive.uncertain_params) << skipping.model_id;
      notes += static_cast<int>(exhaustive.notes.size());
    }
  }
  EXPECT_GT(notes, 500) << "the histories should reach the boundaries the check is about";
}

// Turning the explanations off (population runs, CDS Hooks, verdict comparisons) removes the
// assumptions, the excluded trials and the next steps, and changes nothing else.
TEST(FailureQuestionsTest, ExplainOffChangesNothingButTheExplanations) {
  RandomHistory histories(20261207);
  const KnowledgeBase& knowledge = test_support::EmbeddedKnowledge();
  const StagingOptions explained;
  StagingOptions verdict_only;
  verdict_only.explain = false;
  int exclusions = 0;
  int next_steps = 0;
  for (int n = 0; n < 200; ++n) {
    const PatientRecord record = histories.Next();
    const std::vector<ModelResult> full =
        StageAllModels(MakeStagingContext(record, knowledge, explained));
    const std::vector<ModelResult> bare =
        StageAllModels(MakeStagingContext(record, knowledge, verdict_only));
    ASSERT_EQ(full.size(), bare.size());
    for (size_t m = 0; m < full.size(); ++m) {
      EXPECT_TRUE(bare[m].assumptions.empty()) << bare[m].model_id;
      EXPECT_TRUE(bare[m].excluded_trials.empty()) << bare[m].model_id;
      EXPECT_TRUE(bare[m].next_steps.empty()) << bare[m].model_id;
      if (full[m].applicable) {
        EXPECT_FALSE(full[m].assumptions.empty()) << full[m].model_id;
      }
      exclusions += static_cast<int>(full[m].excluded_trials.size());
      next_steps += static_cast<int>(full[m].next_steps.size());
      ModelResult without = full[m];
      without.assumptions.clear();
      without.excluded_trials.clear();
      without.next_steps.clear();
      const std::string context = full[m].model_id + ", history " + std::to_string(n);
      ASSERT_EQ(without.summary, bare[m].summary) << context;
      ASSERT_EQ(without.notes, bare[m].notes) << context;
      ASSERT_EQ(without.counted_trials, bare[m].counted_trials) << context;
      ASSERT_EQ(without.failed_antidepressants, bare[m].failed_antidepressants) << context;
      ASSERT_EQ(without.missing, bare[m].missing) << context;
      ASSERT_EQ(without.components.size(), bare[m].components.size()) << context;
      for (size_t c = 0; c < without.components.size(); ++c) {
        ASSERT_EQ(without.components[c].detail, bare[m].components[c].detail) << context;
        ASSERT_EQ(without.components[c].points, bare[m].components[c].points) << context;
      }
      ASSERT_EQ(without.uncertain_params, bare[m].uncertain_params) << context;
      ASSERT_EQ(without.provisional, bare[m].provisional) << context;
      ASSERT_TRUE(staging_internal::SameVerdict(without, bare[m])) << context;
    }
  }
  EXPECT_GT(exclusions, 200) << "the histories should exclude trials for every kind of reason";
  EXPECT_GT(next_steps, 200) << "the explained results should name next steps";
}

// Turning the other words off too (population runs) empties what a definition still needs, the
// score components and the notes, blanks the trials' outcome details, and changes nothing else,
// also where the models do not apply (a bipolar diagnosis).
TEST(FailureQuestionsTest, DescribeOffChangesNothingButTheWords) {
  RandomHistory histories(20261208);
  const KnowledgeBase& knowledge = test_support::EmbeddedKnowledge();
  StagingOptions described;
  described.explain = false;
  StagingOptions bare_options = described;
  bare_options.describe = false;
  int missing = 0;
  int components = 0;
  int notes = 0;
  int provisional = 0;
  int not_applicable = 0;
  for (int n = 0; n < 200; ++n) {
    PatientRecord record = histories.Next();
    if (n % 8 == 0) record.diagnosis = Diagnosis::kBipolar;
    const StagingContext described_context = MakeStagingContext(record, knowledge, described);
    const StagingContext bare_context = MakeStagingContext(record, knowledge, bare_options);
    for (size_t t = 0; t < record.treatments.size(); ++t) {
      const OutcomeAssessment& with_words = described_context.outcomes[t];
      const OutcomeAssessment& without = bare_context.outcomes[t];
      ASSERT_EQ(with_words.category, without.category);
      ASSERT_EQ(with_words.source, without.source);
      ASSERT_EQ(with_words.conflict, without.conflict);
      ASSERT_EQ(without.detail, "");
    }
    const std::vector<ModelResult> full = StageAllModels(described_context);
    const std::vector<ModelResult> bare = StageAllModels(bare_context);
    ASSERT_EQ(full.size(), bare.size());
    for (size_t m = 0; m < full.size(); ++m) {
      const std::string context = full[m].model_id + ", history " + std::to_string(n);
      EXPECT_TRUE(bare[m].missing.empty()) << context;
      EXPECT_TRUE(bare[m].components.empty()) << context;
      EXPECT_TRUE(bare[m].notes.empty()) << context;
      missing += static_cast<int>(full[m].missing.size());
      components += static_cast<int>(full[m].components.size());
      notes += static_cast<int>(full[m].notes.size());
      provisional += full[m].provisional ? 1 : 0;
      not_applicable += full[m].applicable ? 0 : 1;
      ASSERT_EQ(full[m].applicable, bare[m].applicable) << context;
      ASSERT_EQ(full[m].summary, bare[m].summary) << context;
      ASSERT_EQ(full[m].counted_trials, bare[m].counted_trials) << context;
      ASSERT_EQ(full[m].failed_antidepressants, bare[m].failed_antidepressants) << context;
      ASSERT_EQ(full[m].uncertain_params, bare[m].uncertain_params) << context;
      ASSERT_EQ(full[m].provisional, bare[m].provisional) << context;
      ASSERT_EQ(full[m].variants.size(), bare[m].variants.size()) << context;
      for (size_t v = 0; v < full[m].variants.size(); ++v)
        ASSERT_EQ(full[m].variants[v].meets, bare[m].variants[v].meets) << context;
      ASSERT_TRUE(staging_internal::SameVerdict(full[m], bare[m])) << context;
    }
  }
  EXPECT_GT(missing, 200) << "the described results should name what is missing";
  EXPECT_GT(components, 1000) << "the described results should have score components";
  EXPECT_GT(notes, 200) << "the described results should have notes";
  EXPECT_GT(provisional, 100) << "the comparison should cover provisional results";
  EXPECT_GT(not_applicable, 100) << "the comparison should cover a bipolar diagnosis";
}

}  // namespace
}  // namespace refract
