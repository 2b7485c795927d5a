// Safeguarded tau2 solver for ML/REML/EB, used when metafor's Fisher scoring oscillates (README
// section 1: "The iteration oscillates and fails on some small-k data"). Instead of a step that
// can overshoot, it
//   1. scans the (restricted) log-likelihood on a grid over [0, upper], widening upper until the
//      best grid point is interior, so the global maximum is bracketed (this also subsumes
//      metafor's ll0check: tau2 = 0 wins whenever it has the highest likelihood);
//   2. solves score(tau2) = 0 inside the bracket with Brent's zeroin at full precision, or runs a
//      golden-section search when the score does not change sign there.
// EB has no likelihood: its estimating equation Q(w) k/(k-p) = k is decreasing in tau2, so a
// bracketed root is unique.
#include <algorithm>
#include <cmath>
#include <vector>

#include "tau2.h"
#include "wls.h"
#include "zeroin.h"

namespace refract::stats::internal {
namespace {

constexpr int kGridPoints = 64;
constexpr int kMaxWidenings = 40;
constexpr int kRootMaxIterations = 1000;
constexpr int kGoldenIterations = 200;

double Score(const Design& d, Tau2Method method, double tau2) {
  WlsResult wls;
  ComputeWls(d, d.ymc, InverseVarianceWeights(d, tau2), method == Tau2Method::kReml, &wls);
  const double k = static_cast<double>(d.k);
  switch (method) {
    case Tau2Method::kMl:
      return wls.rss_w2 - wls.sum_w;
    case Tau2Method::kReml:
      return wls.rss_w2 - wls.tr_p;
    default:
      return wls.rss * k / (k - static_cast<double>(d.p)) - k;
  }
}

double InitialUpper(const Design& d) {
  double ss = 0.0, vmax = 0.0;
  for (std::size_t i = 0; i < d.k; ++i) {
    ss += d.ymc[i] * d.ymc[i];
    vmax = std::max(vmax, d.v[i]);
  }
  const double df = std::max<double>(1.0, static_cast<double>(d.k - d.p));
  return 10.0 * (ss / df + vmax);
}

double GoldenSectionMax(const Design& d, Tau2Method method, double lo, double hi, int* evals) {
  const double r = (std::sqrt(5.0) - 1.0) / 2.0;
  double a = lo, b = hi;
  double x1 = b - r * (b - a), x2 = a + r * (b - a);
  double f1 = CentredLogLik(d, method, x1), f2 = CentredLogLik(d, method, x2);
  *evals += 2;
  for (int i = 0; i < kGoldenIterations && b - a > 1e-15 * std::max(1.0, b); ++i) {
    if (f1 < f2) {
      a = x1;
      x1 = x2;
      f1 = f2;
      x2 = a + r * (b - a);
      f2 = CentredLogLik(d, method, x2);
    } else {
      b = x2;
      x2 = x1;
      f2 = f1;
      x1 = b - r * (b - a);
      f1 = CentredLogLik(d, method, x1);
    }
    ++*evals;
  }
  return (a + b) / 2.0;
}

SafeguardedResult SolveEb(const Design& d) {
  SafeguardedResult res;
  auto f = [&](double t) {
    ++res.evaluations;
    return Score(d, Tau2Method::kEb, t);
  };
  const double f0 = f(0.0);
  if (f0 <= 0.0) return res;
  double upper = InitialUpper(d);
  double fu = f(upper);
  for (int i = 0; fu > 0.0 && i < kMaxWidenings; ++i) fu = f(upper *= 4.0);
  res.tau2 = Zeroin(f, 0.0, upper, f0, fu, 0.0, kRootMaxIterations).root;
  return res;
}

}  // namespace

SafeguardedResult SolveSafeguarded(const Design& d, Tau2Method method) {
  if (method == Tau2Method::kEb) return SolveEb(d);
  SafeguardedResult res;
  double upper = InitialUpper(d);
  std::vector<double> grid(kGridPoints + 1);
  int best = 0;
  for (int widening = 0; widening < kMaxWidenings; ++widening) {
    double best_ll = -INFINITY;
    for (int j = 0; j <= kGridPoints; ++j) {
      const double frac = static_cast<double>(j) / kGridPoints;
      grid[j] = upper * frac * frac;  // Denser near 0, where small-k optima usually sit.
      const double ll = CentredLogLik(d, method, grid[j]);
      ++res.evaluations;
      if (ll > best_ll) {
        best_ll = ll;
        best = j;
      }
    }
    if (best < kGridPoints) break;
    upper *= 4.0;
  }
  const double lo = grid[std::max(best - 1, 0)];
  const double hi = grid[std::min(best + 1, kGridPoints)];
  auto score = [&](double t) {
    ++res.evaluations;
    return Score(d, method, t);
  };
  const double s_lo = score(lo), s_hi = score(hi);
  if (best == 0 && s_lo <= 0.0) return res;  // Boundary maximum at tau2 = 0.
  if (s_lo > 0.0 && s_hi < 0.0) {
    res.tau2 = Zeroin(score, lo, hi, s_lo, s_hi, 0.0, kRootMaxIterations).root;
  } else {
    res.tau2 = GoldenSectionMax(d, method, lo, hi, &res.evaluations);
  }
  return res;
}

}  // namespace refract::stats::internal
