// Confidence intervals for a proportion. Pure computation.
#pragma once

#include <utility>

namespace refract::stats {

// The Wilson score interval for k successes in n trials at `level` (Wilson EB. Probable inference,
// the law of succession, and statistical inference. JASA 1927;22:209-212), clamped to [0, 1];
// {0, 0} for n = 0.
std::pair<double, double> WilsonInterval(long k, long n, double level = 0.95);

}  // namespace refract::stats
