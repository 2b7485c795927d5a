#include "refract/stats/rma_influence.h"

#include <cmath>

#include "distributions.h"
#include "refract/stats/rma_sensitivity.h"

namespace refract::stats {
namespace {

// metafor's rule: residuals below 100 machine epsilons are exactly 0.
double Residual(double y, double fitted) {
  const double r = y - fitted;
  return std::fabs(r) < 100 * 2.220446049250313e-16 ? 0 : r;
}

}  // namespace

StatusOr<std::vector<InfluenceRow>> Influence(const RmaInput& input, const RmaResult& fit) {
  if (input.num_moderators != 0 || fit.p != 1) {
    return Status::InvalidArgument("influence: only for a model without moderators");
  }
  if (fit.options.test == TestType::kKnha) {
    return Status::InvalidArgument("influence: not with Knapp-Hartung (knha) inference");
  }
  StatusOr<std::vector<SubsetFit>> deleted = LeaveOneOut(input, fit.options);
  if (!deleted.ok()) return deleted.status();
  const double b = fit.estimate[0];
  const double var_b = fit.se[0] * fit.se[0];
  const std::size_t k = fit.k;
  double sum_w = 0;
  for (std::size_t row : fit.used_rows) sum_w += 1 / (input.vi[row] + fit.tau2);
  std::vector<InfluenceRow> rows;
  for (std::size_t i = 0; i < k; ++i) {
    const SubsetFit& d = (*deleted)[i];
    const double yi = input.yi[fit.used_rows[i]];
    const double vi = input.vi[fit.used_rows[i]];
    double sum_w_del = 0;
    for (std::size_t row : fit.used_rows) sum_w_del += 1 / (input.vi[row] + d.tau2);
    InfluenceRow r;
    r.hat = 1 / (vi + fit.tau2) / sum_w;
    r.weight = 100 * r.hat;
    r.rstudent = Residual(yi, d.estimate) / std::sqrt(vi + d.se * d.se + d.tau2);
    r.dffits = (b - d.estimate) / std::sqrt(r.hat * (d.tau2 + vi));
    r.cook_d = (b - d.estimate) * (b - d.estimate) / var_b;
    r.cov_r = d.se * d.se / var_b;
    r.tau2_del = d.tau2;
    r.qe_del = d.q;
    r.dfbetas = (b - d.estimate) * std::sqrt(sum_w_del);
    r.influential = std::fabs(r.dffits) > 3 * std::sqrt(1.0 / (k - 1)) ||
                    1 - internal::ChiSquareUpperTail(r.cook_d, 1) > 0.5 || r.hat > 3.0 / k ||
                    std::fabs(r.dfbetas) > 1;
    rows.push_back(r);
  }
  return rows;
}

}  // namespace refract::stats
