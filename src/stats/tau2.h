// Estimation of tau2 for the rma model (tests/data/metafor/README.md sections 1-2), on the
// mean-centred outcomes as metafor does. Internal to refract::stats.
#pragma once

#include "design.h"
#include "refract/base/status.h"
#include "refract/stats/rma.h"

namespace refract::stats::internal {

struct Tau2Estimate {
  double tau2 = 0;
  double se_tau2 = 0;  // NaN for FE and k = 1.
  int iterations = 0;
  Tau2Solver solver = Tau2Solver::kClosedForm;
  bool metafor_would_error = false;
  bool ll0check_applied = false;
};

// Dispatches on options.method. k = 1 gives tau2 = 0 (metafor's "k1" path).
// Errors: kFailedPrecondition when an iterative method fails and the policy is kError.
StatusOr<Tau2Estimate> EstimateTau2(const Design& d, const RmaOptions& options);

// Fisher scoring for ML/REML/EB, with ll0check and the safeguarded fallback (fisher_scoring.cc).
StatusOr<Tau2Estimate> EstimateByFisherScoring(const Design& d, const RmaOptions& options,
                                               double start);

// Safeguarded global solver for ML/REML/EB on [0, inf) (safeguarded.cc): a grid search of the
// (restricted) log-likelihood followed by zeroin on the score (Brent root for EB's estimating
// equation). Returns tau2 and the number of function evaluations.
struct SafeguardedResult {
  double tau2 = 0;
  int evaluations = 0;
};
SafeguardedResult SolveSafeguarded(const Design& d, Tau2Method method);

// Log-likelihood on the centred outcomes without the REMLf constant (metafor's ll0check form);
// method is kMl or kReml.
double CentredLogLik(const Design& d, Tau2Method method, double tau2);

// Generalised Q statistic Q(1 / (v + tau2)) = y'P y on the centred outcomes (decreasing in tau2).
double GeneralisedQ(const Design& d, double tau2);

// Raw (untruncated) Hedges estimate (RSS_OLS - tr(P_o V)) / (k - p).
double HedgesRaw(const Design& d);

}  // namespace refract::stats::internal
