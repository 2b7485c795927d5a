// Reproduces every escalc block of the metafor 3.8-1 reference files
// (tests/data/metafor/ref-*.json) and checks metafor's zero-cell rules and the error messages.
#include "refract/stats/effect_size.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "metafor_reference.h"

namespace refract::stats {
namespace {

using nlohmann::json;
using testing::ExpectClose;
using testing::LoadReference;
using testing::Num;
using testing::Vec;

constexpr double kRelTol = 1e-12;  // README "Checks and suggested tolerances": escalc yi/vi

std::vector<ContinuousRow> NormandRows(const json& inputs) {
  std::vector<ContinuousRow> rows;
  for (size_t i = 0; i < inputs["n1i"].size(); ++i) {
    rows.push_back({Num(inputs["n1i"][i]), Num(inputs["m1i"][i]), Num(inputs["sd1i"][i]),
                    Num(inputs["n2i"][i]), Num(inputs["m2i"][i]), Num(inputs["sd2i"][i])});
  }
  return rows;
}

// The two 2x2 data sets: bcg (counts given as four cells) and collins1985b (events and arm sizes).
std::vector<BinaryRow> TablesOf(const std::string& dataset, const json& inputs) {
  std::vector<BinaryRow> rows;
  if (dataset == "bcg") {
    for (size_t i = 0; i < inputs["tpos"].size(); ++i) {
      rows.push_back({Num(inputs["tpos"][i]), Num(inputs["tneg"][i]), Num(inputs["cpos"][i]),
                      Num(inputs["cneg"][i])});
    }
    return rows;
  }
  for (size_t i = 0; i < inputs["pre.xti"].size(); ++i) {
    double a = Num(inputs["pre.xti"][i]), c = Num(inputs["pre.xci"][i]);
    rows.push_back({a, Num(inputs["pre.nti"][i]) - a, c, Num(inputs["pre.nci"][i]) - c});
  }
  return rows;
}

struct BinaryCase {
  std::string dataset;
  std::string block;
  EffectMeasure measure;
};

class BinaryEscalcTest : public ::testing::TestWithParam<BinaryCase> {};

TEST_P(BinaryEscalcTest, ReproducesMetaforYiVi) {
  const BinaryCase& param = GetParam();
  SCOPED_TRACE(param.dataset + "." + param.block);
  const json& ref = LoadReference(param.dataset);
  std::vector<BinaryRow> tables = TablesOf(param.dataset, ref["inputs"]);
  StatusOr<EffectSizes> es = ComputeBinary(tables, param.measure);
  ASSERT_TRUE(es.ok()) << es.status().message();
  std::string family = param.dataset + "." + param.block;
  ExpectClose(family, es->yi, Vec(ref[param.block]["yi"]), kRelTol);
  ExpectClose(family, es->vi, Vec(ref[param.block]["vi"]), kRelTol);
}

INSTANTIATE_TEST_SUITE_P(Metafor, BinaryEscalcTest,
                         ::testing::Values(BinaryCase{"bcg", "escalc", EffectMeasure::kLogRr},
                                           BinaryCase{"bcg", "escalc_OR", EffectMeasure::kLogOr},
                                           BinaryCase{"collins1985b", "escalc",
                                                      EffectMeasure::kLogOr}));

TEST(SmdTest, Normand1999LargeSampleVarianceAndIntermediates) {
  const json& ref = LoadReference("normand1999");
  std::vector<ContinuousRow> rows = NormandRows(ref["inputs"]);
  StatusOr<EffectSizes> es = ComputeSmd(rows, SmdVariance::kLargeSample);
  ASSERT_TRUE(es.ok()) << es.status().message();
  ExpectClose("escalc.SMD", es->yi, Vec(ref["escalc"]["yi"]), kRelTol);
  ExpectClose("escalc.SMD", es->vi, Vec(ref["escalc"]["vi"]), kRelTol);

  const json& inter = ref["escalc"]["intermediate"];
  for (size_t i = 0; i < rows.size(); ++i) {
    SCOPED_TRACE("normand1999 intermediate row " + std::to_string(i + 1));
    StatusOr<SmdDetail> detail = SmdWithDetail(rows[i], SmdVariance::kLargeSample, 1);
    ASSERT_TRUE(detail.ok());
    EXPECT_EQ(detail->m, Num(inter["m"][i]));
    ExpectClose("escalc.SMD.intermediate", detail->sd_pooled, Num(inter["sd_pooled"][i]), kRelTol);
    ExpectClose("escalc.SMD.intermediate", detail->d, Num(inter["d_uncorrected"][i]), kRelTol);
    ExpectClose("escalc.SMD.intermediate", detail->c, Num(inter["cmi_exact"][i]), kRelTol);
    // The exact correction is not the 1 - 3/(4m - 1) approximation (they differ by >= 3e-7 here).
    EXPECT_GT(std::abs(detail->c - Num(inter["cmi_approx_1_minus_3_over_4m_minus_1"][i])), 3e-7);
  }
}

// The UB variance uses 1 - (m-2)/(m c(m)^2), which cancels about two digits; c(m) itself carries
// ~1e-13 of lgamma rounding in R and in glibc (different implementations, both ~1e-13 from the
// 50-digit value at m = 291 and m = 309), so this block is checked at rel 1e-10 (observed 6.6e-12).
constexpr double kUbRelTol = 1e-10;

TEST(SmdTest, Normand1999UnbiasedVariance) {
  const json& ref = LoadReference("normand1999");
  StatusOr<EffectSizes> es = ComputeSmd(NormandRows(ref["inputs"]), SmdVariance::kUnbiased);
  ASSERT_TRUE(es.ok());
  ExpectClose("escalc_SMD_vtype_UB", es->yi, Vec(ref["escalc_SMD_vtype_UB"]["yi"]), kRelTol);
  ExpectClose("escalc_SMD_vtype_UB", es->vi, Vec(ref["escalc_SMD_vtype_UB"]["vi"]), kUbRelTol);
}

TEST(MdTest, Normand1999) {
  const json& ref = LoadReference("normand1999");
  StatusOr<EffectSizes> es = ComputeMd(NormandRows(ref["inputs"]));
  ASSERT_TRUE(es.ok());
  ExpectClose("escalc_MD", es->yi, Vec(ref["escalc_MD"]["yi"]), kRelTol);
  ExpectClose("escalc_MD", es->vi, Vec(ref["escalc_MD"]["vi"]), kRelTol);
}

TEST(LogRatioFromCiTest, Hackshaw1998GivenYiViAreLogOrAndCiWidth) {
  const json& ref = LoadReference("hackshaw1998");
  const json& inputs = ref["inputs"];
  std::vector<RatioWithCi> rows;
  for (size_t i = 0; i < inputs["or"].size(); ++i) {
    rows.push_back({Num(inputs["or"][i]), Num(inputs["or.lb"][i]), Num(inputs["or.ub"][i])});
  }
  StatusOr<EffectSizes> es = ComputeLogRatioFromCi(rows);
  ASSERT_TRUE(es.ok());
  ExpectClose("escalc.hackshaw_from_ci", es->yi, Vec(ref["escalc"]["yi"]), kRelTol);
  ExpectClose("escalc.hackshaw_from_ci", es->vi, Vec(ref["escalc"]["vi"]), kRelTol);
}

TEST(HedgesCorrectionTest, MatchesKnownValuesAndApproachesOne) {
  EXPECT_NEAR(HedgesCorrection(19), 0.959910352924253, 1e-15);
  EXPECT_NEAR(HedgesCorrection(1e6), 1.0, 1e-6);
}

TEST(ZeroCellTest, AddsHalfToAllFourCellsOfOnlyTheTablesWithAZero) {
  std::vector<BinaryRow> rows = {{0, 10, 3, 7}, {2, 8, 3, 7}};
  StatusOr<EffectSizes> es = ComputeBinary(rows, EffectMeasure::kLogOr);
  ASSERT_TRUE(es.ok());
  EXPECT_DOUBLE_EQ(es->yi[0], std::log((0.5 * 7.5) / (10.5 * 3.5)));
  EXPECT_DOUBLE_EQ(es->vi[0], 1 / 0.5 + 1 / 10.5 + 1 / 3.5 + 1 / 7.5);
  EXPECT_DOUBLE_EQ(es->yi[1], std::log((2.0 * 7) / (8.0 * 3)));
}

TEST(ZeroCellTest, DoubleZeroTableIsKeptByDefaultAndDroppedWithDrop00) {
  std::vector<BinaryRow> rows = {{0, 10, 0, 12}};
  StatusOr<EffectSizes> kept = ComputeBinary(rows, EffectMeasure::kLogRr);
  ASSERT_TRUE(kept.ok());
  EXPECT_DOUBLE_EQ(kept->yi[0], std::log(0.5 / 11) - std::log(0.5 / 13));
  EXPECT_DOUBLE_EQ(kept->vi[0], 1 / 0.5 - 1 / 11.0 + 1 / 0.5 - 1 / 13.0);
  StatusOr<EffectSizes> dropped = ComputeBinary(rows, EffectMeasure::kLogRr, {.drop00 = true});
  ASSERT_TRUE(dropped.ok());
  EXPECT_TRUE(std::isnan(dropped->yi[0]));
  EXPECT_TRUE(std::isnan(dropped->vi[0]));
}

TEST(RiskDifferenceTest, LargeSampleVarianceAfterCorrection) {
  std::vector<BinaryRow> rows = {{4, 6, 2, 8}, {0, 5, 1, 4}};
  StatusOr<EffectSizes> es = ComputeBinary(rows, EffectMeasure::kRd);
  ASSERT_TRUE(es.ok());
  EXPECT_DOUBLE_EQ(es->yi[0], 0.4 - 0.2);
  EXPECT_DOUBLE_EQ(es->vi[0], 0.4 * 0.6 / 10 + 0.2 * 0.8 / 10);
  double p1 = 0.5 / 6, p2 = 1.5 / 6;
  EXPECT_DOUBLE_EQ(es->yi[1], p1 - p2);
  EXPECT_DOUBLE_EQ(es->vi[1], p1 * (1 - p1) / 6 + p2 * (1 - p2) / 6);
}

TEST(ZcorTest, FisherTransform) {
  std::vector<CorrelationRow> rows = {{0.5, 28}};
  StatusOr<EffectSizes> es = ComputeZcor(rows);
  ASSERT_TRUE(es.ok());
  EXPECT_DOUBLE_EQ(es->yi[0], 0.5 * std::log(1.5 / 0.5));
  EXPECT_DOUBLE_EQ(es->vi[0], 1.0 / 25);
}

TEST(MissingTest, NanInputGivesNanRowAndKeepsAlignment) {
  double na = std::numeric_limits<double>::quiet_NaN();
  std::vector<ContinuousRow> rows = {{10, 1, 1, 10, 0, 1}, {na, 1, 1, 10, 0, 1}};
  StatusOr<EffectSizes> es = ComputeSmd(rows);
  ASSERT_TRUE(es.ok());
  ASSERT_EQ(es->yi.size(), 2u);
  EXPECT_FALSE(std::isnan(es->yi[0]));
  EXPECT_TRUE(std::isnan(es->yi[1]));
}

struct ErrorCase {
  std::string name;
  std::vector<ContinuousRow> rows;
  std::string message;
};

TEST(ErrorTest, MessagesNameFieldAndOneBasedRow) {
  std::vector<ErrorCase> cases = {
      {"n1 zero", {{10, 1, 1, 10, 0, 1}, {0, 1, 1, 10, 0, 1}}, "n1[2]: must be > 0"},
      {"negative sd", {{10, 1, -1, 10, 0, 1}}, "sd1[1]: must be >= 0"},
      {"zero pooled sd", {{10, 1, 0, 10, 0, 0}}, "sd1,sd2[1]: pooled SD must be > 0"},
      {"too small", {{1, 1, 1, 2, 0, 1}}, "n1+n2[1]: must be > 3"},
  };
  for (const ErrorCase& c : cases) {
    SCOPED_TRACE(c.name);
    StatusOr<EffectSizes> es = ComputeSmd(c.rows);
    ASSERT_FALSE(es.ok());
    EXPECT_EQ(es.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(es.status().message(), c.message);
  }
  std::vector<BinaryRow> tables = {{1, 2, 3, 4}, {1, 2, 3, 4}, {1, 2, 3, 4}, {1, -2, 3, 4}};
  EXPECT_EQ(ComputeBinary(tables, EffectMeasure::kLogOr).status().message(), "bi[4]: must be >= 0");
  std::vector<CorrelationRow> correlations = {{1.0, 20}};
  EXPECT_EQ(ComputeZcor(correlations).status().message(), "r[1]: must be in (-1, 1)");
}

}  // namespace
}  // namespace refract::stats
