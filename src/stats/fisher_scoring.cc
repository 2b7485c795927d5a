// metafor's Fisher-scoring loop for ML, REML and EB (tests/data/metafor/README.md section 1, steps
// 1-4; Viechtbauer 2005), copied step for step (start value, update, step halving, stop rule,
// ll0check) so that default-control results agree with rma() to ~1e-12. When the loop fails to
// converge, either report metafor's error or fall back to the safeguarded solver.
#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>
#include <vector>

#include "tau2.h"
#include "wls.h"

namespace refract::stats::internal {
namespace {

struct LoopOutcome {
  double tau2 = 0;
  int iterations = 0;
  bool converged = true;
};

// The scoring update Delta for the current tau2 (before stepadj and halving).
double ScoringStep(const Design& d, Tau2Method method, double tau2, std::vector<double>* w) {
  InverseVarianceWeights(d, tau2, w);
  WlsResult wls;
  const bool traces = method == Tau2Method::kReml;
  ComputeWls(d, d.ymc, *w, traces, &wls);
  switch (method) {
    case Tau2Method::kMl:
      return (wls.rss_w2 - wls.sum_w) / wls.sum_w2;
    case Tau2Method::kReml:
      return (wls.rss_w2 - wls.tr_p) / wls.tr_pp;
    default: {
      const double k = static_cast<double>(d.k);
      return (wls.rss * k / (k - static_cast<double>(d.p)) - k) / wls.sum_w;
    }
  }
}

LoopOutcome RunLoop(const Design& d, Tau2Method method, const RmaControl& control, double start) {
  constexpr double kTau2Min = 0.0;
  LoopOutcome out;
  std::vector<double> w;
  double tau2 = start;
  double change = control.threshold + 1.0;
  int iter = 0;
  while (change > control.threshold) {
    ++iter;
    const double old = tau2;
    double adj = ScoringStep(d, method, tau2, &w) * control.step_adjustment;
    if (std::isnan(adj)) adj = 0.0;
    while (tau2 + adj < kTau2Min) adj /= 2.0;  // Step halving to stay >= tau2.min only.
    tau2 += adj;
    change = std::fabs(old - tau2);
    if (iter > control.max_iterations) {
      out.converged = false;
      break;
    }
  }
  out.tau2 = tau2;
  out.iterations = iter;
  return out;
}

double SeTau2(const Design& d, Tau2Method method, double tau2) {
  const std::vector<double> w = InverseVarianceWeights(d, tau2);
  WlsResult wls;
  ComputeWls(d, d.ymc, w, method == Tau2Method::kReml, &wls);
  const double k = static_cast<double>(d.k);
  switch (method) {
    case Tau2Method::kMl:
      return std::sqrt(2.0 / wls.sum_w2);
    case Tau2Method::kReml:
      return std::sqrt(2.0 / wls.tr_pp);
    default:
      return std::sqrt(2.0 * k * k / (k - static_cast<double>(d.p)) / (wls.sum_w * wls.sum_w));
  }
}

}  // namespace

double CentredLogLik(const Design& d, Tau2Method method, double tau2) {
  const std::vector<double> w = InverseVarianceWeights(d, tau2);
  WlsResult wls;
  ComputeWls(d, d.ymc, w, false, &wls);
  double sum_log = 0.0;
  for (double v : d.v) sum_log += std::log(v + tau2);
  const double log_2pi = std::log(2.0 * std::numbers::pi);
  if (method == Tau2Method::kMl) {
    return -0.5 * static_cast<double>(d.k) * log_2pi - 0.5 * sum_log - 0.5 * wls.rss;
  }
  return -0.5 * static_cast<double>(d.k - d.p) * log_2pi - 0.5 * sum_log - 0.5 * wls.log_det_a -
         0.5 * wls.rss;
}

StatusOr<Tau2Estimate> EstimateByFisherScoring(const Design& d, const RmaOptions& options,
                                               double start) {
  const Tau2Method method = options.method;
  const RmaControl& control = options.control;
  const LoopOutcome loop = RunLoop(d, method, control, start);
  Tau2Estimate e;
  e.iterations = loop.iterations;
  if (loop.converged) {
    e.solver = Tau2Solver::kFisherScoring;
    e.tau2 = loop.tau2;
    const bool likelihood = method == Tau2Method::kMl || method == Tau2Method::kReml;
    if (likelihood &&
        CentredLogLik(d, method, 0.0) - CentredLogLik(d, method, e.tau2) > control.tol &&
        e.tau2 > control.threshold) {
      e.tau2 = 0.0;
      e.ll0check_applied = true;
    }
  } else {
    if (options.non_convergence == NonConvergencePolicy::kError) {
      return Status::FailedPrecondition(
          "tau2 (" + Tau2MethodName(method) +
          "): Fisher scoring algorithm did not converge within " +
          std::to_string(control.max_iterations) +
          " iterations (metafor stops here; see control.step_adjustment)");
    }
    const SafeguardedResult safe = SolveSafeguarded(d, method);
    e.solver = Tau2Solver::kSafeguarded;
    e.metafor_would_error = true;
    e.tau2 = safe.tau2;
    e.iterations += safe.evaluations;
  }
  e.tau2 = std::max(0.0, e.tau2);
  e.se_tau2 = SeTau2(d, method, e.tau2);
  return e;
}

}  // namespace refract::stats::internal
