// Egger-type regression tests (metafor regtest, predictor "sei") and trim-and-fill with the L0
// estimator (metafor trimfill.rma.uni; Duval & Tweedie 2000). README section 10.
#include "refract/stats/publication_bias.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>
#include <vector>

#include "rma_internal.h"

namespace refract::stats {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

StatusOr<internal::Design> ValidatedDesign(const RmaInput& input, const RmaOptions& options) {
  if (input.num_moderators != 0) {
    return Status::InvalidArgument("moderators: only intercept-only models are supported (got " +
                                   std::to_string(input.num_moderators) + " moderators)");
  }
  StatusOr<internal::Design> d = internal::BuildDesign(input, options);
  if (d.ok() && d->k < 3) {
    return Status::InvalidArgument("yi: needs k >= 3 studies (got " + std::to_string(d->k) + ")");
  }
  return d;
}

RmaInput PlainInput(const std::vector<double>& y, const std::vector<double>& v) {
  RmaInput in;
  in.yi = y;
  in.vi = v;
  return in;
}

// rma(yi, vi, mods = ~ sqrt(vi)).
StatusOr<RmaResult> FitOnSei(const std::vector<double>& y, const std::vector<double>& v,
                             const RmaOptions& options) {
  RmaInput in = PlainInput(y, v);
  in.num_moderators = 1;
  for (double vi : v) in.moderators.push_back(std::sqrt(vi));
  return FitRma(in, options);
}

// Signed-rank statistic S_r of y - b (ranks of |y - b|, ties by position: R's ties = "first").
double PositiveRankSum(const std::vector<double>& y, double b) {
  std::vector<std::size_t> order(y.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) {
    return std::fabs(y[i] - b) < std::fabs(y[j] - b);
  });
  double sum = 0.0;
  for (std::size_t r = 0; r < order.size(); ++r) {
    if (y[order[r]] - b > 0.0) sum += static_cast<double>(r + 1);
  }
  return sum;
}

struct L0Step {
  int k0 = 0;
  double se_k0 = 0;
};

// Duval & Tweedie's L0 = (4 S_r - k(k+1)) / (2k - 1) with its standard error, from the unrounded
// estimate as metafor computes it; then truncated at 0 and rounded half to even like R's round().
L0Step EstimatorL0(double sr, double k) {
  const double k0 = (4.0 * sr - k * (k + 1.0)) / (2.0 * k - 1.0);
  const double var_sr = (k * (k + 1.0) * (2.0 * k + 1.0) + 10.0 * k0 * k0 * k0 + 27.0 * k0 * k0 +
                         17.0 * k0 - 18.0 * k * k0 * k0 - 18.0 * k * k0 + 6.0 * k * k * k0) /
                        24.0;
  L0Step s;
  s.se_k0 = std::max(0.0, 4.0 * std::sqrt(var_sr) / (2.0 * k - 1.0));
  s.k0 = static_cast<int>(std::nearbyint(std::max(0.0, k0)));
  return s;
}

// The working data of trim and fill: outcomes flipped so that studies are imputed on the left,
// sorted ascending (stable), with their variances.
struct Working {
  double sign = 1.0;
  std::vector<double> y, v;
};

Working SortedWorkingData(const internal::Design& d, FunnelSide side) {
  Working w;
  w.sign = side == FunnelSide::kRight ? -1.0 : 1.0;
  std::vector<std::size_t> order(d.k);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t i, std::size_t j) { return w.sign * d.y[i] < w.sign * d.y[j]; });
  for (std::size_t i : order) {
    w.y.push_back(w.sign * d.y[i]);
    w.v.push_back(d.v[i]);
  }
  return w;
}

// Iterates k0 until it repeats: fit the k - k0 smallest, rank |y - b| over all k, update L0.
// Sets out->k0 and out->se_k0; returns the final trimmed estimate b.
StatusOr<double> IterateL0(const Working& w, const RmaOptions& options, TrimFillResult* out) {
  const std::size_t k = w.y.size();
  int k0 = 0, k0_previous = -1;
  double b = 0.0;
  for (int iter = 1; k0 != k0_previous; ++iter) {
    if (iter > options.control.max_iterations) {
      return Status::FailedPrecondition("trimfill: k0 did not settle within " +
                                        std::to_string(options.control.max_iterations) +
                                        " iterations");
    }
    k0_previous = k0;
    const std::size_t kept = k - static_cast<std::size_t>(k0);
    StatusOr<RmaResult> trimmed = FitRma(
        PlainInput({w.y.begin(), w.y.begin() + kept}, {w.v.begin(), w.v.begin() + kept}), options);
    if (!trimmed.ok()) return trimmed.status();
    b = trimmed->estimate[0];
    const L0Step step = EstimatorL0(PositiveRankSum(w.y, b), static_cast<double>(k));
    k0 = std::min(step.k0, static_cast<int>(k) - 1);  // Keep at least one study to refit.
    out->se_k0 = step.se_k0;
  }
  out->k0 = k0;
  return b;
}

}  // namespace

StatusOr<RegTestResult> RegTest(const RmaInput& input, const RmaOptions& options,
                                RegTestModel model) {
  StatusOr<internal::Design> d = ValidatedDesign(input, options);
  if (!d.ok()) return d.status();
  RmaOptions fit_options = options;
  if (model == RegTestModel::kLm) {  // Weighted lm = FE fit with the residual variance factor.
    fit_options.method = Tau2Method::kFe;
    fit_options.test = TestType::kKnha;
  }
  StatusOr<RmaResult> fit = FitOnSei(d->y, d->v, fit_options);
  if (!fit.ok()) return fit.status();
  RegTestResult r;
  r.zval = fit->zval[1];
  r.pval = fit->pval[1];
  r.ddf = fit->ddf;
  r.limit_estimate = fit->estimate[0];
  r.limit_ci_lb = fit->ci_lb[0];
  r.limit_ci_ub = fit->ci_ub[0];
  r.fit_coef = fit->estimate;
  r.fit_se = fit->se;
  r.fit_tau2 = model == RegTestModel::kLm ? kNaN : fit->tau2;
  return r;
}

StatusOr<TrimFillResult> TrimFill(const RmaInput& input, const RmaOptions& options) {
  StatusOr<internal::Design> d = ValidatedDesign(input, options);
  if (!d.ok()) return d.status();
  StatusOr<RmaResult> side_fit = FitOnSei(d->y, d->v, options);
  if (!side_fit.ok()) return side_fit.status();
  TrimFillResult out;
  out.side = side_fit->estimate[1] < 0.0 ? FunnelSide::kRight : FunnelSide::kLeft;
  const Working w = SortedWorkingData(*d, out.side);
  const StatusOr<double> b = IterateL0(w, options, &out);
  if (!b.ok()) return b.status();
  for (std::size_t i = d->k - static_cast<std::size_t>(out.k0); i < d->k; ++i) {
    out.filled_yi.push_back(w.sign * (2.0 * *b - w.y[i]));
    out.filled_vi.push_back(w.v[i]);
  }
  std::vector<double> all_y = d->y, all_v = d->v;
  all_y.insert(all_y.end(), out.filled_yi.begin(), out.filled_yi.end());
  all_v.insert(all_v.end(), out.filled_vi.begin(), out.filled_vi.end());
  StatusOr<RmaResult> refit = FitRma(PlainInput(all_y, all_v), options);
  if (!refit.ok()) return refit.status();
  out.fit = std::move(*refit);
  return out;
}

}  // namespace refract::stats
