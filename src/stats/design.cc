#include "design.h"

#include <utility>

namespace refract::stats::internal {

Design MakeDesign(std::vector<double> y, std::vector<double> v, std::vector<double> x,
                  std::size_t p, std::vector<std::size_t> rows) {
  Design d;
  d.k = y.size();
  d.p = p;
  long double sum = 0.0L;  // R's colMeans() accumulates in long double.
  for (double yi : y) sum += yi;
  const double mean = static_cast<double>(sum / static_cast<long double>(d.k));
  d.ymc.resize(d.k);
  for (std::size_t i = 0; i < d.k; ++i) d.ymc[i] = y[i] - mean;
  d.y = std::move(y);
  d.v = std::move(v);
  d.x = std::move(x);
  d.rows = std::move(rows);
  return d;
}

}  // namespace refract::stats::internal
