#include "refract/omop/extraction.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "refract/engine/engine.h"
#include "refract/omop/cohort.h"

namespace refract::omop {
namespace {

constexpr ConceptId kDepressiveDisorder = 440383;
constexpr ConceptId kBipolar = 436665;
constexpr ConceptId kSertraline = 739138;
constexpr ConceptId kEscitalopram = 715939;
constexpr ConceptId kAripiprazole = 757688;
constexpr ConceptId kSertralineTablet = 2000000001;  // a product, rolled up by drug_strength

Date D(const char* text) { return *Date::Parse(text); }

class Extraction : public ::testing::Test {
 protected:
  void SetUp() override {
    StatusOr<OmopMapping> parsed = ParseOmopMapping(EmbeddedOmopMappingText());
    ASSERT_TRUE(parsed.ok());
    mapping_ = std::move(*parsed);
    Vocabulary vocabulary;
    vocabulary.drug_strength_empty = false;
    vocabulary.strengths[kSertralineTablet] = {{kSertraline, 50.0, 8576, {}, 0, {}}};
    resolved_ = ResolveMapping(mapping_, vocabulary);
  }

  // Monthly fills of 30 days from `start`; quantity 30 or none.
  static void Fills(PersonRows& rows, ConceptId drug, const char* start, int months,
                    std::optional<double> quantity) {
    for (int i = 0; i < months; ++i)
      rows.drugs.push_back({drug, AddDays(D(start), 30 * i), std::nullopt, quantity, 30});
  }

  const Treatment* Find(const PatientRecord& record, TreatmentKind kind, std::string_view agent) {
    auto it = std::find_if(record.treatments.begin(), record.treatments.end(),
                           [&](const Treatment& t) { return t.kind == kind && t.agent == agent; });
    return it == record.treatments.end() ? nullptr : &*it;
  }

  OmopMapping mapping_;
  ResolvedMapping resolved_;
};

PersonRows WithDepressionCode() {
  PersonRows rows;
  rows.person.person_id = 7;
  rows.conditions.push_back({kDepressiveDisorder, D("2020-01-01"), std::nullopt});
  return rows;
}

TEST_F(Extraction, NoDepressionCodeGivesNoRecord) {
  PersonRows rows;
  Fills(rows, kSertraline, "2020-01-08", 3, std::nullopt);
  const auto out = ExtractPerson(rows, resolved_, OutcomeRule::kScores);
  EXPECT_EQ(out.status, ExtractionStatus::kNoDepression);
  EXPECT_FALSE(out.record.has_value());
}

TEST_F(Extraction, ErasDosesAndTheSequenceRule) {
  PersonRows rows = WithDepressionCode();
  Fills(rows, kSertralineTablet, "2020-01-08", 4, 60.0);      // 100 mg/day via drug_strength
  Fills(rows, kEscitalopram, "2020-05-20", 4, std::nullopt);  // no dose
  Fills(rows, kAripiprazole, "2020-07-01", 2, std::nullopt);  // augments escitalopram
  const auto scores = ExtractPerson(rows, resolved_, OutcomeRule::kScores);
  ASSERT_EQ(scores.status, ExtractionStatus::kRecord);
  const PatientRecord& record = *scores.record;
  const Treatment* sertraline = Find(record, TreatmentKind::kAntidepressant, "sertraline");
  ASSERT_NE(sertraline, nullptr);
  EXPECT_EQ(sertraline->start, D("2020-01-08"));
  EXPECT_EQ(*sertraline->end, AddDays(D("2020-01-08"), 120));
  ASSERT_EQ(sertraline->doses.size(), 1u);
  EXPECT_DOUBLE_EQ(sertraline->doses[0].mg_per_day, 100.0);
  const Treatment* escitalopram = Find(record, TreatmentKind::kAntidepressant, "escitalopram");
  ASSERT_NE(escitalopram, nullptr);
  EXPECT_TRUE(escitalopram->dose_unrecorded);
  const Treatment* augmentation = Find(record, TreatmentKind::kAugmentation, "aripiprazole");
  ASSERT_NE(augmentation, nullptr);
  EXPECT_EQ(augmentation->augments, escitalopram->id);
  EXPECT_FALSE(sertraline->outcome.judgement.has_value());
  EXPECT_TRUE(scores.sequence_outcomes.empty());

  const auto sequence = ExtractPerson(rows, resolved_, OutcomeRule::kTreatmentSequence);
  EXPECT_EQ(sequence.sequence_outcomes.size(),
            2u);  // sertraline (switch), escitalopram (augmented)
  EXPECT_EQ(Find(*sequence.record, TreatmentKind::kAntidepressant, "sertraline")->outcome.judgement,
            OutcomeCategory::kNonresponse);
  EXPECT_NE(std::find(sequence.assumptions.begin(), sequence.assumptions.end(), "dose_unrecorded"),
            sequence.assumptions.end());

  // The sequence rule applied to the scores extraction gives the same extraction.
  const auto derived = WithOutcomeRule(scores, resolved_, OutcomeRule::kTreatmentSequence);
  EXPECT_EQ(derived.sequence_outcomes, sequence.sequence_outcomes);
  EXPECT_EQ(derived.assumptions, sequence.assumptions);
  EXPECT_EQ(derived.warnings, sequence.warnings);
  ASSERT_EQ(derived.record->treatments.size(), sequence.record->treatments.size());
  for (size_t i = 0; i < derived.record->treatments.size(); ++i) {
    EXPECT_EQ(derived.record->treatments[i].id, sequence.record->treatments[i].id);
    EXPECT_EQ(derived.record->treatments[i].outcome.judgement,
              sequence.record->treatments[i].outcome.judgement);
  }
  EXPECT_TRUE(WithOutcomeRule(scores, resolved_, OutcomeRule::kScores).sequence_outcomes.empty());
}

TEST_F(Extraction, AGapStartsANewEpisode) {
  PersonRows rows = WithDepressionCode();
  rows.conditions.push_back({kDepressiveDisorder, D("2017-03-01"), std::nullopt});
  Fills(rows, kSertraline, "2017-03-08", 3, std::nullopt);
  Fills(rows, kEscitalopram, "2020-01-08", 3, std::nullopt);
  const auto out = ExtractPerson(rows, resolved_, OutcomeRule::kTreatmentSequence);
  ASSERT_TRUE(out.record.has_value());
  EXPECT_EQ(out.record->episode.onset, D("2020-01-01"));
  EXPECT_EQ(out.record->episode.lifetime_episodes, 2);
  // The 2017 sertraline trial belongs to the earlier episode: no next step in the same episode.
  EXPECT_TRUE(out.sequence_outcomes.empty());
}

TEST_F(Extraction, BipolarCodeExcludes) {
  PersonRows rows = WithDepressionCode();
  rows.conditions.push_back({kBipolar, D("2021-01-01"), std::nullopt});
  const auto out = ExtractPerson(rows, resolved_, OutcomeRule::kScores);
  ASSERT_TRUE(out.record.has_value());
  EXPECT_EQ(out.record->diagnosis, Diagnosis::kBipolar);
}

// End to end through the engine: two switches meet the two-failure definition under the sequence
// rule only, provisionally; the scores rule has no scores and counts nothing.
TEST_F(Extraction, SequenceRuleStagesProvisionally) {
  PersonRows rows = WithDepressionCode();
  Fills(rows, kSertralineTablet, "2020-01-08", 4, 60.0);
  Fills(rows, kEscitalopram, "2020-05-20", 4, std::nullopt);
  Fills(rows, kAripiprazole, "2020-07-01", 2, std::nullopt);
  StatusOr<Engine> engine = Engine::Create(EmbeddedKnowledgeSource());
  ASSERT_TRUE(engine.ok());
  const PersonResult result = AssessPerson(rows, resolved_, *engine, CohortOptions{});
  EXPECT_EQ(result.status, "staged");
  EXPECT_EQ(result.adequate_antidepressant_trials, 2);
  EXPECT_TRUE(result.psychotherapy_never_adequate);
  for (const ModelOutcome& model : result.models) {
    if (model.model_id != "two_failures") continue;
    if (model.rule == "scores") {
      EXPECT_EQ(model.meets, false);
    } else {
      EXPECT_EQ(model.meets, true);
      EXPECT_TRUE(model.provisional);
      EXPECT_NE(std::find(model.provisional_reasons.begin(), model.provisional_reasons.end(),
                          "sequence_outcome"),
                model.provisional_reasons.end());
      EXPECT_NE(std::find(model.provisional_reasons.begin(), model.provisional_reasons.end(),
                          "dose_unrecorded"),
                model.provisional_reasons.end());
    }
  }
}

// Under the retrospective-trials variant the Markowitz 2022 result carries its own model id, so it
// is never read as the default definition's result.
TEST_F(Extraction, MarkowitzVariantIsLabelled) {
  PersonRows rows = WithDepressionCode();
  Fills(rows, kSertralineTablet, "2020-01-08", 4, 60.0);
  StatusOr<Engine> engine = Engine::Create(EmbeddedKnowledgeSource());
  ASSERT_TRUE(engine.ok());
  CohortOptions options;
  options.staging.markowitz_allow_retrospective = true;
  const PersonResult result = AssessPerson(rows, resolved_, *engine, options);
  int variant = 0;
  for (const ModelOutcome& model : result.models) {
    EXPECT_NE(model.model_id, "markowitz_2022");
    variant += model.model_id == "markowitz_2022.allow_retrospective" ? 1 : 0;
  }
  EXPECT_EQ(variant, 2);  // one per outcome rule
  EXPECT_EQ(OutputModelId("two_failures", options.staging), "two_failures");
}

}  // namespace
}  // namespace refract::omop
