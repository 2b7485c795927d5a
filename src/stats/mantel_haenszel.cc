#include "refract/stats/mantel_haenszel.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <string_view>

#include "distributions.h"

namespace refract::stats {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double ChiSquaredUpper(double x, double df) { return internal::ChiSquareUpperTail(x, df); }

Status CountError(std::string_view field, size_t row, std::string_view rule) {
  return Status::InvalidArgument(std::string(field) + "[" + std::to_string(row + 1) +
                                 "]: " + std::string(rule));
}

Status ValidateTables(std::span<const BinaryRow> tables, const MhOptions& options) {
  if (tables.empty()) return Status::InvalidArgument("tables: need k >= 1");
  if (!(options.level > 0 && options.level < 1)) {
    return Status::InvalidArgument("level: must be in (0, 1)");
  }
  auto valid = [](double count) { return count >= 0 && std::isfinite(count); };
  for (size_t i = 0; i < tables.size(); ++i) {
    const BinaryRow& t = tables[i];
    if (!valid(t.ai)) return CountError("ai", i, "must be finite and >= 0");
    if (!valid(t.bi)) return CountError("bi", i, "must be finite and >= 0");
    if (!valid(t.ci)) return CountError("ci", i, "must be finite and >= 0");
    if (!valid(t.di)) return CountError("di", i, "must be finite and >= 0");
    if (t.ai + t.bi <= 0) return CountError("ai+bi", i, "arm 1 total must be > 0");
    if (t.ci + t.di <= 0) return CountError("ci+di", i, "arm 2 total must be > 0");
  }
  return Status::Ok();
}

// Sets se, z, p and the CI from `estimate` and `variance`.
void SetWaldInference(double estimate, double variance, double level, TablePoolResult& out) {
  double se = std::sqrt(variance);
  double crit = internal::NormalUpperQuantile((1 - level) / 2);
  double z = estimate / se;
  out.estimate = estimate;
  out.se = se;
  out.zval = z;
  out.pval = internal::NormalTwoSidedP(z);
  out.ci_lb = estimate - crit * se;
  out.ci_ub = estimate + crit * se;
}

// Q, I², H² from a heterogeneity statistic with k_yi - 1 degrees of freedom (metafor's rule).
void SetHeterogeneity(double qe, int k_yi, TablePoolResult& out) {
  out.k_yi = k_yi;
  if (k_yi <= 1) {
    out.qe = 0;
    out.qe_p = 1;
    out.i2 = 0;
    out.h2 = 1;
    return;
  }
  double df = k_yi - 1;
  out.qe = qe;
  out.qe_p = ChiSquaredUpper(qe, df);
  out.i2 = std::max(0.0, 100 * (qe - df) / qe);
  out.h2 = qe / df;
}

// Inverse-variance Q of the per-study escalc estimates around the pooled `estimate`.
Status SetInverseVarianceQ(std::span<const BinaryRow> tables, EffectMeasure measure,
                           TablePoolResult& out) {
  StatusOr<EffectSizes> es = ComputeBinary(tables, measure, {.add = 0.5, .drop00 = true});
  if (!es.ok()) return es.status();
  int k_yi = 0;
  double qe = 0;
  for (size_t i = 0; i < es->yi.size(); ++i) {
    if (std::isnan(es->yi[i]) || std::isnan(es->vi[i])) continue;
    ++k_yi;
    if (out.estimate) qe += (es->yi[i] - *out.estimate) * (es->yi[i] - *out.estimate) / es->vi[i];
  }
  SetHeterogeneity(std::max(0.0, qe), k_yi, out);
  if (!out.estimate && k_yi > 1) out.qe = out.qe_p = out.i2 = out.h2 = kNaN;
  return Status::Ok();
}

// Cochran and Cochran–Mantel–Haenszel tests of a common OR of 1.
void SetCochranTests(std::span<const BinaryRow> tables, const MhOptions& options,
                     TablePoolResult& out) {
  double diff = 0, var_co = 0, var_mh = 0, sum_xt = 0, sum_yt = 0;
  for (const BinaryRow& t : tables) {
    double n1 = t.ai + t.bi, n2 = t.ci + t.di, n = n1 + n2;
    double xt = t.ai + t.ci, yt = t.bi + t.di;
    diff += t.ai - (n1 / n) * xt;
    var_co += (n1 / n) * (n2 / n) * (xt * (yt / n));
    var_mh += (n1 / n) * (n2 / n) * (xt * (yt / (n - 1)));
    sum_xt += xt;
    sum_yt += yt;
  }
  if (sum_xt == 0 || sum_yt == 0) return;
  double numerator = std::abs(diff) - (options.correct ? 0.5 : 0.0);
  numerator *= numerator;
  out.cochran = TestStatistic{numerator / var_co, ChiSquaredUpper(numerator / var_co, 1)};
  out.cmh = TestStatistic{numerator / var_mh, ChiSquaredUpper(numerator / var_mh, 1)};
}

// Breslow–Day and Tarone tests of homogeneity of the OR, at the MH estimate `psi`.
void SetBreslowDay(std::span<const BinaryRow> tables, double psi, TablePoolResult& out) {
  double bd = 0, sum_dev = 0, sum_var = 0;
  int k_pos = 0;
  for (const BinaryRow& t : tables) {
    double n1 = t.ai + t.bi, n2 = t.ci + t.di, n = n1 + n2;
    double xt = t.ai + t.ci, yt = t.bi + t.di;
    double n11 = (n1 / n) * xt;
    if (psi != 1) {
      double a = psi * (n1 + xt) + (n2 - xt);
      double b = std::sqrt(a * a - 4 * n1 * xt * psi * (psi - 1));
      n11 = (a - b) / (2 * (psi - 1));
    }
    if (!(n11 > 0 && xt > 0 && yt > 0)) continue;
    ++k_pos;
    double n12 = n1 - n11, n21 = xt - n11, n22 = n11 - n1 - xt + n;
    double var = 1 / (1 / n11 + 1 / n12 + 1 / n21 + 1 / n22);
    bd += (t.ai - n11) * (t.ai - n11) / var;
    sum_dev += t.ai - n11;
    sum_var += var;
  }
  if (k_pos <= 1) return;
  double ta = std::max(0.0, bd - sum_dev * sum_dev / sum_var);
  bd = std::max(0.0, bd);
  out.breslow_day = TestStatistic{bd, ChiSquaredUpper(bd, k_pos - 1)};
  out.tarone = TestStatistic{ta, ChiSquaredUpper(ta, k_pos - 1)};
}

void PoolOddsRatio(std::span<const BinaryRow> tables, const MhOptions& options,
                   TablePoolResult& out) {
  double r = 0, s = 0, pr = 0, ps_qr = 0, qs = 0;
  for (const BinaryRow& t : tables) {
    double n = t.ai + t.bi + t.ci + t.di;
    double p = t.ai / n + t.di / n, q = t.bi / n + t.ci / n;
    double ri = (t.ai / n) * t.di, si = (t.bi / n) * t.ci;
    r += ri;
    s += si;
    pr += p * ri;
    ps_qr += p * si + q * ri;
    qs += q * si;
  }
  SetCochranTests(tables, options, out);
  if (r == 0 || s == 0) return;
  double variance = 0.5 * (pr / (r * r) + ps_qr / (r * s) + qs / (s * s));
  SetWaldInference(std::log(r / s), variance, options.level, out);
  SetBreslowDay(tables, r / s, out);
}

void PoolRiskRatio(std::span<const BinaryRow> tables, const MhOptions& options,
                   TablePoolResult& out) {
  double r = 0, s = 0, sum_a = 0, sum_c = 0, numerator = 0;
  for (const BinaryRow& t : tables) {
    double n1 = t.ai + t.bi, n2 = t.ci + t.di, n = n1 + n2;
    r += t.ai * (n2 / n);
    s += t.ci * (n1 / n);
    sum_a += t.ai;
    sum_c += t.ci;
    numerator += (n1 / n) * (n2 / n) * (t.ai + t.ci) - (t.ai / n) * t.ci;
  }
  if (sum_a == 0 || sum_c == 0) return;
  SetWaldInference(std::log(r / s), numerator / (r * s), options.level, out);
}

void PoolRiskDifference(std::span<const BinaryRow> tables, const MhOptions& options,
                        TablePoolResult& out) {
  double num = 0, w = 0;
  for (const BinaryRow& t : tables) {
    double n1 = t.ai + t.bi, n2 = t.ci + t.di, n = n1 + n2;
    num += t.ai * (n2 / n) - t.ci * (n1 / n);
    w += n1 * (n2 / n);
  }
  double rd = num / w;
  double p_sum = 0, q_sum = 0;
  for (const BinaryRow& t : tables) {
    double n1 = t.ai + t.bi, n2 = t.ci + t.di, n = n1 + n2;
    p_sum += t.ci * (n1 / n) * (n1 / n) - t.ai * (n2 / n) * (n2 / n) +
             (n1 / n) * (n2 / n) * (n2 - n1) / 2;
    q_sum += t.ai * (n2 - t.ci) / n + t.ci * (n1 - t.ai) / n;
  }
  SetWaldInference(rd, (rd * p_sum + q_sum / 2) / (w * w), options.level, out);
}

}  // namespace

StatusOr<TablePoolResult> MantelHaenszel(std::span<const BinaryRow> tables, MhMeasure measure,
                                         const MhOptions& options) {
  if (Status status = ValidateTables(tables, options); !status.ok()) return status;
  TablePoolResult out;
  out.k = static_cast<int>(tables.size());
  EffectMeasure per_study = EffectMeasure::kLogOr;
  switch (measure) {
    case MhMeasure::kOr:
      PoolOddsRatio(tables, options, out);
      break;
    case MhMeasure::kRr:
      per_study = EffectMeasure::kLogRr;
      PoolRiskRatio(tables, options, out);
      break;
    case MhMeasure::kRd:
      per_study = EffectMeasure::kRd;
      PoolRiskDifference(tables, options, out);
      break;
  }
  if (Status status = SetInverseVarianceQ(tables, per_study, out); !status.ok()) return status;
  return out;
}

StatusOr<TablePoolResult> Peto(std::span<const BinaryRow> tables, const MhOptions& options) {
  if (Status status = ValidateTables(tables, options); !status.ok()) return status;
  double sum_dev = 0, sum_v = 0, sum_dev2_over_v = 0;
  int k_pos = 0, k_yi = 0;
  for (const BinaryRow& t : tables) {
    double n1 = t.ai + t.bi, n2 = t.ci + t.di, n = n1 + n2;
    double xt = t.ai + t.ci, yt = t.bi + t.di;
    double expected = xt * n1 / n;
    double v = xt * yt * (n1 / n) * (n2 / n) / (n - 1);
    sum_dev += t.ai - expected;
    sum_v += v;
    bool double_zero = (t.ai == 0 && t.ci == 0) || (t.bi == 0 && t.di == 0);
    if (!double_zero) ++k_yi;
    if (v > 0) {
      ++k_pos;
      sum_dev2_over_v += (t.ai - expected) * (t.ai - expected) / v;
    }
  }
  if (sum_v == 0) {
    return Status::FailedPrecondition(
        "tables: one of the two outcomes never occurred in any table; Peto's method cannot be "
        "used");
  }
  TablePoolResult out;
  out.k = static_cast<int>(tables.size());
  SetWaldInference(sum_dev / sum_v, 1 / sum_v, options.level, out);
  double qe = std::max(0.0, sum_dev2_over_v - sum_dev * sum_dev / sum_v);
  SetHeterogeneity(qe, k_pos > 1 ? k_yi : 1, out);
  out.qe = qe;
  out.k_yi = k_yi;
  return out;
}

}  // namespace refract::stats
