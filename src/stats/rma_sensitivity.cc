// Leave-one-out and cumulative refits (metafor leave1out.rma.uni, cumul.rma.uni).
#include "refract/stats/rma_sensitivity.h"

#include <cmath>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "rma_internal.h"

namespace refract::stats {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

SubsetFit Summarise(const StatusOr<RmaResult>& fit) {
  SubsetFit s;
  if (!fit.ok()) {
    s = {kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN, kNaN};
    s.metafor_would_error = true;
    return s;
  }
  const RmaResult& r = *fit;
  s.estimate = r.estimate[0];
  s.se = r.se[0];
  s.zval = r.zval[0];
  s.pval = r.pval[0];
  s.ci_lb = r.ci_lb[0];
  s.ci_ub = r.ci_ub[0];
  s.q = r.qe;
  s.q_p = r.qe_p;
  s.tau2 = r.tau2;
  s.i2 = r.i2;
  s.h2 = r.h2;
  s.solver = r.solver;
  s.metafor_would_error = r.metafor_would_error;
  return s;
}

// Fits the studies idx (positions in the design) of an intercept-only design.
StatusOr<RmaResult> FitPositions(const internal::Design& d, const std::vector<std::size_t>& idx,
                                 const RmaOptions& options) {
  std::vector<double> y, v;
  std::vector<std::size_t> rows;
  for (std::size_t i : idx) {
    y.push_back(d.y[i]);
    v.push_back(d.v[i]);
    rows.push_back(d.rows[i]);
  }
  const std::size_t k = y.size();
  internal::Design sub = internal::MakeDesign(std::move(y), std::move(v),
                                              std::vector<double>(k, 1.0), 1, std::move(rows));
  sub.log_det_xtx = std::log(static_cast<double>(k));
  return internal::FitDesign(sub, options);
}

StatusOr<internal::Design> InterceptOnlyDesign(const RmaInput& input, const RmaOptions& options,
                                               std::size_t min_k) {
  if (input.num_moderators != 0) {
    return Status::InvalidArgument("moderators: only intercept-only models are supported (got " +
                                   std::to_string(input.num_moderators) + " moderators)");
  }
  StatusOr<internal::Design> d = internal::BuildDesign(input, options);
  if (d.ok() && d->k < min_k) {
    return Status::InvalidArgument("yi: needs k >= " + std::to_string(min_k) + " studies (got " +
                                   std::to_string(d->k) + ")");
  }
  return d;
}

Status ValidateOrder(std::span<const std::size_t> order, std::size_t n) {
  if (order.size() != n) {
    return Status::InvalidArgument("order: length " + std::to_string(order.size()) +
                                   " must equal the number of input rows " + std::to_string(n));
  }
  std::vector<bool> seen(n, false);
  for (std::size_t j = 0; j < n; ++j) {
    if (order[j] >= n || seen[order[j]]) {
      return Status::InvalidArgument("order[" + std::to_string(j) +
                                     "]: not a permutation of the input rows");
    }
    seen[order[j]] = true;
  }
  return Status::Ok();
}

}  // namespace

StatusOr<std::vector<SubsetFit>> LeaveOneOut(const RmaInput& input, const RmaOptions& options) {
  StatusOr<internal::Design> d = InterceptOnlyDesign(input, options, 2);
  if (!d.ok()) return d.status();
  std::vector<SubsetFit> out;
  out.reserve(d->k);
  std::vector<std::size_t> idx;
  for (std::size_t left_out = 0; left_out < d->k; ++left_out) {
    idx.clear();
    for (std::size_t i = 0; i < d->k; ++i) {
      if (i != left_out) idx.push_back(i);
    }
    out.push_back(Summarise(FitPositions(*d, idx, options)));
  }
  return out;
}

StatusOr<std::vector<SubsetFit>> Cumulative(const RmaInput& input, const RmaOptions& options,
                                            std::span<const std::size_t> order) {
  StatusOr<internal::Design> d = InterceptOnlyDesign(input, options, 1);
  if (!d.ok()) return d.status();
  const std::size_t n = input.yi.size();
  std::vector<std::size_t> natural(n);
  for (std::size_t i = 0; i < n; ++i) natural[i] = i;
  if (order.empty()) order = natural;
  if (Status s = ValidateOrder(order, n); !s.ok()) return s;
  std::vector<std::size_t> position(n, n);  // Input row -> design position (n if dropped).
  for (std::size_t i = 0; i < d->k; ++i) position[d->rows[i]] = i;
  std::vector<SubsetFit> out;
  std::vector<std::size_t> idx;
  for (std::size_t row : order) {
    if (position[row] == n) continue;
    idx.push_back(position[row]);
    out.push_back(Summarise(FitPositions(*d, idx, options)));
  }
  return out;
}

}  // namespace refract::stats
