// Closed-form and root-finding tau2 estimators (DL, HE, SJ, PM) and the dispatch for all methods.
// Formulas: tests/data/metafor/README.md sections 1 and 2 (metafor 3.8-1 rma.uni).
#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "tau2.h"
#include "wls.h"
#include "zeroin.h"

namespace refract::stats::internal {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kMadConstant = 1.4826;  // R's mad() consistency constant.
constexpr double kPmTau2MaxFloor = 100;  // metafor's default control$tau2.max.
constexpr int kPmMaxDoublings = 60;

double Df(const Design& d) { return static_cast<double>(d.k - d.p); }

double Median(std::vector<double> x) {
  const std::size_t n = x.size();
  const std::size_t half = n / 2;
  std::nth_element(x.begin(), x.begin() + half, x.end());
  const double upper = x[half];
  if (n % 2 == 1) return upper;
  const double lower = *std::max_element(x.begin(), x.begin() + half);
  return (lower + upper) / 2.0;
}

double Mad(const std::vector<double>& y) {
  const double center = Median(y);
  std::vector<double> dev(y.size());
  for (std::size_t i = 0; i < y.size(); ++i) dev[i] = std::fabs(y[i] - center);
  return kMadConstant * Median(std::move(dev));
}

Tau2Estimate EstimateDl(const Design& d) {
  WlsResult wls;
  const std::vector<double> w = InverseVarianceWeights(d, 0.0);
  ComputeWls(d, d.ymc, w, true, &wls);
  Tau2Estimate e;
  e.tau2 = std::max(0.0, (wls.rss - Df(d)) / wls.tr_p);
  const double t = e.tau2;
  e.se_tau2 = std::sqrt((2.0 * Df(d) + 4.0 * t * wls.tr_p + 2.0 * t * t * wls.tr_pp) /
                        (wls.tr_p * wls.tr_p));
  return e;
}

Tau2Estimate EstimateHe(const Design& d) {
  const std::vector<double> ones(d.k, 1.0);
  WlsResult wls;
  ComputeWls(d, d.ymc, ones, false, &wls);
  const PTraces tr = ComputePTraces(d, ones, wls, d.v.data(), d.v.data());
  Tau2Estimate e;
  e.tau2 = std::max(0.0, (wls.rss - tr.tr_pd) / Df(d));
  const double t = e.tau2;
  e.se_tau2 =
      std::sqrt((2.0 * tr.tr_pdpe + 4.0 * t * tr.tr_pd + 2.0 * t * t * Df(d)) / (Df(d) * Df(d)));
  return e;
}

Tau2Estimate EstimateSj(const Design& d) {
  double ss = 0.0;
  for (double r : d.ymc) ss += r * r;
  const double tau2_0 = ss / static_cast<double>(d.k);
  const std::vector<double> w0 = InverseVarianceWeights(d, tau2_0);
  WlsResult wls;
  ComputeWls(d, d.ymc, w0, true, &wls);
  Tau2Estimate e;
  e.tau2 = std::max(0.0, tau2_0 * wls.rss / Df(d));
  const double t = e.tau2;
  const double tr_pvpv = ComputePTraces(d, w0, wls, d.v.data(), d.v.data()).tr_pdpe;
  const double tr_pvp = ComputePTraces(d, w0, wls, d.v.data(), nullptr).tr_pdpe;
  e.se_tau2 = std::sqrt(tau2_0 * tau2_0 / (Df(d) * Df(d)) *
                        (2.0 * tr_pvpv + 4.0 * t * tr_pvp + 2.0 * t * t * wls.tr_pp));
  return e;
}

double SeTau2Pm(const Design& d, double tau2) {
  double sum_w = 0.0;
  for (double v : d.v) sum_w += 1.0 / (v + tau2);
  const double k = static_cast<double>(d.k);
  return std::sqrt(2.0 * k * k / Df(d) / (sum_w * sum_w));
}

StatusOr<Tau2Estimate> EstimatePm(const Design& d, const RmaOptions& options) {
  const double target = Df(d);
  auto f = [&](double tau2) { return GeneralisedQ(d, tau2) - target; };
  Tau2Estimate e;
  e.solver = Tau2Solver::kZeroin;
  const double f_lower = f(0.0);
  if (f_lower < 0.0) {
    e.se_tau2 = SeTau2Pm(d, 0.0);
    return e;
  }
  double upper = std::max(kPmTau2MaxFloor, 10.0 * std::pow(Mad(d.y), 2));
  double f_upper = f(upper);
  for (int i = 0; f_upper > 0.0 && i < kPmMaxDoublings; ++i) {
    if (options.non_convergence == NonConvergencePolicy::kError) {
      return Status::FailedPrecondition(
          "PM estimator: Q(tau2.max = " + std::to_string(upper) +
          ") is still above k - p; metafor stops with \"Value of 'tau2.max' too low\"");
    }
    e.metafor_would_error = true;
    e.solver = Tau2Solver::kSafeguarded;
    upper *= 2.0;
    f_upper = f(upper);
  }
  const ZeroinResult z =
      Zeroin(f, 0.0, upper, f_lower, f_upper, options.control.tol, options.control.max_iterations);
  e.tau2 = std::max(0.0, z.root);
  e.iterations = z.iterations;
  e.se_tau2 = SeTau2Pm(d, e.tau2);
  return e;
}

}  // namespace

double GeneralisedQ(const Design& d, double tau2) {
  WlsResult wls;
  ComputeWls(d, d.ymc, InverseVarianceWeights(d, tau2), false, &wls);
  return wls.rss;
}

double HedgesRaw(const Design& d) {
  const std::vector<double> ones(d.k, 1.0);
  WlsResult wls;
  ComputeWls(d, d.ymc, ones, false, &wls);
  const PTraces tr = ComputePTraces(d, ones, wls, d.v.data(), nullptr);
  return (wls.rss - tr.tr_pd) / Df(d);
}

StatusOr<Tau2Estimate> EstimateTau2(const Design& d, const RmaOptions& options) {
  Tau2Estimate fixed;
  fixed.se_tau2 = kNaN;
  if (d.k == 1 || options.method == Tau2Method::kFe) return fixed;
  switch (options.method) {
    case Tau2Method::kDl:
      return EstimateDl(d);
    case Tau2Method::kHe:
      return EstimateHe(d);
    case Tau2Method::kSj:
      return EstimateSj(d);
    case Tau2Method::kPm:
      return EstimatePm(d, options);
    case Tau2Method::kMl:
    case Tau2Method::kReml:
    case Tau2Method::kEb:
      return EstimateByFisherScoring(d, options, std::max(0.0, HedgesRaw(d)));
    case Tau2Method::kFe:
      break;
  }
  return fixed;
}

}  // namespace refract::stats::internal
