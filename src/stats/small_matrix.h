// Dense p x p helpers for the meta-regression normal equations (p = number of coefficients,
// typically 1-5). Row-major std::vector<double> storage.
//
// Why hand-written rather than Eigen: every matrix here is p x p with tiny p, the only
// factorisation needed is a Cholesky of a symmetric positive-definite matrix, and keeping the
// stats library free of another dependency keeps its link line to refract::base and Boost.Math.
// metafor inverts X'WX through a QR of sqrt(W) X; Cholesky agrees with it to ~1e-13
// (tests/data/metafor/README.md section 0).
#pragma once

#include <cstddef>
#include <vector>

namespace refract::stats::internal {

using Matrix = std::vector<double>;  // Row-major n x n.

// Inverts the symmetric positive-definite `a` (n x n) via Cholesky and returns log|a|.
// Returns false (outputs unspecified) if a pivot is not positive or is below
// rel_pivot_tol * the corresponding diagonal element (numerically rank-deficient).
bool CholeskyInvert(const Matrix& a, std::size_t n, double rel_pivot_tol, Matrix* inverse,
                    double* log_det);

// out = a * b (all n x n).
Matrix Multiply(const Matrix& a, const Matrix& b, std::size_t n);

// tr(a * b) = sum_ij a_ij b_ji.
double TraceOfProduct(const Matrix& a, const Matrix& b, std::size_t n);

// y = a * x (a is n x n, x length n).
std::vector<double> MultiplyVector(const Matrix& a, const std::vector<double>& x, std::size_t n);

// Sub-matrix of `a` (n x n) on the index set `idx` (rows and columns).
Matrix SubMatrix(const Matrix& a, std::size_t n, const std::vector<std::size_t>& idx);

}  // namespace refract::stats::internal
