#include "distributions.h"

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/fisher_f.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>
#include <limits>

namespace refract::stats::internal {
namespace {

namespace bm = boost::math;
using NoThrow = bm::policies::policy<bm::policies::domain_error<bm::policies::ignore_error>,
                                     bm::policies::overflow_error<bm::policies::ignore_error>,
                                     bm::policies::underflow_error<bm::policies::ignore_error>,
                                     bm::policies::pole_error<bm::policies::ignore_error>,
                                     bm::policies::evaluation_error<bm::policies::ignore_error>,
                                     bm::policies::rounding_error<bm::policies::ignore_error>>;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool Valid(double x) { return !std::isnan(x); }

}  // namespace

double NormalUpperQuantile(double alpha) {
  if (!(alpha > 0 && alpha < 1)) return kNaN;
  return bm::quantile(bm::complement(bm::normal_distribution<double, NoThrow>(), alpha));
}

double NormalTwoSidedP(double z) {
  if (!Valid(z)) return kNaN;
  if (std::isinf(z)) return 0.0;
  return 2.0 * bm::cdf(bm::complement(bm::normal_distribution<double, NoThrow>(), std::fabs(z)));
}

double StudentTUpperQuantile(double alpha, double df) {
  if (!(alpha > 0 && alpha < 1) || !(df > 0)) return kNaN;
  return bm::quantile(bm::complement(bm::students_t_distribution<double, NoThrow>(df), alpha));
}

double StudentTTwoSidedP(double t, double df) {
  if (!Valid(t) || !(df > 0)) return kNaN;
  if (std::isinf(t)) return 0.0;
  return 2.0 *
         bm::cdf(bm::complement(bm::students_t_distribution<double, NoThrow>(df), std::fabs(t)));
}

double ChiSquareUpperTail(double x, double df) {
  if (!Valid(x) || !(df > 0)) return kNaN;
  if (x <= 0) return 1.0;
  if (std::isinf(x)) return 0.0;
  return bm::cdf(bm::complement(bm::chi_squared_distribution<double, NoThrow>(df), x));
}

double ChiSquareQuantile(double p, double df) {
  if (!(p > 0 && p < 1) || !(df > 0)) return kNaN;
  return bm::quantile(bm::chi_squared_distribution<double, NoThrow>(df), p);
}

double FUpperTail(double x, double df1, double df2) {
  if (!Valid(x) || !(df1 > 0) || !(df2 > 0)) return kNaN;
  if (x <= 0) return 1.0;
  if (std::isinf(x)) return 0.0;
  return bm::cdf(bm::complement(bm::fisher_f_distribution<double, NoThrow>(df1, df2), x));
}

}  // namespace refract::stats::internal
