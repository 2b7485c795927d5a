// The validated data of one model fit: used rows only, with the intercept column in X.
#pragma once

#include <cstddef>
#include <vector>

namespace refract::stats::internal {

struct Design {
  std::size_t k = 0;              // Studies used.
  std::size_t p = 0;              // Columns of X (intercept first).
  std::vector<double> y;          // Effect sizes.
  std::vector<double> ymc;        // y minus its unweighted mean (metafor's Ymc, for tau2).
  std::vector<double> v;          // Sampling variances (> 0).
  std::vector<double> x;          // Row-major k x p model matrix.
  std::vector<std::size_t> rows;  // Input rows used (0-based).
  double log_det_xtx = 0;         // log|X'X| (REML likelihood, REMLf = TRUE).
};

// Builds a design from complete, validated data (x row-major k x p including the intercept).
// Fills ymc; does not compute log_det_xtx.
Design MakeDesign(std::vector<double> y, std::vector<double> v, std::vector<double> x,
                  std::size_t p, std::vector<std::size_t> rows);

}  // namespace refract::stats::internal
