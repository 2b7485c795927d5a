// Assembles an RmaResult once tau2 is known: fixed effects and their tests (z or knha),
// heterogeneity statistics, fit statistics and R2. tests/data/metafor/README.md sections 3-6, 9.
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <limits>
#include <numbers>
#include <string>
#include <vector>

#include "distributions.h"
#include "rma_internal.h"
#include "small_matrix.h"
#include "tau2.h"
#include "wls.h"

namespace refract::stats::internal {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool IsFixed(const RmaOptions& o) { return o.method == Tau2Method::kFe; }

// Wald test of the coefficients in btt: every coefficient but the intercept when p > 1.
double OmnibusStatistic(const RmaResult& r) {
  std::vector<std::size_t> btt;
  for (std::size_t j = (r.p > 1 ? 1 : 0); j < r.p; ++j) btt.push_back(j);
  const std::size_t m = btt.size();
  Matrix inv;
  double log_det = 0;
  if (!CholeskyInvert(SubMatrix(r.vb, r.p, btt), m, 0.0, &inv, &log_det)) return kNaN;
  double qm = 0.0;
  for (std::size_t a = 0; a < m; ++a) {
    for (std::size_t b = 0; b < m; ++b) {
      qm += r.estimate[btt[a]] * inv[a * m + b] * r.estimate[btt[b]];
    }
  }
  return qm;
}

// se, z (or t), p-values and CIs of the coefficients from r->estimate and r->vb.
void SetCoefficientTests(double df, bool knha, RmaResult* r) {
  const std::size_t p = r->p;
  const double alpha = 1.0 - r->options.level;
  const double crit = knha ? (df > 0 ? StudentTUpperQuantile(alpha / 2, df) : kNaN)
                           : NormalUpperQuantile(alpha / 2);
  r->se.resize(p);
  r->zval.resize(p);
  r->pval.resize(p);
  r->ci_lb.resize(p);
  r->ci_ub.resize(p);
  for (std::size_t j = 0; j < p; ++j) {
    r->se[j] = std::sqrt(r->vb[j * p + j]);
    r->zval[j] = r->estimate[j] / r->se[j];
    r->pval[j] = knha ? StudentTTwoSidedP(r->zval[j], df) : NormalTwoSidedP(r->zval[j]);
    r->ci_lb[j] = r->estimate[j] - crit * r->se[j];
    r->ci_ub[j] = r->estimate[j] + crit * r->se[j];
  }
}

// QM: chi-square(m) under z, QM / m ~ F(m, k - p) under knha.
void SetOmnibusTest(double df, bool knha, RmaResult* r) {
  const double m = r->p > 1 ? static_cast<double>(r->p - 1) : 1.0;
  r->qm = OmnibusStatistic(*r);
  r->qm_df1 = m;
  if (knha) {
    r->qm /= m;
    r->ddf = df;
    r->qm_df2 = df;
    r->qm_p = FUpperTail(r->qm, m, df);
  } else {
    r->ddf = kNaN;
    r->qm_df2 = kNaN;
    r->qm_p = ChiSquareUpperTail(r->qm, m);
  }
}

// Fixed effects, their tests and CIs. Returns RSS.f = sum w (y - Xb)^2 and log|X'WX|.
bool AssembleFixedEffects(const Design& d, RmaResult* r, double* rss_f, double* log_det_a) {
  const std::vector<double> w = InverseVarianceWeights(d, r->tau2);
  WlsResult wls;
  if (!ComputeWls(d, d.y, w, false, &wls)) return false;
  *rss_f = wls.rss;
  *log_det_a = wls.log_det_a;
  const bool knha = r->options.test == TestType::kKnha;
  const double df = static_cast<double>(d.k) - static_cast<double>(d.p);
  r->s2w = 1.0;
  if (knha) r->s2w = wls.rss <= DBL_EPSILON ? 0.0 : wls.rss / df;
  r->estimate = wls.b;
  r->vb = wls.a_inv;
  for (double& x : r->vb) x *= r->s2w;
  SetCoefficientTests(df, knha, r);
  SetOmnibusTest(df, knha, r);
  r->weights_pct.resize(d.k);
  for (std::size_t i = 0; i < d.k; ++i) r->weights_pct[i] = 100.0 * w[i] / wls.sum_w;
  return true;
}

void AssembleHeterogeneity(const Design& d, RmaResult* r) {
  r->qe_df = static_cast<double>(d.k) - static_cast<double>(d.p);
  if (d.k <= d.p) {
    r->qe = 0.0;
    r->qe_p = 1.0;
    r->i2 = 0.0;
    r->h2 = 1.0;
    r->vt = 0.0;
    return;
  }
  WlsResult wls;
  ComputeWls(d, d.ymc, InverseVarianceWeights(d, 0.0), true, &wls);
  const double df = r->qe_df;
  r->qe = std::max(0.0, wls.rss);
  r->qe_p = ChiSquareUpperTail(r->qe, df);
  r->vt = df / wls.tr_p;
  if (IsFixed(r->options)) {
    r->i2 = std::max(0.0, 100.0 * (r->qe - df) / r->qe);
    r->h2 = r->qe / df;
  } else {
    r->i2 = 100.0 * r->tau2 / (r->vt + r->tau2);
    r->h2 = r->tau2 / r->vt + 1.0;
  }
}

FitStats Criteria(double ll, double dev, double parms, double n_bic, double n_aicc) {
  FitStats s;
  s.ll = ll;
  s.deviance = dev;
  s.aic = -2.0 * ll + 2.0 * parms;
  s.bic = -2.0 * ll + parms * std::log(n_bic);
  const double n = std::max(n_aicc, parms + 2.0);
  s.aicc = -2.0 * ll + 2.0 * parms * n / (n - parms - 1.0);
  return s;
}

void AssembleFitStats(const Design& d, double rss_f, double log_det_a, RmaResult* r) {
  const double k = static_cast<double>(d.k), p = static_cast<double>(d.p);
  const double log_2pi = std::log(2.0 * std::numbers::pi);
  double sum_log = 0.0, sum_log_v = 0.0;
  for (double v : d.v) {
    sum_log += std::log(v + r->tau2);
    sum_log_v += std::log(v);
  }
  const double ll_ml = -0.5 * k * log_2pi - 0.5 * sum_log - 0.5 * rss_f;
  const double ll_reml = -0.5 * (k - p) * log_2pi + 0.5 * d.log_det_xtx - 0.5 * sum_log -
                         0.5 * log_det_a - 0.5 * rss_f;
  const double ll_saturated = -0.5 * k * log_2pi - 0.5 * sum_log_v;
  const double dev_ml = d.k > d.p ? -2.0 * (ll_ml - ll_saturated) : 0.0;
  const double parms = p + (IsFixed(r->options) ? 0.0 : 1.0);
  r->ml = Criteria(ll_ml, dev_ml, parms, k, k);
  r->reml = Criteria(ll_reml, -2.0 * ll_reml, parms, k - p, k - p);
}

// Adjusted R^2 of the weighted lm(y ~ X, weights = 1/v): metafor's R2 for FE meta-regression.
double WeightedLmAdjustedR2(const Design& d) {
  const std::vector<double> w = InverseVarianceWeights(d, 0.0);
  WlsResult wls;
  ComputeWls(d, d.y, w, false, &wls);
  std::vector<double> fitted(d.k, 0.0);
  double mean = 0.0;
  for (std::size_t i = 0; i < d.k; ++i) {
    for (std::size_t j = 0; j < d.p; ++j) fitted[i] += d.x[i * d.p + j] * wls.b[j];
    mean += w[i] * fitted[i];
  }
  mean /= wls.sum_w;
  double mss = 0.0;
  for (std::size_t i = 0; i < d.k; ++i) mss += w[i] * (fitted[i] - mean) * (fitted[i] - mean);
  const double r2 = mss / (mss + wls.rss);
  const double k = static_cast<double>(d.k);
  return 1.0 - (1.0 - r2) * (k - 1.0) / (k - static_cast<double>(d.p));
}

double PseudoR2(const Design& d, const RmaResult& r) {
  if (d.p == 1) return kNaN;
  if (IsFixed(r.options)) {
    const double y0 = d.y[0];
    if (std::all_of(d.y.begin(), d.y.end(), [y0](double y) { return y == y0; })) return 0.0;
    return std::max(0.0, 100.0 * WeightedLmAdjustedR2(d));
  }
  const StatusOr<Tau2Estimate> re = EstimateTau2(InterceptOnly(d), r.options);
  if (!re.ok()) return kNaN;
  if (re->tau2 == 0.0) return 0.0;
  return std::max(0.0, 100.0 * (re->tau2 - r.tau2) / re->tau2);
}

Status CheckModelSize(const Design& d, const RmaOptions& o) {
  if (d.p == 1 && d.k == 1) return Status::Ok();
  const std::size_t needed = d.p + (IsFixed(o) ? 0 : 1);
  if (d.k < needed) {
    return Status::InvalidArgument("yi: k = " + std::to_string(d.k) + " studies cannot estimate " +
                                   std::to_string(d.p) + " coefficient(s)" +
                                   (IsFixed(o) ? "" : " and tau2") +
                                   " (need k >= " + std::to_string(needed) + ")");
  }
  return Status::Ok();
}

}  // namespace

StatusOr<RmaResult> FitDesign(const Design& d, const RmaOptions& options) {
  if (Status s = CheckModelSize(d, options); !s.ok()) return s;
  RmaResult r;
  r.options = options;
  if (d.k == 1) r.options.test = TestType::kZ;  // As metafor: knha needs k > 1.
  r.k = d.k;
  r.p = d.p;
  r.used_rows = d.rows;
  StatusOr<Tau2Estimate> t = EstimateTau2(d, r.options);
  if (!t.ok()) return t.status();
  r.tau2 = t->tau2;
  r.tau = std::sqrt(t->tau2);
  r.se_tau2 = t->se_tau2;
  r.iterations = t->iterations;
  r.solver = t->solver;
  r.metafor_would_error = t->metafor_would_error;
  r.ll0check_applied = t->ll0check_applied;
  double rss_f = 0, log_det_a = 0;
  if (!AssembleFixedEffects(d, &r, &rss_f, &log_det_a)) {
    return Status::Internal("X'WX is not positive definite at tau2 = " + FormatNumber(r.tau2));
  }
  AssembleHeterogeneity(d, &r);
  AssembleFitStats(d, rss_f, log_det_a, &r);
  r.r2 = PseudoR2(d, r);
  return r;
}

}  // namespace refract::stats::internal
