#include "refract/stats/proportion.h"

#include <algorithm>
#include <cmath>

#include "distributions.h"

namespace refract::stats {

std::pair<double, double> WilsonInterval(long k, long n, double level) {
  if (n == 0) return {0, 0};
  const double z = internal::NormalUpperQuantile((1 - level) / 2);
  const double p = static_cast<double>(k) / n;
  const double denominator = 1 + z * z / n;
  const double centre = (p + z * z / (2.0 * n)) / denominator;
  const double half = z * std::sqrt(p * (1 - p) / n + z * z / (4.0 * n * n)) / denominator;
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

}  // namespace refract::stats
