// FitThreeLevel (include/refract/stats/rma_mv.h): input checks, REML by average information, and
// the summary statistics of metafor's rma.mv print and predict.
#include "refract/stats/rma_mv.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <string>
#include <unordered_map>

#include "distributions.h"
#include "rma_internal.h"
#include "three_level_reml.h"

namespace refract::stats {
namespace {

using internal::ClusteredData;
using internal::RemlEvaluation;
using internal::VarianceComponents;

// Largest number of halvings of one step before the iteration gives up on it.
constexpr int kMaxHalvings = 60;

Status CheckInput(const ThreeLevelInput& in, const ThreeLevelOptions& options) {
  const std::size_t k = in.yi.size();
  if (in.vi.size() != k || in.cluster.size() != k) {
    return Status::InvalidArgument("yi, vi and cluster must have the same length (got " +
                                   std::to_string(k) + ", " + std::to_string(in.vi.size()) + ", " +
                                   std::to_string(in.cluster.size()) + ")");
  }
  for (std::size_t i = 0; i < k; ++i) {
    if (!std::isfinite(in.yi[i])) {
      return Status::InvalidArgument("yi[" + std::to_string(i) + "]: effect size must be finite");
    }
    if (!std::isfinite(in.vi[i]) || !(in.vi[i] > 0)) {
      return Status::InvalidArgument("vi[" + std::to_string(i) +
                                     "]: sampling variance must be > 0 (got " +
                                     internal::FormatNumber(in.vi[i]) + ")");
    }
  }
  if (k < 3) {
    return Status::InvalidArgument("k = " + std::to_string(k) + ": the model needs k >= 3");
  }
  if (!(options.level > 0 && options.level < 1)) {
    return Status::InvalidArgument("level: must be between 0 and 1");
  }
  if (options.max_iterations <= 0 || !(options.tolerance > 0)) {
    return Status::InvalidArgument("max_iterations and tolerance: must be > 0");
  }
  return Status::Ok();
}

// Effects regrouped contiguously by cluster, clusters in order of first appearance.
StatusOr<ClusteredData> GroupByCluster(const ThreeLevelInput& in) {
  std::unordered_map<std::string, std::size_t> index;
  std::vector<std::vector<std::size_t>> members;
  for (std::size_t i = 0; i < in.cluster.size(); ++i) {
    auto [it, inserted] = index.try_emplace(in.cluster[i], members.size());
    if (inserted) members.emplace_back();
    members[it->second].push_back(i);
  }
  const bool nested =
      std::any_of(members.begin(), members.end(), [](const auto& m) { return m.size() > 1; });
  if (members.size() < 2 || !nested) {
    return Status::InvalidArgument("cluster: " + std::to_string(members.size()) +
                                   " cluster(s) for " + std::to_string(in.cluster.size()) +
                                   " effects; the three-level model needs at least 2 clusters "
                                   "and one cluster with 2 or more effects");
  }
  ClusteredData data;
  data.start.push_back(0);
  for (const auto& m : members) {
    for (std::size_t i : m) {
      data.y.push_back(in.yi[i]);
      data.v.push_back(in.vi[i]);
    }
    data.start.push_back(data.y.size());
  }
  return data;
}

// Starting values: half the excess of the observed variance over the mean sampling variance
// for each component (at least 0.01 of the mean sampling variance, so that both start inside).
VarianceComponents StartingValues(const ClusteredData& d) {
  const double n = static_cast<double>(d.y.size());
  double mean = 0, mean_v = 0;
  for (std::size_t i = 0; i < d.y.size(); ++i) {
    mean += d.y[i] / n;
    mean_v += d.v[i] / n;
  }
  double var = 0;
  for (double y : d.y) var += (y - mean) * (y - mean) / (n - 1);
  const double half = std::max(var - mean_v, 0.02 * mean_v) / 2;
  return {half, half};
}

struct Iterated {
  VarianceComponents theta;
  int iterations = 0, halvings = 0;
  bool converged = false;
};

// One projected average-information step from `at`, halved until the REML likelihood does not
// decrease. Returns the accepted point (equal to `at` if no free component remains).
VarianceComponents Step(const ClusteredData& d, const RemlEvaluation& at,
                        const VarianceComponents& theta, int* halvings) {
  const std::array<double, 2> direction = internal::AverageInformationDirection(at, theta);
  double step = 1;
  for (int h = 0; h <= kMaxHalvings; ++h, step /= 2) {
    VarianceComponents next = {std::max(theta[0] + step * direction[0], 0.0),
                               std::max(theta[1] + step * direction[1], 0.0)};
    const double ll = internal::EvaluateReml(d, next).ll;
    const double slack = 8 * std::numeric_limits<double>::epsilon() * std::abs(at.ll);
    if (ll >= at.ll - slack) return next;
    ++*halvings;
  }
  return theta;
}

Iterated MaximiseReml(const ClusteredData& d, const ThreeLevelOptions& options) {
  Iterated out;
  out.theta = StartingValues(d);
  while (out.iterations < options.max_iterations) {
    ++out.iterations;
    const RemlEvaluation at = internal::EvaluateReml(d, out.theta);
    const VarianceComponents next = Step(d, at, out.theta, &out.halvings);
    double change = 0;
    for (int j = 0; j < 2; ++j) {
      change = std::max(change, std::abs(next[j] - out.theta[j]) / (1 + out.theta[j]));
    }
    out.theta = next;
    if (change <= options.tolerance) {
      out.converged = true;
      break;
    }
  }
  return out;
}

// Pooled effect, its test, CI and prediction interval (metafor's rma.mv and predict.rma).
void AssembleInference(const RemlEvaluation& e, const ThreeLevelOptions& options,
                       ThreeLevelResult* r) {
  const double alpha = (1 - options.level) / 2;
  r->estimate = e.mu;
  r->se = std::sqrt(1 / e.sum_w);
  r->zval = r->estimate / r->se;
  double crit = 0;
  if (options.test == MvTest::kT) {
    r->ddf = static_cast<double>(r->k) - 1;
    r->pval = internal::StudentTTwoSidedP(r->zval, r->ddf);
    crit = internal::StudentTUpperQuantile(alpha, r->ddf);
  } else {
    r->ddf = std::numeric_limits<double>::quiet_NaN();
    r->pval = internal::NormalTwoSidedP(r->zval);
    crit = internal::NormalUpperQuantile(alpha);
  }
  r->ci_lb = r->estimate - crit * r->se;
  r->ci_ub = r->estimate + crit * r->se;
  const double pi_se = std::sqrt(r->se * r->se + r->sigma2_between + r->sigma2_within);
  r->pi_lb = r->estimate - crit * pi_se;
  r->pi_ub = r->estimate + crit * pi_se;
}

// Q_E, the typical sampling variance and I^2 per level (weights 1/v, intercept-only model).
void AssembleHeterogeneity(const ClusteredData& d, ThreeLevelResult* r) {
  double sw = 0, sw2 = 0, swy = 0, swy2 = 0;
  for (std::size_t i = 0; i < d.y.size(); ++i) {
    const double w = 1 / d.v[i];
    sw += w;
    sw2 += w * w;
    swy += w * d.y[i];
    swy2 += w * d.y[i] * d.y[i];
  }
  r->qe = std::max(swy2 - swy * swy / sw, 0.0);
  r->qe_df = static_cast<double>(r->k) - 1;
  r->qe_p = internal::ChiSquareUpperTail(r->qe, r->qe_df);
  r->v_typical = r->qe_df / (sw - sw2 / sw);
  const double total = r->sigma2_between + r->sigma2_within + r->v_typical;
  r->i2_total = 100 * (r->sigma2_between + r->sigma2_within) / total;
  r->i2_between = 100 * r->sigma2_between / total;
  r->i2_within = 100 * r->sigma2_within / total;
}

// metafor's fitstats under REML: 1 coefficient + 2 variance components, n = k - 1.
FitStats RemlCriteria(double ll, std::size_t k) {
  constexpr double kParameters = 3;
  const double n = static_cast<double>(k) - 1;
  FitStats s;
  s.ll = ll;
  s.deviance = -2 * ll;
  s.aic = s.deviance + 2 * kParameters;
  s.bic = s.deviance + kParameters * std::log(n);
  const double n_aicc = std::max(n, kParameters + 2);
  s.aicc = s.deviance + 2 * kParameters * n_aicc / (n_aicc - kParameters - 1);
  return s;
}

}  // namespace

StatusOr<ThreeLevelResult> FitThreeLevel(const ThreeLevelInput& input,
                                         const ThreeLevelOptions& options) {
  if (Status s = CheckInput(input, options); !s.ok()) return s;
  StatusOr<ClusteredData> data = GroupByCluster(input);
  if (!data.ok()) return data.status();
  const Iterated fit = MaximiseReml(*data, options);
  if (!fit.converged) {
    return Status::FailedPrecondition("three-level REML did not converge within " +
                                      std::to_string(options.max_iterations) + " iterations");
  }
  ThreeLevelResult r;
  r.options = options;
  r.k = data->y.size();
  r.clusters = data->start.size() - 1;
  r.sigma2_between = fit.theta[0];
  r.sigma2_within = fit.theta[1];
  r.iterations = fit.iterations;
  r.converged = true;
  r.step_halvings = fit.halvings;
  r.boundary = fit.theta[0] == 0 || fit.theta[1] == 0;
  const RemlEvaluation at = internal::EvaluateReml(*data, fit.theta);
  AssembleInference(at, options, &r);
  AssembleHeterogeneity(*data, &r);
  r.reml = RemlCriteria(at.ll, r.k);
  return r;
}

}  // namespace refract::stats
