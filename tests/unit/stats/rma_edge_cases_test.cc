// Edge cases of the rma engine: k = 1 and k = 2, homogeneous data, Fisher-scoring failure with
// the safeguarded fallback, invalid input, and a k = 1,000,000 smoke test against a closed form.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "refract/stats/rma.h"
#include "refract/stats/rma_inference.h"
#include "refract/stats/rma_sensitivity.h"

namespace refract::stats {
namespace {

constexpr Tau2Method kAllMethods[] = {Tau2Method::kFe, Tau2Method::kDl, Tau2Method::kHe,
                                      Tau2Method::kSj, Tau2Method::kMl, Tau2Method::kReml,
                                      Tau2Method::kEb, Tau2Method::kPm};

RmaInput Data(std::vector<double> y, std::vector<double> v) {
  RmaInput in;
  in.yi = std::move(y);
  in.vi = std::move(v);
  return in;
}

RmaOptions Options(Tau2Method method, TestType test = TestType::kZ) {
  RmaOptions o;
  o.method = method;
  o.test = test;
  return o;
}

// Found by scanning seeds of k = 6 studies (y ~ N(0, v + 0.1), v ~ U(0.01, 1)): metafor's REML
// Fisher scoring oscillates here and stops with "did not converge".
RmaInput OscillatingReml() {
  return Data({-0.056857827864711954, 0.67405477615083331, 0.60067496331257153, 0.344603835209422,
               0.26663818788190363, 0.016930500293685237},
              {0.58152852679571776, 0.075424716068161285, 0.62520139152828114, 0.3590913267230183,
               0.61743375773832665, 0.093651992961285957});
}

TEST(RmaEdgeCases, SingleStudyTakesTheK1Path) {
  for (Tau2Method m : kAllMethods) {
    SCOPED_TRACE(Tau2MethodName(m));
    const StatusOr<RmaResult> r = FitRma(Data({0.4}, {0.09}), Options(m, TestType::kKnha));
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_EQ(r->tau2, 0.0);
    EXPECT_EQ(r->qe, 0.0);
    EXPECT_EQ(r->qe_p, 1.0);
    EXPECT_EQ(r->i2, 0.0);
    EXPECT_EQ(r->h2, 1.0);
    EXPECT_EQ(r->options.test, TestType::kZ);  // metafor switches knha to z for k = 1.
    EXPECT_DOUBLE_EQ(r->estimate[0], 0.4);
    EXPECT_DOUBLE_EQ(r->se[0], 0.3);
    EXPECT_TRUE(std::isnan(r->se_tau2));
  }
}

TEST(RmaEdgeCases, TwoStudiesFitAndQProfileUpperBoundIsOpen) {
  const RmaInput in = Data({0.0, 1.0}, {0.1, 0.2});
  for (Tau2Method m : kAllMethods) {
    SCOPED_TRACE(Tau2MethodName(m));
    ASSERT_TRUE(FitRma(in, Options(m)).ok());
  }
  const StatusOr<RmaResult> fit = FitRma(in, Options(Tau2Method::kReml));
  const StatusOr<HeterogeneityConfint> ci = ConfintQProfile(in, *fit);
  ASSERT_TRUE(ci.ok()) << ci.status().message();
  EXPECT_EQ(ci->tau2.ci_ub, 100.0);
  EXPECT_EQ(ci->ub_sign, BoundQualifier::kAbove);
}

TEST(RmaEdgeCases, HomogeneousDataGiveZeroTau2ExceptSj) {
  const RmaInput in = Data({0.10, 0.12, 0.09, 0.11, 0.10}, {0.05, 0.04, 0.06, 0.05, 0.05});
  for (Tau2Method m : kAllMethods) {
    SCOPED_TRACE(Tau2MethodName(m));
    const StatusOr<RmaResult> r = FitRma(in, Options(m));
    ASSERT_TRUE(r.ok());
    if (m == Tau2Method::kSj) {
      EXPECT_GT(r->tau2, 0.0);  // SJ is positive by construction.
      continue;
    }
    EXPECT_EQ(r->tau2, 0.0);
    EXPECT_EQ(r->h2, m == Tau2Method::kFe ? r->qe / 4.0 : 1.0);
  }
  const StatusOr<RmaResult> fit = FitRma(in, Options(Tau2Method::kReml));
  const StatusOr<HeterogeneityConfint> ci = ConfintQProfile(in, *fit);
  ASSERT_TRUE(ci.ok());
  EXPECT_TRUE(ci->ci_null);
  EXPECT_EQ(ci->tau2.ci_lb, 0.0);
  EXPECT_EQ(ci->tau2.ci_ub, 0.0);
  EXPECT_EQ(ci->lb_sign, BoundQualifier::kBelow);
}

TEST(RmaEdgeCases, OscillatingFisherScoringFallsBackToSafeguardedSolver) {
  RmaOptions strict = Options(Tau2Method::kReml);
  strict.non_convergence = NonConvergencePolicy::kError;
  const StatusOr<RmaResult> error = FitRma(OscillatingReml(), strict);
  ASSERT_FALSE(error.ok());
  EXPECT_EQ(error.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(error.status().message().find("did not converge"), std::string::npos);

  const StatusOr<RmaResult> safe = FitRma(OscillatingReml(), Options(Tau2Method::kReml));
  ASSERT_TRUE(safe.ok()) << safe.status().message();
  EXPECT_EQ(safe->solver, Tau2Solver::kSafeguarded);
  EXPECT_TRUE(safe->metafor_would_error);

  // metafor's documented remedy (stepadj = 0.5), converged tightly, finds the same optimum.
  RmaOptions damped = Options(Tau2Method::kReml);
  damped.control = RmaControl::Tight();
  damped.control.step_adjustment = 0.5;
  const StatusOr<RmaResult> reference = FitRma(OscillatingReml(), damped);
  ASSERT_TRUE(reference.ok()) << reference.status().message();
  EXPECT_EQ(reference->solver, Tau2Solver::kFisherScoring);
  EXPECT_GT(safe->tau2, 0.0);
  EXPECT_NEAR(safe->tau2, reference->tau2, 1e-10 * reference->tau2);
  EXPECT_NEAR(safe->estimate[0], reference->estimate[0], 1e-10);
}

TEST(RmaEdgeCases, InvalidInputNamesFieldRowAndRule) {
  struct Case {
    RmaInput input;
    std::string message;
  };
  RmaInput bad_mods = Data({1, 2, 3}, {1, 1, 1});
  bad_mods.num_moderators = 1;
  bad_mods.moderators = {1, 2};
  RmaInput constant_mod = Data({1, 2, 3, 4}, {1, 1, 1, 1});
  constant_mod.num_moderators = 1;
  constant_mod.moderators = {5, 5, 5, 5};
  const std::vector<Case> cases = {
      {Data({1, 2, 3, 4}, {0.1, 0.2, 0.3, -0.1}),
       "vi[3]: sampling variance must be > 0 (got -0.1)"},
      {Data({1, 2, 3}, {0.1, 0.2}), "vi: length 2 does not match yi length 3"},
      {Data({1, INFINITY}, {0.1, 0.2}), "yi[1]: effect size must be finite (got inf)"},
      {Data({}, {}), "yi: no studies left (k = 0); at least one complete row needed"},
      {Data({NAN, 1}, {0.1, NAN}), "yi: no studies left (k = 0); at least one complete row needed"},
      {bad_mods, "moderators: size 2 must be k * num_moderators = 3"},
      {constant_mod,
       "moderators: model matrix (intercept + moderators) is not of full column rank"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.message);
    const StatusOr<RmaResult> r = FitRma(c.input, Options(Tau2Method::kReml));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().message(), c.message);
  }
}

TEST(RmaEdgeCases, TooFewStudiesAndBadOptionsAreRejected) {
  RmaInput two = Data({1, 2}, {0.1, 0.1});
  two.num_moderators = 1;
  two.moderators = {0, 1};
  EXPECT_EQ(FitRma(two, Options(Tau2Method::kReml)).status().message(),
            "yi: k = 2 studies cannot estimate 2 coefficient(s) and tau2 (need k >= 3)");
  EXPECT_TRUE(FitRma(two, Options(Tau2Method::kFe)).ok());
  RmaOptions bad_level = Options(Tau2Method::kReml);
  bad_level.level = 95;
  EXPECT_EQ(FitRma(Data({1, 2}, {1, 1}), bad_level).status().message(),
            "level: must lie in (0, 1) (got 95)");
}

TEST(RmaEdgeCases, MissingRowsAreOmittedOrRejected) {
  const RmaInput in = Data({0.1, NAN, 0.5, 0.3}, {0.1, 0.2, NAN, 0.1});
  const StatusOr<RmaResult> r = FitRma(in, Options(Tau2Method::kDl));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->k, 2u);
  EXPECT_EQ(r->used_rows, (std::vector<std::size_t>{0, 3}));
  RmaOptions strict = Options(Tau2Method::kDl);
  strict.missing = MissingPolicy::kError;
  EXPECT_EQ(FitRma(in, strict).status().message(),
            "row 1: missing value (NaN) in yi, vi or a moderator");
  const StatusOr<std::vector<SubsetFit>> cumul = Cumulative(in, Options(Tau2Method::kDl));
  ASSERT_TRUE(cumul.ok());
  EXPECT_EQ(cumul->size(), 2u);
}

// With equal sampling variances v, REML has the closed form tau2 = max(0, s^2 - v) and the
// estimate is the mean with Var = (v + tau2) / k.
TEST(RmaEdgeCases, MillionStudiesMatchEqualVarianceClosedForm) {
  constexpr std::size_t kK = 1'000'000;
  constexpr double kV = 0.04;
  std::mt19937_64 rng(20240601);
  std::normal_distribution<double> normal(0.3, std::sqrt(kV + 0.09));
  RmaInput in;
  in.yi.resize(kK);
  in.vi.assign(kK, kV);
  long double sum = 0;
  for (double& y : in.yi) sum += (y = normal(rng));
  const double mean = static_cast<double>(sum / kK);
  long double ss = 0;
  for (double y : in.yi) ss += (y - mean) * (y - mean);
  const double tau2 = std::max(0.0, static_cast<double>(ss / (kK - 1)) - kV);
  const StatusOr<RmaResult> r = FitRma(in, Options(Tau2Method::kReml));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->solver, Tau2Solver::kFisherScoring);
  EXPECT_NEAR(r->tau2, tau2, 1e-10);
  EXPECT_NEAR(r->estimate[0], mean, 1e-10);  // Plain double sums over 1e6 terms: ~1e-11.

  EXPECT_NEAR(r->se[0], std::sqrt((kV + tau2) / kK), 1e-14);
  EXPECT_NEAR(r->i2, 100.0 * tau2 / (kV + tau2), 1e-8);
}

}  // namespace
}  // namespace refract::stats
