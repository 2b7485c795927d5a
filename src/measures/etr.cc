#include <fmt/format.h>

#include <cmath>

#include "refract/measures/not_on_track.h"

namespace refract::measures {

std::string_view ToString(EtrPosition position) {
  switch (position) {
    case EtrPosition::kAboveBoundary:
      return "above_boundary";
    case EtrPosition::kWorseThanExpected:
      return "worse_than_expected_inside_band";
    case EtrPosition::kBetterThanExpected:
      return "better_than_expected";
  }
  return "better_than_expected";
}

// Bisection on Φ(z) = erfc(-z / sqrt 2) / 2, which is monotone; 200 halvings of [-40, 40] reach
// the resolution of a double.
double NormalQuantile(double p) {
  double low = -40;
  double high = 40;
  for (int i = 0; i < 200; ++i) {
    const double mid = (low + high) / 2;
    if (0.5 * std::erfc(-mid / std::sqrt(2.0)) < p) {
      low = mid;
    } else {
      high = mid;
    }
  }
  return (low + high) / 2;
}

StatusOr<EtrPoint> EvaluateEtr(const EtrNormSet& norms, int intake, int t, int observed,
                               double percentile) {
  if (t < 1) return Status::InvalidArgument(fmt::format("ETR time index t = {} must be >= 1", t));
  if (!(percentile > 0.5 && percentile < 1)) {
    return Status::InvalidArgument(
        fmt::format("ETR boundary percentile {} must be in (0.5, 1)", percentile));
  }
  const double log_t = std::log(static_cast<double>(t));
  const double centred = intake - norms.intake_mean;
  const double variance =
      norms.tau00 + 2 * log_t * norms.tau01 + log_t * log_t * norms.tau11 + norms.sigma2;
  if (variance < 0) {
    return Status::InvalidArgument(
        fmt::format("ETR norm set '{}': V_t = {} is negative at t = {}", norms.id, variance, t));
  }
  EtrPoint point;
  point.t = t;
  point.z = NormalQuantile(percentile);
  point.expected =
      norms.beta00 + norms.beta01 * centred + (norms.beta10 + norms.beta11 * centred) * log_t;
  point.upper = point.expected + point.z * std::sqrt(variance);
  if (observed > point.upper) {
    point.position = EtrPosition::kAboveBoundary;
  } else if (observed > point.expected) {
    point.position = EtrPosition::kWorseThanExpected;
  }
  return point;
}

}  // namespace refract::measures
