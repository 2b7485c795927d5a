#include "small_matrix.h"

#include <cmath>

namespace refract::stats::internal {

bool CholeskyInvert(const Matrix& a, std::size_t n, double rel_pivot_tol, Matrix* inverse,
                    double* log_det) {
  Matrix l(n * n, 0.0);
  double ld = 0.0;
  for (std::size_t j = 0; j < n; ++j) {
    double d = a[j * n + j];
    for (std::size_t m = 0; m < j; ++m) d -= l[j * n + m] * l[j * n + m];
    if (!(d > 0.0) || !(d > rel_pivot_tol * a[j * n + j])) return false;
    const double ljj = std::sqrt(d);
    l[j * n + j] = ljj;
    ld += 2.0 * std::log(ljj);
    for (std::size_t i = j + 1; i < n; ++i) {
      double s = a[i * n + j];
      for (std::size_t m = 0; m < j; ++m) s -= l[i * n + m] * l[j * n + m];
      l[i * n + j] = s / ljj;
    }
  }
  // Invert L (lower triangular), then inverse = L^-T L^-1.
  Matrix li(n * n, 0.0);
  for (std::size_t j = 0; j < n; ++j) {
    li[j * n + j] = 1.0 / l[j * n + j];
    for (std::size_t i = j + 1; i < n; ++i) {
      double s = 0.0;
      for (std::size_t m = j; m < i; ++m) s -= l[i * n + m] * li[m * n + j];
      li[i * n + j] = s / l[i * n + i];
    }
  }
  inverse->assign(n * n, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j <= i; ++j) {
      double s = 0.0;
      for (std::size_t m = i; m < n; ++m) s += li[m * n + i] * li[m * n + j];
      (*inverse)[i * n + j] = s;
      (*inverse)[j * n + i] = s;
    }
  }
  *log_det = ld;
  return true;
}

Matrix Multiply(const Matrix& a, const Matrix& b, std::size_t n) {
  Matrix out(n * n, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t m = 0; m < n; ++m) {
      const double aim = a[i * n + m];
      for (std::size_t j = 0; j < n; ++j) out[i * n + j] += aim * b[m * n + j];
    }
  }
  return out;
}

double TraceOfProduct(const Matrix& a, const Matrix& b, std::size_t n) {
  double s = 0.0;
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) s += a[i * n + j] * b[j * n + i];
  }
  return s;
}

std::vector<double> MultiplyVector(const Matrix& a, const std::vector<double>& x, std::size_t n) {
  std::vector<double> y(n, 0.0);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = 0; j < n; ++j) y[i] += a[i * n + j] * x[j];
  }
  return y;
}

Matrix SubMatrix(const Matrix& a, std::size_t n, const std::vector<std::size_t>& idx) {
  const std::size_t m = idx.size();
  Matrix out(m * m);
  for (std::size_t i = 0; i < m; ++i) {
    for (std::size_t j = 0; j < m; ++j) out[i * m + j] = a[idx[i] * n + idx[j]];
  }
  return out;
}

}  // namespace refract::stats::internal
