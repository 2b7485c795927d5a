// Case-deletion influence diagnostics of a random- or fixed-effects model without moderators
// (metafor 3.8-1 influence.rma.uni), computed from the leave-one-out refits of LeaveOneOut():
//   rstudent  (y_i - b_(-i)) / sqrt(v_i + tau2_(-i) + se_(-i)^2)   externally studentised residual
//   dffits    (b - b_(-i)) / sqrt(h_i (tau2_(-i) + v_i))
//   cook_d    (b - b_(-i))^2 / se^2
//   cov_r     se_(-i)^2 / se^2
//   tau2_del, qe_del   tau2 and QE without study i
//   hat       h_i = w_i / sum w, w_i = 1 / (v_i + tau2)
//   weight    100 h_i
//   dfbetas   (b - b_(-i)) / sqrt(1 / sum_j 1 / (v_j + tau2_(-i)))
//   influential  metafor's "*": |dffits| > 3 sqrt(p / (k - p)), P(chi2_1 <= cook_d) > 0.5,
//                hat > 3 p / k or |dfbetas| > 1 (p = 1).
// References: Viechtbauer & Cheung (2010, Res Synth Methods 1:112); Belsley, Kuh & Welsch (1980).
//
// Pure computation, thread-safe, no exceptions.
#pragma once

#include <vector>

#include "refract/base/status.h"
#include "refract/stats/rma.h"

namespace refract::stats {

struct InfluenceRow {
  double rstudent = 0, dffits = 0, cook_d = 0, cov_r = 0, tau2_del = 0, qe_del = 0, hat = 0,
         weight = 0, dfbetas = 0;
  bool influential = false;
};

// One row per study used by `fit` (in input order). REQUIRES: `fit` was computed from `input`,
// intercept-only, k >= 2. Errors (kInvalidArgument): moderators; test = knha (metafor rescales
// every refit by its own s2w, which the leave-one-out summaries do not carry).
StatusOr<std::vector<InfluenceRow>> Influence(const RmaInput& input, const RmaResult& fit);

}  // namespace refract::stats
