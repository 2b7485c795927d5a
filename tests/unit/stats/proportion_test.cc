// The Wilson score interval (src/stats/proportion.cc) against its closed form.
#include "refract/stats/proportion.h"

#include <gtest/gtest.h>

namespace refract::stats {
namespace {

// Wilson 1927; reference values from the closed form (e.g. R binom::binom.wilson).
TEST(WilsonInterval, MatchesTheClosedForm) {
  auto [low, high] = WilsonInterval(0, 10);
  EXPECT_NEAR(low, 0.0, 1e-12);
  EXPECT_NEAR(high, 0.2775, 1e-4);
  std::tie(low, high) = WilsonInterval(5, 10);
  EXPECT_NEAR(low, 0.2366, 1e-4);
  EXPECT_NEAR(high, 0.7634, 1e-4);
  EXPECT_EQ(WilsonInterval(0, 0), std::make_pair(0.0, 0.0));
}

}  // namespace
}  // namespace refract::stats
