// Weighted least squares summaries in O(k p^2) time and O(p^2) extra memory, using the identities
// of tests/data/metafor/README.md ("O(k p^2) identities"): with A = X'WX and
// P = W - W X A^-1 X' W, never formed,
//   P y = w o r,  y'P y = sum w r^2,  y'PPy = sum (w r)^2,
//   tr(P D) = sum w d - tr(A^-1 X'W D W X),
//   tr(P D P E) = sum w^2 d e - 2 tr(A^-1 X' W^3 D E X) + tr(A^-1 X'WDWX A^-1 X'WEWX)
// for diagonal D and E.
#pragma once

#include <vector>

#include "design.h"
#include "small_matrix.h"

namespace refract::stats::internal {

struct WlsResult {
  std::vector<double> b;  // (X'WX)^-1 X'W y.
  Matrix a_inv;           // (X'WX)^-1.
  double log_det_a = 0;   // log|X'WX|.
  double sum_w = 0, sum_w2 = 0;
  double rss = 0;     // y'P y = sum w r^2.
  double rss_w2 = 0;  // y'PPy = sum (w r)^2.
  double tr_p = 0;    // Only when traces were requested.
  double tr_pp = 0;
};

// Weighted fit of y (length d.k) on d.x with weights w. Returns false if X'WX is not positive
// definite.
bool ComputeWls(const Design& d, const std::vector<double>& y, const std::vector<double>& w,
                bool traces, WlsResult* out);

// tr(P D) and tr(P D P E) for P = P(w); D = diag(dvec), E = diag(evec), a null pointer meaning the
// identity. `wls` must be ComputeWls(d, ., w, .).
struct PTraces {
  double tr_pd = 0;
  double tr_pdpe = 0;
};
PTraces ComputePTraces(const Design& d, const std::vector<double>& w, const WlsResult& wls,
                       const double* dvec, const double* evec);

// Weights 1 / (v_i + tau2).
std::vector<double> InverseVarianceWeights(const Design& d, double tau2);
void InverseVarianceWeights(const Design& d, double tau2, std::vector<double>* w);

}  // namespace refract::stats::internal
