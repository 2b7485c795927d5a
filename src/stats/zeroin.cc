#include "zeroin.h"

#include <cfloat>
#include <cmath>

namespace refract::stats::internal {
namespace {

// One interpolation step of R_zeroin2: returns the proposed step, or `bisect` when the
// interpolated point is rejected.
double InterpolatedStep(double a, double b, double c, double fa, double fb, double fc,
                        double prev_step, double tol_act, double bisect) {
  const double cb = c - b;
  double p, q;
  if (a == c) {  // Linear interpolation (secant).
    const double t1 = fb / fa;
    p = cb * t1;
    q = 1.0 - t1;
  } else {  // Inverse quadratic interpolation.
    q = fa / fc;
    const double t1 = fb / fc;
    const double t2 = fb / fa;
    p = t2 * (cb * q * (q - t1) - (b - a) * (t1 - 1.0));
    q = (q - 1.0) * (t1 - 1.0) * (t2 - 1.0);
  }
  if (p > 0.0) {
    q = -q;
  } else {
    p = -p;
  }
  if (p < (0.75 * cb * q - std::fabs(tol_act * q) / 2.0) && p < std::fabs(prev_step * q / 2.0)) {
    return p / q;
  }
  return bisect;
}

}  // namespace

ZeroinResult Zeroin(const std::function<double(double)>& f, double lower, double upper,
                    double f_lower, double f_upper, double tol, int max_iterations) {
  double a = lower, b = upper, fa = f_lower, fb = f_upper;
  double c = a, fc = fa;
  ZeroinResult res;
  if (fa == 0.0) return {a, 0, true, 0.0};
  if (fb == 0.0) return {b, 0, true, 0.0};
  int maxit = max_iterations + 1;
  while (maxit--) {
    const double prev_step = b - a;
    if (std::fabs(fc) < std::fabs(fb)) {  // Make b the best approximation.
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const double tol_act = 2.0 * DBL_EPSILON * std::fabs(b) + tol / 2.0;
    double new_step = (c - b) / 2.0;
    if (std::fabs(new_step) <= tol_act || fb == 0.0) {
      return {b, max_iterations - maxit, true, std::fabs(c - b)};
    }
    if (std::fabs(prev_step) >= tol_act && std::fabs(fa) > std::fabs(fb)) {
      new_step = InterpolatedStep(a, b, c, fa, fb, fc, prev_step, tol_act, new_step);
    }
    if (std::fabs(new_step) < tol_act) new_step = new_step > 0.0 ? tol_act : -tol_act;
    a = b;
    fa = fb;
    b += new_step;
    fb = f(b);
    if ((fb > 0.0 && fc > 0.0) || (fb < 0.0 && fc < 0.0)) {
      c = a;
      fc = fa;
    }
  }
  res.root = b;
  res.iterations = max_iterations;
  res.converged = false;
  res.estim_prec = -1.0;
  return res;
}

}  // namespace refract::stats::internal
