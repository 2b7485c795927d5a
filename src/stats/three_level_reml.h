// The restricted log-likelihood of the intercept-only three-level model, its score and the
// average-information matrix (Gilmour, Thompson & Cullis 1995), in O(k) per evaluation.
//
// Each cluster block V_i = diag(v + s_w) + s_b 11' is inverted by Sherman-Morrison: with
// a = 1/(v + s_w), A = sum(a) and g = 1/(1 + s_b A), V_i^-1 = diag(a) - s_b g a a',
// 1'V_i^-1 = g a' and log|V_i| = sum log(v + s_w) + log(1 + s_b A). With P the REML projection
// and q = P y = V^-1 (y - mu 1), the score of component j is
//   -1/2 tr(P Z_j) + 1/2 q' Z_j q        (Z_between = block ones, Z_within = I),
// and the average-information matrix is 1/2 (Z_j q)' P (Z_l q).
#pragma once

#include <array>
#include <cstddef>
#include <vector>

namespace refract::stats::internal {

// Effects grouped contiguously by cluster: cluster c holds rows [start[c], start[c + 1]).
struct ClusteredData {
  std::vector<double> y, v;
  std::vector<std::size_t> start;
};

// {sigma2_between, sigma2_within}, both >= 0.
using VarianceComponents = std::array<double, 2>;

struct RemlEvaluation {
  double ll = 0;     // REML log-likelihood, metafor's constant included.
  double mu = 0;     // GLS estimate of the pooled effect.
  double sum_w = 0;  // 1'V^-1 1 = 1 / Var(mu).
  std::array<double, 2> score = {};
  std::array<double, 4> information = {};  // Row-major 2 x 2 average information.
};

RemlEvaluation EvaluateReml(const ClusteredData& d, const VarianceComponents& theta);

// The Newton direction information^-1 score over the free components (those > 0 or with a
// positive score); a component held at 0 gets 0. Falls back to the score scaled by the inverse
// diagonal when the free information block is not positive definite.
std::array<double, 2> AverageInformationDirection(const RemlEvaluation& e,
                                                  const VarianceComponents& theta);

}  // namespace refract::stats::internal
