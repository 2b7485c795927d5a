// Inference on a fitted rma model: Q-profile confidence intervals for tau2/tau/I2/H2 (metafor's
// confint.rma.uni, type "QP") and predictions with confidence and prediction intervals (metafor's
// predict.rma). Specification: tests/data/metafor/README.md sections 7 and 8.
// References: Viechtbauer (2007, Stat Med 26:37) for the Q-profile method; Higgins, Thompson &
// Spiegelhalter (2009, JRSS A 172:137) and Riley et al. (2011, BMJ 342:d549) for the t-based PI.
//
// Pure computation, thread-safe, no exceptions.
#pragma once

#include <span>
#include <vector>

#include "refract/base/status.h"
#include "refract/stats/rma.h"

namespace refract::stats {

// metafor's lb.sign / ub.sign: whether a bound is exact or only known to lie beyond the search
// interval ("<" / ">").
enum class BoundQualifier { kExact, kBelow, kAbove };

struct Interval {
  double estimate = 0, ci_lb = 0, ci_ub = 0;
};

struct HeterogeneityConfint {
  Interval tau2, tau, i2, h2;
  BoundQualifier lb_sign = BoundQualifier::kExact;
  BoundQualifier ub_sign = BoundQualifier::kExact;
  bool ci_null = false;  // Q(0) below the lower critical value: both bounds are 0.
  // CI of the fixed effects, copied from the fit (length p).
  std::vector<double> fixed_estimate, fixed_ci_lb, fixed_ci_ub;
};

// Q-profile CI at fit.options.level, searched on [0, max(100, 10 * tau2)] with R's zeroin and
// tolerance fit.options.control.tol (so a default fit reproduces metafor's default bounds and a
// RmaControl::Tight() fit the converged ones).
// REQUIRES: `input` is the input `fit` was computed from.
// Errors: kInvalidArgument if the fit is FE-free of residual df (k <= p) or input does not match.
StatusOr<HeterogeneityConfint> ConfintQProfile(const RmaInput& input, const RmaResult& fit);

// Prediction interval type (metafor's pi.type).
enum class PiType {
  kDefault,  // z-based (t with k - p df when the fit used test = knha), metafor's default.
  kRiley,    // t with k - p - 1 df (Higgins-Thompson-Spiegelhalter / Cochrane).
};

struct Prediction {
  double pred = 0, se = 0, ci_lb = 0, ci_ub = 0, pi_lb = 0, pi_ub = 0;
};

// Predicted average effect at moderator values `x` (length fit.p - 1, without the intercept;
// empty for intercept-only models): pred = x'b, CI from Var(b), PI = pred +- crit sqrt(se^2 +
// tau2). Errors: kInvalidArgument if x has the wrong length or is not finite, or kRiley with k - p
// - 1 < 1.
StatusOr<Prediction> Predict(const RmaResult& fit, std::span<const double> x = {},
                             PiType pi_type = PiType::kDefault);

}  // namespace refract::stats
