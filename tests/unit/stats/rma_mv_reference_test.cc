// FitThreeLevel against metafor 3.8-1 rma.mv(yi, vi, random = ~ 1 | cluster/es_id, REML) on
// tests/data/metafor/ref-threelevel.json (made by tests/data/metafor/ref-threelevel.R):
// dat.konstantopoulos2011 and the Metapsy depression data, test "z" and "t".
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "metafor_reference.h"
#include "refract/stats/rma_mv.h"

namespace refract::stats::testing {
namespace {

// Both fits maximise the same REML function; metafor stops nlminb at a relative tolerance of
// 1e-10 on it, so the variance components agree to ~2e-9 (the test prints the largest
// differences). I^2 in % = 100 sigma2 / (sum sigma2 + v_typical) multiplies that by up to
// 100 / (sum sigma2 + v_typical) (~1,000 for konstantopoulos2011), hence kPercentTol.
constexpr double kTol = 1e-8;
constexpr double kPercentTol = 1e-6;

std::map<std::string, double>& MaxAbsDifferences() {
  static std::map<std::string, double> kMax;
  return kMax;
}

// Passes when the absolute or the relative difference is within kTol (large Q_E and
// log-likelihoods are compared relatively, values near 0 absolutely).
void ExpectMatch(const std::string& name, double actual, const nlohmann::json& expected,
                 double tol = kTol) {
  const double want = Num(expected);
  const double diff = std::abs(actual - want);
  double& max = MaxAbsDifferences()[name];
  max = std::max(max, diff);
  EXPECT_TRUE(diff <= tol || diff <= tol * std::abs(want))
      << name << ": " << actual << " vs metafor " << want;
}

ThreeLevelInput InputOf(const nlohmann::json& dataset) {
  ThreeLevelInput input;
  input.yi = Vec(dataset["inputs"]["yi"]);
  input.vi = Vec(dataset["inputs"]["vi"]);
  for (const auto& c : dataset["inputs"]["cluster"]) input.cluster.push_back(c.get<std::string>());
  return input;
}

void CompareFit(const ThreeLevelResult& r, const nlohmann::json& f) {
  ExpectMatch("estimate", r.estimate, f["estimate"]);
  ExpectMatch("se", r.se, f["se"]);
  ExpectMatch("zval", r.zval, f["zval"]);
  ExpectMatch("pval", r.pval, f["pval"]);
  ExpectMatch("ci_lb", r.ci_lb, f["ci_lb"]);
  ExpectMatch("ci_ub", r.ci_ub, f["ci_ub"]);
  ExpectMatch("pi_lb", r.pi_lb, f["pi_lb"]);
  ExpectMatch("pi_ub", r.pi_ub, f["pi_ub"]);
  ExpectMatch("sigma2_between", r.sigma2_between, f["sigma2"][0]);
  ExpectMatch("sigma2_within", r.sigma2_within, f["sigma2"][1]);
  ExpectMatch("qe", r.qe, f["qe"]);
  ExpectMatch("qe_p", r.qe_p, f["qe_p"]);
  ExpectMatch("ll", r.reml.ll, f["ll"]);
  ExpectMatch("deviance", r.reml.deviance, f["deviance"]);
  ExpectMatch("aic", r.reml.aic, f["aic"]);
  ExpectMatch("bic", r.reml.bic, f["bic"]);
  ExpectMatch("aicc", r.reml.aicc, f["aicc"]);
  ExpectMatch("v_typical", r.v_typical, f["v_typical"]);
  ExpectMatch("i2_total", r.i2_total, f["i2_total"], kPercentTol);
  ExpectMatch("i2_between", r.i2_between, f["i2_levels"][0], kPercentTol);
  ExpectMatch("i2_within", r.i2_within, f["i2_levels"][1], kPercentTol);
  EXPECT_EQ(static_cast<double>(r.clusters), Num(f["n_levels"][0]));
  EXPECT_EQ(r.qe_df, Num(f["qe_df"]));
}

TEST(ThreeLevelReferenceTest, MatchesRmaMvOnEveryDatasetAndTest) {
  for (const auto& dataset : LoadReference("threelevel")["datasets"]) {
    const ThreeLevelInput input = InputOf(dataset);
    for (const auto& f : dataset["fits"]) {
      SCOPED_TRACE(dataset["dataset"].get<std::string>() + " test " + f["test"].get<std::string>());
      ThreeLevelOptions options;
      options.test = f["test"] == "t" ? MvTest::kT : MvTest::kZ;
      StatusOr<ThreeLevelResult> r = FitThreeLevel(input, options);
      ASSERT_TRUE(r.ok()) << r.status().message();
      EXPECT_TRUE(r->converged);
      EXPECT_FALSE(r->boundary);
      EXPECT_EQ(r->k, input.yi.size());
      if (options.test == MvTest::kT) {
        ExpectMatch("ddf", r->ddf, f["ddf"]);
      } else {
        EXPECT_TRUE(std::isnan(r->ddf));
      }
      CompareFit(*r, f);
    }
  }
  for (const auto& [name, diff] : MaxAbsDifferences()) {
    std::printf("max |refract - rma.mv| %-15s %.3g\n", name.c_str(), diff);
  }
}

TEST(ThreeLevelReferenceTest, RowOrderDoesNotMatter) {
  const auto& dataset = LoadReference("threelevel")["datasets"][0];
  const ThreeLevelInput input = InputOf(dataset);
  ThreeLevelInput reversed = input;
  std::reverse(reversed.yi.begin(), reversed.yi.end());
  std::reverse(reversed.vi.begin(), reversed.vi.end());
  std::reverse(reversed.cluster.begin(), reversed.cluster.end());
  StatusOr<ThreeLevelResult> a = FitThreeLevel(input);
  StatusOr<ThreeLevelResult> b = FitThreeLevel(reversed);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NEAR(a->estimate, b->estimate, 1e-12);
  EXPECT_NEAR(a->sigma2_between, b->sigma2_between, 1e-10);
  EXPECT_NEAR(a->sigma2_within, b->sigma2_within, 1e-10);
}

}  // namespace
}  // namespace refract::stats::testing
