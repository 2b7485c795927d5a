#include "refract/evidence/pooling.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace refract::evidence {
namespace {

EffectRecord Make(std::string study, double yi, double sei,
                  std::map<std::string, std::string, std::less<>> attributes = {}) {
  EffectRecord r;
  r.label = study;
  r.study = std::move(study);
  r.yi = yi;
  r.vi = sei * sei;
  r.attributes = std::move(attributes);
  return r;
}

stats::RmaOptions Options(stats::Tau2Method method, stats::TestType test = stats::TestType::kZ) {
  stats::RmaOptions options;
  options.method = method;
  options.test = test;
  return options;
}

// DerSimonian-Laird smoke test on five Metapsy rows (data/metapsy; illustrative, not a clinical
// estimate).
EffectRecords SmokeTestRows() {
  return {Make("Fonagy 2015", 0.2346, 0.2040), Make("Harley 2008", 0.9633, 0.4877),
          Make("Heshmati 2023", 1.6613, 0.2687), Make("Garcia 2023", 0.3670, 0.3008),
          Make("Town 2017", 1.5350, 0.5984)};
}

// The spec derived its values from unrounded g and SE; from the 4-decimal inputs they agree to
// 1e-4 (Q to 3e-3).
TEST(PoolTest, ReproducesTheDerSimonianLairdSmokeTest) {
  EffectRecords rows = SmokeTestRows();
  StatusOr<PooledEstimate> pooled = Pool(rows, Options(stats::Tau2Method::kDl));
  ASSERT_TRUE(pooled.ok()) << pooled.status().message();
  const stats::RmaResult& fit = pooled->fit;
  EXPECT_NEAR(fit.estimate[0], 0.8988, 1e-4);
  EXPECT_NEAR(fit.se[0], 0.3402, 1e-4);
  EXPECT_NEAR(fit.ci_lb[0], 0.2319, 1e-4);
  EXPECT_NEAR(fit.ci_ub[0], 1.5656, 1e-4);
  EXPECT_NEAR(fit.tau2, 0.4402, 1e-4);
  EXPECT_NEAR(fit.i2, 81.3, 0.05);
  EXPECT_NEAR(fit.qe, 21.402, 3e-3);
  EXPECT_EQ(pooled->k, 5u);
  EXPECT_EQ(pooled->studies, 5u);
  double half = 1.959963984540054 * std::sqrt(fit.se[0] * fit.se[0] + fit.tau2);
  EXPECT_NEAR(pooled->prediction.pi_lb, fit.estimate[0] - half, 1e-12);
  EXPECT_NEAR(pooled->prediction.pi_ub, fit.estimate[0] + half, 1e-12);
}

TEST(PoolTest, FitErrorsNameTheSubgroup) {
  StatusOr<PooledEstimate> pooled = Pool({}, Options(stats::Tau2Method::kReml), "dyn");
  ASSERT_FALSE(pooled.ok());
  EXPECT_EQ(pooled.status().message().rfind("subgroup 'dyn': ", 0), 0u)
      << pooled.status().message();
}

TEST(PoolBySubgroupTest, SplitsSortsAndTestsSubgroupDifferences) {
  EffectRecords rows = {
      Make("A", 0.9, 0.2, {{"arm", "cbt"}}), Make("B", 0.7, 0.25, {{"arm", "cbt"}}),
      Make("C", 0.2, 0.2, {{"arm", "ipt"}}), Make("D", 0.3, 0.3, {{"arm", "ipt"}})};
  StatusOr<SubgroupAnalysis> analysis =
      PoolBySubgroup(rows, "arm", Options(stats::Tau2Method::kFe));
  ASSERT_TRUE(analysis.ok());
  ASSERT_EQ(analysis->groups.size(), 2u);
  EXPECT_EQ(analysis->groups[0].group, "cbt");
  EXPECT_EQ(analysis->groups[1].group, "ipt");
  ASSERT_TRUE(analysis->q_between.has_value());
  double b1 = analysis->groups[0].pooled->fit.estimate[0],
         s1 = analysis->groups[0].pooled->fit.se[0];
  double b2 = analysis->groups[1].pooled->fit.estimate[0],
         s2 = analysis->groups[1].pooled->fit.se[0];
  double w1 = 1 / (s1 * s1), w2 = 1 / (s2 * s2), mean = (w1 * b1 + w2 * b2) / (w1 + w2);
  EXPECT_NEAR(*analysis->q_between, w1 * (b1 - mean) * (b1 - mean) + w2 * (b2 - mean) * (b2 - mean),
              1e-12);
  EXPECT_EQ(*analysis->q_between_df, 1.0);
}

TEST(PoolBySubgroupTest, UnknownColumnIsAnError) {
  EffectRecords rows = SmokeTestRows();
  StatusOr<SubgroupAnalysis> analysis = PoolBySubgroup(rows, "nope", {});
  ASSERT_FALSE(analysis.ok());
  EXPECT_EQ(analysis.status().message(),
            "column 'nope': no record has this column (cannot form subgroups)");
}

TEST(AverageWithinStudyTest, MeanWithCorrelatedVariance) {
  EffectRecords rows = {Make("A", 0.4, 0.3, {{"arm", "cbt"}, {"instrument", "bdi"}}),
                        Make("B", 1.0, 0.5),
                        Make("A", 0.8, 0.4, {{"arm", "cbt"}, {"instrument", "hamd"}})};
  EffectRecords averaged = AverageWithinStudy(rows, 0.5);
  ASSERT_EQ(averaged.size(), 2u);
  EXPECT_EQ(averaged[0].study, "A");
  EXPECT_DOUBLE_EQ(averaged[0].yi, 0.6);
  double expected_vi = (0.09 + 0.16 + 0.5 * 2 * 0.3 * 0.4) / 4;
  EXPECT_DOUBLE_EQ(averaged[0].vi, expected_vi);
  EXPECT_EQ(averaged[0].attributes.at("arm"), "cbt");
  EXPECT_EQ(averaged[0].attributes.at("instrument"), "mixed");
  EXPECT_DOUBLE_EQ(averaged[1].vi, 0.25);
  EXPECT_DOUBLE_EQ(AverageWithinStudy(rows, 1.0)[0].vi, 0.35 * 0.35);
}

TEST(AverageWithinStudyTest, WithinColumnKeepsOneEffectPerStudyAndSubgroup) {
  EffectRecords rows = {Make("A", 0.4, 0.3, {{"arm", "cbt"}}),
                        Make("A", 0.8, 0.4, {{"arm", "pst"}}),
                        Make("A", 0.6, 0.3, {{"arm", "cbt"}})};
  EffectRecords averaged = AverageWithinStudy(rows, 0.5, "arm");
  ASSERT_EQ(averaged.size(), 2u);
  EXPECT_EQ(averaged[0].attributes.at("arm"), "cbt");
  EXPECT_DOUBLE_EQ(averaged[0].yi, 0.5);
  EXPECT_EQ(averaged[1].attributes.at("arm"), "pst");
  EXPECT_DOUBLE_EQ(averaged[1].yi, 0.8);
}

TEST(KeepAtLeastTest, FiltersOrdinalAttributeAndDropsMissing) {
  EffectRecords rows = {Make("A", 0.4, 0.3, {{"rob", "4"}}), Make("B", 1.0, 0.5, {{"rob", "2"}}),
                        Make("C", 1.0, 0.5, {{"rob", "NA"}}), Make("D", 1.0, 0.5, {{"rob", "3"}})};
  StatusOr<EffectRecords> kept = KeepAtLeast(rows, "rob", 3);
  ASSERT_TRUE(kept.ok());
  ASSERT_EQ(kept->size(), 2u);
  EXPECT_EQ((*kept)[0].study, "A");
  EXPECT_EQ((*kept)[1].study, "D");
  rows[1].attributes["rob"] = "high";
  rows[1].line = 7;
  EXPECT_EQ(KeepAtLeast(rows, "rob", 3).status().message(),
            "line 7, column 'rob': not a number 'high'");
}

TEST(ForestDataTest, RowsCarryCiAndWeights) {
  EffectRecords rows = SmokeTestRows();
  StatusOr<PooledEstimate> pooled = Pool(rows, Options(stats::Tau2Method::kDl));
  ASSERT_TRUE(pooled.ok());
  ForestData forest = MakeForestData(*pooled, rows, "Hedges' g", "smoke test");
  ASSERT_EQ(forest.panels.size(), 1u);
  const ForestPanel& panel = forest.panels[0];
  ASSERT_EQ(panel.rows.size(), 5u);
  double total = 0;
  for (const ForestRow& row : panel.rows) total += row.weight_pct;
  EXPECT_NEAR(total, 100, 1e-10);
  EXPECT_NEAR(panel.rows[0].ci_lb, 0.2346 - 1.959963984540054 * 0.2040, 1e-12);
  EXPECT_TRUE(panel.summary.has_pi);
  EXPECT_DOUBLE_EQ(panel.summary.estimate, pooled->fit.estimate[0]);
  EXPECT_EQ(panel.summary.label, "RE (DL), k = 5");
  EXPECT_NE(panel.summary.heterogeneity.find("I² = "), std::string::npos);
  EXPECT_FALSE(forest.overall);
}

TEST(ForestDataTest, SubgroupPanelsWithOverallAndTestOfDifferences) {
  EffectRecords rows = SmokeTestRows();
  for (size_t i = 0; i < rows.size(); ++i) rows[i].attributes["arm"] = i < 3 ? "a" : "b";
  StatusOr<PooledEstimate> overall = Pool(rows, Options(stats::Tau2Method::kDl));
  StatusOr<SubgroupAnalysis> groups = PoolBySubgroup(rows, "arm", Options(stats::Tau2Method::kDl));
  ASSERT_TRUE(overall.ok() && groups.ok());
  ForestData forest = MakeSubgroupForestData(*groups, *overall, rows, "Hedges' g", "by arm");
  ASSERT_EQ(forest.panels.size(), 2u);
  EXPECT_EQ(forest.panels[0].heading, "arm = a");
  EXPECT_EQ(forest.panels[0].rows.size(), 3u);
  EXPECT_EQ(forest.panels[1].rows.size(), 2u);
  EXPECT_EQ(forest.panels[1].rows[0].label, rows[3].label);
  EXPECT_DOUBLE_EQ(forest.panels[1].summary.estimate, groups->groups[1].pooled->fit.estimate[0]);
  ASSERT_TRUE(forest.overall);
  EXPECT_DOUBLE_EQ(forest.overall->estimate, overall->fit.estimate[0]);
  EXPECT_EQ(forest.subgroup_test.rfind("Test for subgroup differences: Q(1) = ", 0), 0u);
}

}  // namespace
}  // namespace refract::evidence
