#include "refract/options/computed_evidence.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace refract {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

// qnorm(0.975), as metafor.
constexpr double kZ = 1.959963984540054;

ArmResult Arm(std::string label, int events, int n) {
  ArmResult arm;
  arm.label = std::move(label);
  arm.events = events;
  arm.n = n;
  return arm;
}

EvidenceEntry TwoArms(ArmResult first, ArmResult second, Favours favours = Favours::kHigher) {
  EvidenceEntry entry;
  entry.study_id = "trial";
  entry.measure = EffectMeasure::kProportions;
  entry.arms = {std::move(first), std::move(second)};
  entry.favours = favours;
  return entry;
}

void ExpectEstimate(const Estimate& estimate, double value, double low, double high,
                    double tolerance) {
  EXPECT_NEAR(estimate.value, value, tolerance);
  EXPECT_NEAR(estimate.ci_low, low, tolerance);
  EXPECT_NEAR(estimate.ci_high, high, tolerance);
}

// ---- ComputeArmEffect ----

TEST(ComputeArmEffectTest, EscapeTrdRiskRatioHasWaldIntervalOnTheLogScale) {
  // ESCAPE-TRD remission: esketamine 91/336 vs quetiapine XR 60/340.
  const EvidenceEntry entry = TwoArms(Arm("esketamine", 91, 336), Arm("quetiapine XR", 60, 340));
  const std::optional<ArmEffect> effect = ComputeArmEffect(entry);
  ASSERT_TRUE(effect.has_value());
  const double log_rr = std::log((91.0 / 336) / (60.0 / 340));
  const double var = 1.0 / 91 - 1.0 / 336 + 1.0 / 60 - 1.0 / 340;
  EXPECT_NEAR(log_rr, 0.4283, 1e-4);
  ExpectEstimate(effect->risk_ratio, std::exp(log_rr), std::exp(log_rr - kZ * std::sqrt(var)),
                 std::exp(log_rr + kZ * std::sqrt(var)), 1e-9);
  ExpectEstimate(effect->risk_ratio, 1.5347, 1.1496, 2.0489, 1e-3);
  EXPECT_EQ(effect->arms, "esketamine 91/336 vs quetiapine XR 60/340");
}

TEST(ComputeArmEffectTest, TownOddsRatioUsesTheUncorrectedTable) {
  // Town 2017 full remission: ISTDP 11/30 vs TAU 1/30; no cell is zero.
  const std::optional<ArmEffect> effect =
      ComputeArmEffect(TwoArms(Arm("ISTDP", 11, 30), Arm("TAU", 1, 30)));
  ASSERT_TRUE(effect.has_value());
  // Metapsy's conversion of this table (Town JM, et al. J Affect Disord 2017;214:15-25): log OR
  // 2.8208, SE 1.0854 (checked on the log scale, where the CI is symmetric).
  const Estimate& odds = effect->odds_ratio;
  EXPECT_NEAR(std::log(odds.value), 2.8208, 1e-4);
  EXPECT_NEAR((std::log(odds.ci_high) - std::log(odds.ci_low)) / (2 * kZ), 1.0854, 1e-4);
  EXPECT_NEAR(std::log(odds.ci_low), 2.8208 - kZ * 1.0854, 1e-3);
  EXPECT_NEAR(effect->odds_ratio.value, 11.0 * 29 / (19 * 1), 1e-9);
  EXPECT_NEAR(effect->risk_ratio.value, 11.0, 1e-9);
  EXPECT_EQ(effect->arms, "ISTDP 11/30 vs TAU 1/30");
  EXPECT_THAT(effect->method, HasSubstr("Wald 95% CI"));
  EXPECT_THAT(effect->method, Not(HasSubstr("1/2")));
}

TEST(ComputeArmEffectTest, ZeroCellGetsOneHalfAddedToEveryCellAndSaysSo) {
  struct Case {
    const char* name;
    ArmResult first, second;
    double risk_ratio;  // after adding 1/2 to every cell
  };
  const Case cases[] = {
      {"no events in arm 2", Arm("a", 5, 20), Arm("b", 0, 20), (5.5 / 21) / (0.5 / 21)},
      {"no events in arm 1", Arm("a", 0, 20), Arm("b", 4, 20), (0.5 / 21) / (4.5 / 21)},
      {"every participant an event", Arm("a", 20, 20), Arm("b", 10, 20), (20.5 / 21) / (10.5 / 21)},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const std::optional<ArmEffect> effect = ComputeArmEffect(TwoArms(c.first, c.second));
    ASSERT_TRUE(effect.has_value());
    EXPECT_NEAR(effect->risk_ratio.value, c.risk_ratio, 1e-9);
    EXPECT_THAT(effect->method, HasSubstr("1/2 added to every cell"));
  }
}

TEST(ComputeArmEffectTest, SingleStudyKOfOneAndFavoursLowerAreRecomputed) {
  EvidenceEntry entry = TwoArms(Arm("drug", 10, 50), Arm("placebo", 20, 50), Favours::kLower);
  entry.k = 1;
  const std::optional<ArmEffect> effect = ComputeArmEffect(entry);
  ASSERT_TRUE(effect.has_value());
  EXPECT_NEAR(effect->risk_ratio.value, 0.5, 1e-12);
}

TEST(ComputeArmEffectTest, EntriesThatDoNotQualifyAreNotRecomputed) {
  struct Case {
    const char* name;
    std::function<void(EvidenceEntry&)> change;
  };
  const Case cases[] = {
      {"three arms", [](EvidenceEntry& e) { e.arms.push_back(Arm("c", 3, 30)); }},
      {"one arm", [](EvidenceEntry& e) { e.arms.pop_back(); }},
      {"percent-only arms",
       [](EvidenceEntry& e) {
         for (ArmResult& arm : e.arms) {
           arm.percent = 40.0;
           arm.events.reset();
         }
       }},
      {"an arm without n", [](EvidenceEntry& e) { e.arms[1].n.reset(); }},
      // Heijnen 2010: 281/585 vs 242/373 summed over 7 studies must not be collapsed.
      {"totals over 7 studies",
       [](EvidenceEntry& e) {
         e.arms = {Arm("no prior failure", 281, 585), Arm("prior failure", 242, 373)};
         e.k = 7;
       }},
      {"totals over 2 studies", [](EvidenceEntry& e) { e.k = 2; }},
      {"not comparative", [](EvidenceEntry& e) { e.favours = Favours::kNotComparative; }},
      {"direction unknown", [](EvidenceEntry& e) { e.favours = Favours::kUnknown; }},
      {"events above n in arm 1", [](EvidenceEntry& e) { e.arms[0].events = 31; }},
      {"events above n in arm 2", [](EvidenceEntry& e) { e.arms[1].events = 31; }},
      {"negative events", [](EvidenceEntry& e) { e.arms[0].events = -1; }},
      {"an empty arm", [](EvidenceEntry& e) { e.arms[1] = Arm("b", 0, 0); }},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    EvidenceEntry entry = TwoArms(Arm("a", 11, 30), Arm("b", 1, 30));
    c.change(entry);
    EXPECT_FALSE(ComputeArmEffect(entry).has_value());
  }
}

// ---- ShowsClearBenefit ----

TEST(ShowsClearBenefitTest, ClearOnlyWhenTheWholeIntervalIsOnTheFavourableSideOfTheNull) {
  struct Case {
    EffectMeasure measure;
    Favours favours;
    double low, high;
    bool clear;
  };
  using M = EffectMeasure;
  using F = Favours;
  const Case cases[] = {
      // Ratios: the null is 1.
      {M::kRiskRatio, F::kHigher, 1.15, 2.05, true},
      {M::kRiskRatio, F::kHigher, 0.5, 0.9, false},
      {M::kRiskRatio, F::kHigher, 0.8, 1.5, false},
      {M::kRiskRatio, F::kHigher, 1.0, 2.0, false},  // touches the null
      {M::kOddsRatio, F::kLower, 0.3, 0.9, true},
      {M::kHazardRatio, F::kLower, 0.29, 0.84, true},
      {M::kHazardRatio, F::kLower, 0.5, 1.0, false},  // touches the null
      {M::kHazardRatio, F::kHigher, 0.29, 0.84, false},
      // Differences and SMDs: the null is 0.
      {M::kHedgesG, F::kHigher, 0.5, 0.9, true},
      {M::kSmd, F::kHigher, 0.0, 0.5, false},  // touches the null
      {M::kSmd, F::kHigher, -0.1, 0.5, false},
      {M::kCohensD, F::kLower, -0.76, -0.47, true},
      {M::kCohensD, F::kLower, 0.5, 0.9, false},
      {M::kMeanDifference, F::kLower, -7.31, -0.64, true},
      {M::kMeanDifference, F::kLower, -2.0, 0.0, false},  // touches the null
      {M::kMeanDifference, F::kHigher, -7.31, -0.64, false},
      // Never clear.
      {M::kPrePostEs, F::kHigher, 0.5, 1.2, false},
      {M::kPrePostEs, F::kLower, -1.2, -0.5, false},
      {M::kSmd, F::kNotComparative, 0.5, 0.9, false},
      {M::kRiskRatio, F::kNotComparative, 1.5, 2.0, false},
      {M::kSmd, F::kUnknown, 0.5, 0.9, false},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(std::string(ToString(c.measure)) + " favours " + std::string(ToString(c.favours)) +
                 " [" + std::to_string(c.low) + ", " + std::to_string(c.high) + "]");
    EXPECT_EQ(ShowsClearBenefit(c.measure, c.favours, c.low, c.high), c.clear);
  }
}

// ---- EntryInterval ----

EvidenceEntry Estimated(EffectMeasure measure, std::optional<double> value,
                        std::optional<double> se,
                        std::optional<std::pair<double, double>> ci = std::nullopt) {
  EvidenceEntry entry;
  entry.measure = measure;
  entry.value = value;
  entry.se = se;
  entry.ci = ci;
  return entry;
}

TEST(EntryIntervalTest, PublishedIntervalWinsOverTheStandardError) {
  EXPECT_EQ(EntryInterval(Estimated(EffectMeasure::kMeanDifference, -4.0, 1.69,
                                    std::make_pair(-7.31, -0.64))),
            std::make_pair(-7.31, -0.64));
  EXPECT_EQ(
      EntryInterval(Estimated(EffectMeasure::kRiskRatio, 3.55, 0.4, std::make_pair(1.5, 8.38))),
      std::make_pair(1.5, 8.38));
}

TEST(EntryIntervalTest, DifferenceWithOnlyAStandardErrorGetsAWaldInterval) {
  for (EffectMeasure measure : {EffectMeasure::kHedgesG, EffectMeasure::kMeanDifference,
                                EffectMeasure::kSmd, EffectMeasure::kCohensD}) {
    SCOPED_TRACE(ToString(measure));
    const std::optional<std::pair<double, double>> ci =
        EntryInterval(Estimated(measure, 1.6613, 0.2687));
    ASSERT_TRUE(ci.has_value());
    EXPECT_DOUBLE_EQ(ci->first, 1.6613 - kZ * 0.2687);
    EXPECT_DOUBLE_EQ(ci->second, 1.6613 + kZ * 0.2687);
  }
}

TEST(EntryIntervalTest, RatioWithOnlyAStandardErrorHasNoInterval) {
  for (EffectMeasure measure :
       {EffectMeasure::kRiskRatio, EffectMeasure::kOddsRatio, EffectMeasure::kHazardRatio}) {
    SCOPED_TRACE(ToString(measure));
    EXPECT_FALSE(EntryInterval(Estimated(measure, 3.55, 0.4)).has_value());
  }
}

TEST(EntryIntervalTest, NoValueMeansNoComputedInterval) {
  EXPECT_FALSE(EntryInterval(Estimated(EffectMeasure::kHedgesG, std::nullopt, 0.2)).has_value());
  EXPECT_FALSE(EntryInterval(Estimated(EffectMeasure::kNotReported, std::nullopt, std::nullopt))
                   .has_value());
}

// ---- RunSyntheses ----

using Attributes = std::map<std::string, std::string, std::less<>>;

// A Metapsy comparison as evidence::MapMetapsy gives it: g and its SE, the raw columns as text.
evidence::EffectRecord Comparison(std::string study, double g, double se,
                                  Attributes attributes = {}) {
  evidence::EffectRecord record;
  record.label = study;
  record.study = study;
  record.yi = g;
  record.vi = se * se;
  record.attributes = std::move(attributes);
  record.attributes.emplace("study", record.study);
  return record;
}

// DerSimonian-Laird smoke test (illustrative, not a published estimate): five Metapsy TRD rows,
// one per study (Fonagy 2015, Harley 2008, Heshmati 2023, Garcia 2023, Town 2017).
std::vector<evidence::EffectRecord> SmokeTestRows() {
  return {Comparison("Fonagy, 2015", 0.2346, 0.2040), Comparison("Harley, 2008", 0.9633, 0.4877),
          Comparison("Heshmati, 2023", 1.6613, 0.2687), Comparison("Garcia, 2023", 0.3670, 0.3008),
          Comparison("Town, 2017", 1.5350, 0.5984)};
}

SynthesisSpec Spec(std::string id,
                   std::vector<std::pair<std::string, std::vector<std::string>>> select,
                   stats::Tau2Method method = stats::Tau2Method::kReml) {
  SynthesisSpec spec;
  spec.id = std::move(id);
  spec.select = std::move(select);
  spec.method = method;
  return spec;
}

// Runs one spec that must succeed.
ComputedSynthesis RunOk(const SynthesisSpec& spec,
                        const std::vector<evidence::EffectRecord>& comparisons) {
  StatusOr<std::vector<ComputedSynthesis>> result = RunSyntheses({&spec, 1}, comparisons);
  EXPECT_TRUE(result.ok()) << result.status().message();
  if (!result.ok() || result->size() != 1) return {};
  return std::move(*result).front();
}

TEST(RunSynthesesTest, ReproducesTheDerSimonianLairdSmokeTest) {
  SynthesisSpec spec = Spec(
      "smoke",
      {{"study", {"Fonagy, 2015", "Harley, 2008", "Heshmati, 2023", "Garcia, 2023", "Town, 2017"}}},
      stats::Tau2Method::kDl);
  spec.one_effect_per_study = false;
  const ComputedSynthesis synthesis = RunOk(spec, SmokeTestRows());
  const PooledSummary& pooled = synthesis.pooled;
  // The inputs are rounded to 4 decimals; the expected values were derived from unrounded data.
  ExpectEstimate(pooled.g, 0.8988, 0.2319, 1.5656, 5e-4);
  EXPECT_NEAR(pooled.se, 0.3402, 5e-4);
  EXPECT_NEAR(pooled.tau2, 0.4402, 5e-4);
  EXPECT_NEAR(pooled.i2, 81.3, 0.05);
  EXPECT_EQ(pooled.comparisons, 5);
  EXPECT_EQ(pooled.studies, 5);
  EXPECT_TRUE(pooled.prediction_interval.has_value());
  EXPECT_EQ(pooled.model, "random effects (DL), every comparison");
  EXPECT_THAT(synthesis.study_labels, ElementsAre("Fonagy, 2015", "Harley, 2008", "Heshmati, 2023",
                                                  "Garcia, 2023", "Town, 2017"));
  EXPECT_FALSE(synthesis.low_risk_of_bias.has_value());
}

TEST(RunSynthesesTest, OneEffectPerStudyAveragesTheOutcomesOfAStudy) {
  // Fonagy 2015 reports HDRS-17 and BDI-II; Harley 2008 one outcome. Fixed effect, so the pooled
  // value is the inverse-variance mean of the study averages.
  const std::vector<evidence::EffectRecord> rows = {Comparison("Fonagy, 2015", 0.2346, 0.2040),
                                                    Comparison("Fonagy, 2015", 0.4245, 0.2056),
                                                    Comparison("Harley, 2008", 0.9633, 0.4877)};
  SynthesisSpec spec =
      Spec("averaged", {{"study", {"Fonagy, 2015", "Harley, 2008"}}}, stats::Tau2Method::kFe);
  const ComputedSynthesis synthesis = RunOk(spec, rows);
  const double y_fonagy = (0.2346 + 0.4245) / 2;
  const double v_fonagy =
      (0.2040 * 0.2040 + 0.2056 * 0.2056 + 2 * 0.5 * 0.2040 * 0.2056) / 4;  // Borenstein, rho 0.5
  const double w_fonagy = 1 / v_fonagy, w_harley = 1 / (0.4877 * 0.4877);
  const double expected = (w_fonagy * y_fonagy + w_harley * 0.9633) / (w_fonagy + w_harley);
  EXPECT_NEAR(synthesis.pooled.g.value, expected, 1e-9);
  EXPECT_NEAR(synthesis.pooled.se, std::sqrt(1 / (w_fonagy + w_harley)), 1e-9);
  EXPECT_EQ(synthesis.pooled.comparisons, 3);
  EXPECT_EQ(synthesis.pooled.studies, 2);
  EXPECT_FALSE(synthesis.pooled.prediction_interval.has_value());  // k = 2
  EXPECT_EQ(synthesis.pooled.model, "FE, one effect per study (rho 0.5)");
  EXPECT_THAT(synthesis.study_labels, ElementsAre("Fonagy, 2015", "Harley, 2008"));
}

TEST(RunSynthesesTest, SelectsRowsMatchingEveryColumn) {
  const std::vector<evidence::EffectRecord> rows = {
      Comparison("A", 0.5, 0.2, {{"condition_arm1", "cbt"}, {"condition_arm2", "cau"}}),
      Comparison("B", 0.7, 0.3, {{"condition_arm1", "cbt"}, {"condition_arm2", "wl"}}),
      Comparison("C", 0.1, 0.2, {{"condition_arm1", "bat"}, {"condition_arm2", "cau"}}),
      Comparison("D", 0.3, 0.25, {{"condition_arm1", "cbt"}}),  // no condition_arm2
      Comparison("E", 0.4, 0.3, {{"condition_arm1", "cbt"}, {"condition_arm2", "cau"}})};
  const ComputedSynthesis synthesis =
      RunOk(Spec("cbt_vs_cau", {{"condition_arm1", {"cbt"}}, {"condition_arm2", {"cau", "other"}}}),
            rows);
  EXPECT_THAT(synthesis.study_labels, ElementsAre("A", "E"));
  EXPECT_EQ(synthesis.pooled.comparisons, 2);
}

TEST(RunSynthesesTest, ParticipantsSumBothArmsReadWithADecimalComma) {
  const std::vector<evidence::EffectRecord> rows = {
      Comparison("A", 0.5, 0.2, {{"n_arm1", "40"}, {"n_arm2", "38,0"}}),
      Comparison("B", 0.7, 0.3, {{"n_arm1", "51"}, {"n_arm2", "46"}}),
      Comparison("C", 0.2, 0.3, {{"n_arm1", "NA"}, {"n_arm2", "NA"}}),  // skipped
      Comparison("D", 0.3, 0.25, {{"n_arm1", "20"}})};                  // skipped
  const ComputedSynthesis synthesis = RunOk(Spec("all", {{"study", {"A", "B", "C", "D"}}}), rows);
  EXPECT_EQ(synthesis.pooled.participants, 40 + 38 + 51 + 46);
}

TEST(RunSynthesesTest, ParticipantsCountEachStudyOnceAtItsLargestComparison) {
  // Metapsy Fonagy 2015 reports HDRS-17 and BDI-II on (nearly) the same participants.
  const std::vector<evidence::EffectRecord> rows = {
      Comparison("Fonagy, 2015", 0.2346, 0.2040, {{"n_arm1", "49"}, {"n_arm2", "44"}}),
      Comparison("Fonagy, 2015", 0.4245, 0.2056, {{"n_arm1", "51"}, {"n_arm2", "46"}}),
      Comparison("Harley, 2008", 0.9633, 0.4877, {{"n_arm1", "10"}, {"n_arm2", "9"}})};
  const ComputedSynthesis synthesis =
      RunOk(Spec("tads", {{"study", {"Fonagy, 2015", "Harley, 2008"}}}), rows);
  EXPECT_EQ(synthesis.pooled.studies, 2);
  EXPECT_EQ(synthesis.pooled.participants, 51 + 46 + 10 + 9);
}

TEST(RunSynthesesTest, ParticipantsOfEventOutcomesComeFromTheTotalColumns) {
  const std::vector<evidence::EffectRecord> rows = {
      Comparison(
          "A", 0.5, 0.2,
          {{"n_arm1", "NA"}, {"n_arm2", "NA"}, {"totaln_arm1", "30"}, {"totaln_arm2", "30"}}),
      Comparison(
          "B", 0.7, 0.3,
          {{"n_arm1", "12,0"}, {"n_arm2", "11"}, {"totaln_arm1", "99"}, {"totaln_arm2", "99"}})};
  const ComputedSynthesis synthesis = RunOk(Spec("events", {{"study", {"A", "B"}}}), rows);
  EXPECT_EQ(synthesis.pooled.participants, 30 + 30 + 12 + 11);
}

TEST(RunSynthesesTest, LowRiskOfBiasSensitivityKeepsRobOfThreeOrMore) {
  const std::vector<evidence::EffectRecord> rows = {
      Comparison("A", 0.2346, 0.2040, {{"rob", "4"}}),
      Comparison("B", 0.9633, 0.4877, {{"rob", "2"}}),
      Comparison("C", 1.6613, 0.2687, {{"rob", "3"}}),
      Comparison("D", 0.3670, 0.3008, {{"rob", "1"}})};
  SynthesisSpec spec = Spec("rob", {{"study", {"A", "B", "C", "D"}}}, stats::Tau2Method::kFe);
  spec.low_risk_of_bias_sensitivity = true;
  spec.low_risk_min_rob = 3;
  const ComputedSynthesis synthesis = RunOk(spec, rows);
  ASSERT_TRUE(synthesis.low_risk_of_bias.has_value());
  EXPECT_EQ(synthesis.pooled.comparisons, 4);
  EXPECT_EQ(synthesis.low_risk_of_bias->comparisons, 2);
  EXPECT_EQ(synthesis.low_risk_of_bias->studies, 2);
  const double w_a = 1 / (0.2040 * 0.2040), w_c = 1 / (0.2687 * 0.2687);
  EXPECT_NEAR(synthesis.low_risk_of_bias->g.value, (w_a * 0.2346 + w_c * 1.6613) / (w_a + w_c),
              1e-9);
}

TEST(RunSynthesesTest, LowRiskOfBiasSensitivityIsAbsentWhenNoRowHasLowRisk) {
  const std::vector<evidence::EffectRecord> rows = {Comparison("A", 0.2, 0.2, {{"rob", "2"}}),
                                                    Comparison("B", 0.9, 0.4, {{"rob", "0"}})};
  SynthesisSpec spec = Spec("rob", {{"study", {"A", "B"}}});
  spec.low_risk_of_bias_sensitivity = true;
  spec.low_risk_min_rob = 3;
  EXPECT_FALSE(RunOk(spec, rows).low_risk_of_bias.has_value());
}

TEST(RunSynthesesTest, LowRiskOfBiasThresholdIsTheSpecs) {
  const std::vector<evidence::EffectRecord> rows = {Comparison("A", 0.2, 0.2, {{"rob", "2"}}),
                                                    Comparison("B", 0.9, 0.4, {{"rob", "4"}})};
  SynthesisSpec spec = Spec("rob", {{"study", {"A", "B"}}}, stats::Tau2Method::kFe);
  spec.low_risk_of_bias_sensitivity = true;
  spec.low_risk_min_rob = 2;
  EXPECT_EQ(RunOk(spec, rows).low_risk_of_bias->comparisons, 2);
  spec.low_risk_min_rob = 4;
  EXPECT_EQ(RunOk(spec, rows).low_risk_of_bias->comparisons, 1);
}

TEST(RunSynthesesTest, ErrorsNameEverySynthesisThatFailed) {
  const std::vector<SynthesisSpec> specs = {
      Spec("fine", {{"study", {"Town, 2017"}}}),
      Spec("selects_nothing", {{"study", {"Nobody, 1999"}}}),
      Spec("unknown_column", {{"no_such_column", {"x"}}}),
  };
  StatusOr<std::vector<ComputedSynthesis>> result = RunSyntheses(specs, SmokeTestRows());
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
  const std::string& message = result.status().message();
  EXPECT_THAT(message, HasSubstr("synthesis 'selects_nothing': selects no comparison"));
  EXPECT_THAT(
      message,
      HasSubstr("synthesis 'unknown_column': no comparison has the column 'no_such_column'"));
  EXPECT_THAT(message, Not(HasSubstr("'fine'")));
}

TEST(RunSynthesesTest, NoSpecsGiveNoSyntheses) {
  StatusOr<std::vector<ComputedSynthesis>> result = RunSyntheses({}, SmokeTestRows());
  ASSERT_TRUE(result.ok());
  EXPECT_TRUE(result->empty());
}

TEST(SynthesesForTest, ReturnsTheSynthesesNamingAnOptionInSpecOrder) {
  std::vector<SynthesisSpec> specs = {
      Spec("class_wide", {{"study", {"Town, 2017", "Fonagy, 2015"}}}),
      Spec("tads", {{"study", {"Fonagy, 2015"}}}),
      Spec("istdp", {{"study", {"Town, 2017", "Heshmati, 2023"}}})};
  specs[0].interventions = {"stpp", "long_term_psychodynamic"};
  specs[1].interventions = {"long_term_psychodynamic"};
  specs[2].interventions = {"stpp"};
  StatusOr<std::vector<ComputedSynthesis>> syntheses = RunSyntheses(specs, SmokeTestRows());
  ASSERT_TRUE(syntheses.ok()) << syntheses.status().message();
  auto ids = [&](std::string_view option) {
    std::vector<std::string> found;
    for (const ComputedSynthesis* synthesis : SynthesesFor(*syntheses, option)) {
      found.push_back(synthesis->spec.id);
    }
    return found;
  };
  EXPECT_THAT(ids("stpp"), ElementsAre("class_wide", "istdp"));
  EXPECT_THAT(ids("long_term_psychodynamic"), ElementsAre("class_wide", "tads"));
  EXPECT_TRUE(ids("cbt").empty());
}

}  // namespace
}  // namespace refract
