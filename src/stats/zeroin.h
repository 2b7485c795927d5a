// Brent's root finder exactly as R's uniroot() runs it: a port of R_zeroin2() from R's
// src/library/stats/src/zeroin.c (R 4.2; Brent 1973, "Algorithms for Minimization without
// Derivatives", ch. 4). metafor uses uniroot() for the PM estimator and the Q-profile CI; porting
// it step for step reproduces metafor's tolerance-limited roots to ~1e-12 instead of ~1e-5.
#pragma once

#include <functional>

namespace refract::stats::internal {

struct ZeroinResult {
  double root = 0;
  int iterations = 0;      // Function evaluations inside the loop (R's $iter).
  bool converged = false;  // False when max_iterations were used up (R warns, keeps the root).
  double estim_prec = 0;   // R's $estim.prec.
};

// Root of f on [lower, upper] given f(lower) = f_lower and f(upper) = f_upper of opposite signs
// (or one of them zero). tol is absolute, as in R.
ZeroinResult Zeroin(const std::function<double(double)>& f, double lower, double upper,
                    double f_lower, double f_upper, double tol, int max_iterations);

}  // namespace refract::stats::internal
