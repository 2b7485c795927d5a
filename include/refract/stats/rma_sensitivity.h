// Sensitivity analyses by refitting on subsets: leave-one-out and cumulative meta-analysis
// (metafor's leave1out.rma.uni and cumul.rma.uni; tests/data/metafor/README.md section 10).
// Each refit uses the method, test, level and control of the given options.
//
// Pure computation, thread-safe, no exceptions.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "refract/base/status.h"
#include "refract/stats/rma.h"

namespace refract::stats {

// Summary of one refit (metafor's leave1out/cumul columns).
struct SubsetFit {
  double estimate = 0, se = 0, zval = 0, pval = 0, ci_lb = 0, ci_ub = 0;
  double q = 0, q_p = 1;  // QE and its p-value.
  double tau2 = 0, i2 = 0, h2 = 1;
  Tau2Solver solver = Tau2Solver::kClosedForm;
  bool metafor_would_error = false;
};

// One entry per used study (rows with missing values are dropped first, as in FitRma): the model
// refitted without that study. REQUIRES: intercept-only input (num_moderators == 0), k >= 2.
StatusOr<std::vector<SubsetFit>> LeaveOneOut(const RmaInput& input, const RmaOptions& options = {});

// Entry j is the model fitted to the first j + 1 studies in `order` (0-based input rows; empty
// means input order). The first entry has k = 1 (tau2 = 0, I2 = 0). Rows with missing values are
// skipped. REQUIRES: intercept-only input; `order` a permutation of the input rows if given.
StatusOr<std::vector<SubsetFit>> Cumulative(const RmaInput& input, const RmaOptions& options = {},
                                            std::span<const std::size_t> order = {});

}  // namespace refract::stats
