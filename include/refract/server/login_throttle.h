// Login throttling (OWASP Authentication Cheat Sheet, "Login Throttling"): failed sign-ins are
// counted per account and per client address over a sliding window; past the limit, further
// attempts are refused without checking the password until the window has passed. A success clears
// the account's count (not the address's: one address guessing many accounts stays throttled).
// In memory: counts reset when the server restarts (documented in docs/server.md).
#pragma once

#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <string>

#include "refract/server/clock.h"

namespace refract::server {

struct ThrottleLimits {
  int per_account = 5;   // failures per account within `window`
  int per_address = 20;  // failures per client address within `window`
  std::chrono::seconds window{15 * 60};
};

class LoginThrottle {
 public:
  explicit LoginThrottle(ThrottleLimits limits) : limits_(limits) {}

  // Seconds until another attempt is allowed, or 0 when it is allowed now.
  std::chrono::seconds RetryAfter(const std::string& account, const std::string& address,
                                  TimePoint now);
  void RecordFailure(const std::string& account, const std::string& address, TimePoint now);
  void RecordSuccess(const std::string& account);

 private:
  using Failures = std::deque<TimePoint>;
  std::chrono::seconds Wait(Failures& failures, int limit, TimePoint now) const;

  ThrottleLimits limits_;
  std::mutex mutex_;
  std::map<std::string, Failures> by_account_;
  std::map<std::string, Failures> by_address_;
};

}  // namespace refract::server
