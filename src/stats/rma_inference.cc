// Q-profile CI (metafor confint.rma.uni, type "QP"; Viechtbauer 2007) and predict.rma.
// tests/data/metafor/README.md sections 7 and 8.
#include "refract/stats/rma_inference.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "distributions.h"
#include "rma_internal.h"
#include "tau2.h"
#include "zeroin.h"

namespace refract::stats {
namespace {

constexpr double kTau2MaxFloor = 100.0;      // confint.rma.uni: tau2.max = max(100, 10 tau2).
constexpr int kConfintMinIterations = 1000;  // confint.rma.uni's default maxiter.

struct Tau2Bounds {
  double lb = 0, ub = 0;
  BoundQualifier lb_sign = BoundQualifier::kExact, ub_sign = BoundQualifier::kExact;
  bool ci_null = false;
};

Tau2Bounds QProfileBounds(const internal::Design& d, const RmaResult& fit) {
  const double df = static_cast<double>(d.k - d.p);
  const double alpha = 1.0 - fit.options.level;
  const double crit_u = internal::ChiSquareQuantile(1.0 - alpha / 2.0, df);
  const double crit_l = internal::ChiSquareQuantile(alpha / 2.0, df);
  const double tau2_max = std::max(kTau2MaxFloor, 10.0 * fit.tau2);
  const double tol = fit.options.control.tol;
  const int maxit = std::max(kConfintMinIterations, fit.options.control.max_iterations);
  const double q_min = internal::GeneralisedQ(d, 0.0);
  const double q_max = internal::GeneralisedQ(d, tau2_max);
  auto root = [&](double crit) {
    auto f = [&](double t) { return internal::GeneralisedQ(d, t) - crit; };
    return internal::Zeroin(f, 0.0, tau2_max, q_min - crit, q_max - crit, tol, maxit).root;
  };
  Tau2Bounds b;
  if (q_min < crit_l) {
    b.lb_sign = b.ub_sign = BoundQualifier::kBelow;
    b.ci_null = true;
  } else if (q_max > crit_l) {
    b.ub = tau2_max;
    b.ub_sign = BoundQualifier::kAbove;
  } else {
    b.ub = root(crit_l);
  }
  if (q_max > crit_u) {
    b.lb = b.ub = tau2_max;
    b.lb_sign = b.ub_sign = BoundQualifier::kAbove;
  } else if (q_min >= crit_u) {
    b.lb = root(crit_u);
  }
  return b;
}

Interval Transformed(double estimate, double lb, double ub, double (*f)(double, double),
                     double vt) {
  return {estimate, f(lb, vt), f(ub, vt)};
}

double I2Of(double tau2, double vt) { return 100.0 * tau2 / (vt + tau2); }
double H2Of(double tau2, double vt) { return tau2 / vt + 1.0; }

}  // namespace

StatusOr<HeterogeneityConfint> ConfintQProfile(const RmaInput& input, const RmaResult& fit) {
  StatusOr<internal::Design> d = internal::BuildDesign(input, fit.options);
  if (!d.ok()) return d.status();
  if (d->k != fit.k || d->p != fit.p) {
    return Status::InvalidArgument("input: does not match the fit (k = " + std::to_string(d->k) +
                                   " vs " + std::to_string(fit.k) + ")");
  }
  if (d->k <= d->p) {
    return Status::InvalidArgument("yi: Q-profile CI needs k > p (k = " + std::to_string(d->k) +
                                   ", p = " + std::to_string(d->p) + ")");
  }
  const Tau2Bounds b = QProfileBounds(*d, fit);
  HeterogeneityConfint ci;
  ci.tau2 = {fit.tau2, b.lb, b.ub};
  ci.tau = {fit.tau, std::sqrt(b.lb), std::sqrt(b.ub)};
  ci.i2 = Transformed(fit.i2, b.lb, b.ub, I2Of, fit.vt);
  ci.h2 = Transformed(fit.h2, b.lb, b.ub, H2Of, fit.vt);
  ci.lb_sign = b.lb_sign;
  ci.ub_sign = b.ub_sign;
  ci.ci_null = b.ci_null;
  ci.fixed_estimate = fit.estimate;
  ci.fixed_ci_lb = fit.ci_lb;
  ci.fixed_ci_ub = fit.ci_ub;
  return ci;
}

StatusOr<Prediction> Predict(const RmaResult& fit, std::span<const double> x, PiType pi_type) {
  if (x.size() + 1 != fit.p) {
    return Status::InvalidArgument("x: expected " + std::to_string(fit.p - 1) +
                                   " moderator value(s), got " + std::to_string(x.size()));
  }
  std::vector<double> row(fit.p, 1.0);
  for (std::size_t j = 0; j < x.size(); ++j) {
    if (!std::isfinite(x[j])) {
      return Status::InvalidArgument("x[" + std::to_string(j) + "]: must be finite (got " +
                                     internal::FormatNumber(x[j]) + ")");
    }
    row[j + 1] = x[j];
  }
  const double df = static_cast<double>(fit.k) - static_cast<double>(fit.p);
  if (pi_type == PiType::kRiley && !(df - 1.0 >= 1.0)) {
    return Status::InvalidArgument(
        "pi_type: Riley PI needs k - p - 1 >= 1 (k = " + std::to_string(fit.k) + ")");
  }
  Prediction out;
  double var = 0.0;
  for (std::size_t a = 0; a < fit.p; ++a) {
    out.pred += row[a] * fit.estimate[a];
    for (std::size_t b = 0; b < fit.p; ++b) var += row[a] * fit.vb[a * fit.p + b] * row[b];
  }
  out.se = std::sqrt(var);
  const double alpha = 1.0 - fit.options.level;
  const bool knha = fit.options.test == TestType::kKnha;
  const double crit = knha ? internal::StudentTUpperQuantile(alpha / 2.0, df)
                           : internal::NormalUpperQuantile(alpha / 2.0);
  const double crit_pi =
      pi_type == PiType::kRiley ? internal::StudentTUpperQuantile(alpha / 2.0, df - 1.0) : crit;
  out.ci_lb = out.pred - crit * out.se;
  out.ci_ub = out.pred + crit * out.se;
  const double pi_half = crit_pi * std::sqrt(var + fit.tau2);
  out.pi_lb = out.pred - pi_half;
  out.pi_ub = out.pred + pi_half;
  return out;
}

}  // namespace refract::stats
