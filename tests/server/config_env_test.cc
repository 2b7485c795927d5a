// Server configuration from the environment (ApplyEnvironment, docs/server.md "Configuration"):
// values are applied, and an out-of-range one is refused with a message naming the variable.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>

#include "refract/server/server.h"

namespace refract::server {
namespace {

class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) { setenv(name, value, 1); }
  ~ScopedEnv() { unsetenv(name_); }

 private:
  const char* name_;
};

TEST(ConfigEnvTest, KeepAliveRequestsAreApplied) {
  ScopedEnv env("REFRACT_KEEP_ALIVE_REQUESTS", "100");
  ServerConfig config;
  ASSERT_TRUE(ApplyEnvironment(config).ok());
  EXPECT_EQ(config.keep_alive_requests, 100);
}

TEST(ConfigEnvTest, ZeroKeepAliveRequestsAreRefused) {
  ScopedEnv env("REFRACT_KEEP_ALIVE_REQUESTS", "0");
  ServerConfig config;
  const Status status = ApplyEnvironment(config);
  EXPECT_FALSE(status.ok());
  EXPECT_THAT(status.message(), ::testing::HasSubstr("REFRACT_KEEP_ALIVE_REQUESTS"));
  EXPECT_EQ(config.keep_alive_requests, 5);
}

TEST(ConfigEnvTest, KeepAliveSecondsAreApplied) {
  ScopedEnv env("REFRACT_KEEP_ALIVE_SECONDS", "5");
  ServerConfig config;
  ASSERT_TRUE(ApplyEnvironment(config).ok());
  EXPECT_EQ(config.keep_alive_seconds, 5);
}

TEST(ConfigEnvTest, KeepAliveSecondsBeyondFiveMinutesAreRefused) {
  ScopedEnv env("REFRACT_KEEP_ALIVE_SECONDS", "301");
  ServerConfig config;
  const Status status = ApplyEnvironment(config);
  EXPECT_FALSE(status.ok());
  EXPECT_THAT(status.message(), ::testing::HasSubstr("REFRACT_KEEP_ALIVE_SECONDS"));
  EXPECT_EQ(config.keep_alive_seconds, 1);
}

}  // namespace
}  // namespace refract::server
