#include "wls.h"

#include <cstddef>

namespace refract::stats::internal {
namespace {

constexpr double kRelPivotTol = 1e-14;

// acc += s * x x' over the upper triangle (mirrored by Symmetrize).
void AddOuter(const double* x, std::size_t p, double s, Matrix* acc) {
  for (std::size_t a = 0; a < p; ++a) {
    const double sxa = s * x[a];
    for (std::size_t b = a; b < p; ++b) (*acc)[a * p + b] += sxa * x[b];
  }
}

void Symmetrize(std::size_t p, Matrix* m) {
  for (std::size_t a = 0; a < p; ++a) {
    for (std::size_t b = 0; b < a; ++b) (*m)[a * p + b] = (*m)[b * p + a];
  }
}

// Second pass: y'Py = sum w r^2 and y'PPy = sum (w r)^2 from the residuals r = y - X b.
void AccumulateResiduals(const Design& d, const std::vector<double>& y,
                         const std::vector<double>& w, WlsResult* out) {
  const std::size_t p = d.p;
  double rss = 0.0, rss_w2 = 0.0;
  for (std::size_t i = 0; i < d.k; ++i) {
    const double* xi = &d.x[i * p];
    double fitted = 0.0;
    for (std::size_t j = 0; j < p; ++j) fitted += xi[j] * out->b[j];
    const double r = y[i] - fitted;
    const double wr = w[i] * r;
    rss += wr * r;
    rss_w2 += wr * wr;
  }
  out->rss = rss;
  out->rss_w2 = rss_w2;
}

}  // namespace

bool ComputeWls(const Design& d, const std::vector<double>& y, const std::vector<double>& w,
                bool traces, WlsResult* out) {
  const std::size_t p = d.p;
  Matrix a(p * p, 0.0), b2, b3;
  if (traces) {
    b2.assign(p * p, 0.0);
    b3.assign(p * p, 0.0);
  }
  std::vector<double> c(p, 0.0);
  double sum_w = 0.0, sum_w2 = 0.0;
  for (std::size_t i = 0; i < d.k; ++i) {
    const double* xi = &d.x[i * p];
    const double wi = w[i];
    sum_w += wi;
    sum_w2 += wi * wi;
    AddOuter(xi, p, wi, &a);
    for (std::size_t j = 0; j < p; ++j) c[j] += wi * xi[j] * y[i];
    if (traces) {
      AddOuter(xi, p, wi * wi, &b2);
      AddOuter(xi, p, wi * wi * wi, &b3);
    }
  }
  Symmetrize(p, &a);
  if (!CholeskyInvert(a, p, kRelPivotTol, &out->a_inv, &out->log_det_a)) return false;
  out->b = MultiplyVector(out->a_inv, c, p);
  out->sum_w = sum_w;
  out->sum_w2 = sum_w2;
  AccumulateResiduals(d, y, w, out);
  if (traces) {
    Symmetrize(p, &b2);
    Symmetrize(p, &b3);
    const Matrix g = Multiply(out->a_inv, b2, p);
    out->tr_p = sum_w - TraceOfProduct(out->a_inv, b2, p);
    out->tr_pp = sum_w2 - 2.0 * TraceOfProduct(out->a_inv, b3, p) + TraceOfProduct(g, g, p);
  }
  return true;
}

PTraces ComputePTraces(const Design& d, const std::vector<double>& w, const WlsResult& wls,
                       const double* dvec, const double* evec) {
  const std::size_t p = d.p;
  Matrix md(p * p, 0.0), me(p * p, 0.0), mde(p * p, 0.0);
  double sum_wd = 0.0, sum_w2de = 0.0;
  for (std::size_t i = 0; i < d.k; ++i) {
    const double* xi = &d.x[i * p];
    const double di = dvec ? dvec[i] : 1.0;
    const double ei = evec ? evec[i] : 1.0;
    const double w2 = w[i] * w[i];
    sum_wd += w[i] * di;
    sum_w2de += w2 * di * ei;
    AddOuter(xi, p, w2 * di, &md);
    AddOuter(xi, p, w2 * ei, &me);
    AddOuter(xi, p, w2 * w[i] * di * ei, &mde);
  }
  Symmetrize(p, &md);
  Symmetrize(p, &me);
  Symmetrize(p, &mde);
  PTraces t;
  t.tr_pd = sum_wd - TraceOfProduct(wls.a_inv, md, p);
  const Matrix gd = Multiply(wls.a_inv, md, p);
  const Matrix ge = Multiply(wls.a_inv, me, p);
  t.tr_pdpe = sum_w2de - 2.0 * TraceOfProduct(wls.a_inv, mde, p) + TraceOfProduct(gd, ge, p);
  return t;
}

std::vector<double> InverseVarianceWeights(const Design& d, double tau2) {
  std::vector<double> w;
  InverseVarianceWeights(d, tau2, &w);
  return w;
}

void InverseVarianceWeights(const Design& d, double tau2, std::vector<double>* w) {
  w->resize(d.k);
  for (std::size_t i = 0; i < d.k; ++i) (*w)[i] = 1.0 / (d.v[i] + tau2);
}

}  // namespace refract::stats::internal
