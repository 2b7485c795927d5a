// Small-study effects and publication bias: Egger-type regression tests (metafor's regtest with
// predictor "sei") and trim-and-fill with the L0 estimator (metafor's trimfill.rma.uni).
// Specification: tests/data/metafor/README.md section 10. References: Egger et al. (1997, BMJ
// 315:629); Sterne & Egger (2005); Duval & Tweedie (2000, Biometrics 56:455 and JASA 95:89).
//
// Pure computation, thread-safe, no exceptions.
#pragma once

#include <vector>

#include "refract/base/status.h"
#include "refract/stats/rma.h"

namespace refract::stats {

enum class RegTestModel {
  kRma,  // rma(yi, vi, mods = ~ sei) with the options' method and test (metafor's default).
  kLm,   // Classical Egger test: weighted lm(yi ~ sei, weights = 1/vi), t with k - 2 df.
};

struct RegTestResult {
  double zval = 0, pval = 1;  // Test of the sei slope (t statistic when ddf is finite).
  double ddf = 0;             // NaN for z tests.
  double limit_estimate = 0, limit_ci_lb = 0, limit_ci_ub = 0;  // Intercept: effect as sei -> 0.
  std::vector<double> fit_coef, fit_se;                         // (intercept, sei slope).
  double fit_tau2 = 0;                                          // NaN for kLm.
};

// REQUIRES: intercept-only input (num_moderators == 0); k >= 3.
StatusOr<RegTestResult> RegTest(const RmaInput& input, const RmaOptions& options = {},
                                RegTestModel model = RegTestModel::kRma);

enum class FunnelSide { kLeft, kRight };  // Side on which studies are imputed.

struct TrimFillResult {
  FunnelSide side = FunnelSide::kLeft;
  int k0 = 0;                                // Number of imputed studies.
  double se_k0 = 0;                          // Duval-Tweedie standard error of k0.
  RmaResult fit;                             // Refit on the k + k0 studies.
  std::vector<double> filled_yi, filled_vi;  // The imputed studies (length k0).
};

// Trim and fill with estimator L0; the side comes from the sign of the sei slope of
// rma(yi, vi, mods = ~ sei). Every fit uses the options' method, test and control.
// REQUIRES: intercept-only input; k >= 3. Errors: kFailedPrecondition if k0 does not settle
// within options.control.max_iterations.
StatusOr<TrimFillResult> TrimFill(const RmaInput& input, const RmaOptions& options = {});

}  // namespace refract::stats
