// The login throttle's memory (include/refract/server/login_throttle.h): attacker-chosen
// usernames must not grow it without bound.
#include "refract/server/login_throttle.h"

#include <gtest/gtest.h>

#include <string>

namespace refract::server {
namespace {

const TimePoint kStart{std::chrono::seconds(1'796'000'000)};

TEST(LoginThrottleTest, CheckingAnAccountKeepsNothing) {
  LoginThrottle throttle(ThrottleLimits{});
  for (int i = 0; i < 1000; ++i) {
    EXPECT_EQ(throttle.RetryAfter("user-" + std::to_string(i), "10.0.0.1", kStart).count(), 0);
  }
  EXPECT_EQ(throttle.tracked(), 0u);
}

TEST(LoginThrottleTest, FailuresOutsideTheWindowAreForgotten) {
  const ThrottleLimits limits{};
  LoginThrottle throttle(limits);
  for (int i = 0; i < 3000; ++i) {
    throttle.RecordFailure("user-" + std::to_string(i), "10.0.0." + std::to_string(i % 200),
                           kStart);
  }
  EXPECT_EQ(throttle.tracked(), 3200u);
  const TimePoint later = kStart + limits.window;
  for (int i = 0; i < 3000; ++i) {
    throttle.RecordFailure("other-" + std::to_string(i), "10.0.1.1", later);
  }
  EXPECT_LT(throttle.tracked(), 3200u);
  EXPECT_EQ(throttle.RetryAfter("user-1", "10.0.0.1", later).count(), 0);
}

TEST(LoginThrottleTest, TheLimitStillHolds) {
  const ThrottleLimits limits{};
  LoginThrottle throttle(limits);
  for (int i = 0; i < limits.per_account; ++i) throttle.RecordFailure("alice", "10.0.0.1", kStart);
  EXPECT_GT(throttle.RetryAfter("alice", "10.0.0.2", kStart).count(), 0);
  EXPECT_EQ(throttle.RetryAfter("bob", "10.0.0.2", kStart).count(), 0);
  throttle.RecordSuccess("alice");
  EXPECT_EQ(throttle.RetryAfter("alice", "10.0.0.2", kStart).count(), 0);
}

}  // namespace
}  // namespace refract::server
