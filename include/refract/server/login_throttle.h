// Login throttling (OWASP Authentication Cheat Sheet, "Login Throttling"): failed sign-ins are
// counted per account and per client address over a sliding window; past the limit, further
// attempts are refused without checking the password until the window has passed. A success clears
// the account's count (not the address's: one address guessing many accounts stays throttled).
// In memory: counts reset when the server restarts (documented in docs/server.md). Only failures
// are kept, and a key whose failures have all left the window is dropped, so attacker-chosen
// usernames cannot grow the maps beyond the failures of one window.
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
  // The accounts and addresses with failures held (for tests and metrics).
  size_t tracked() const;

 private:
  using Failures = std::deque<TimePoint>;
  using FailureMap = std::map<std::string, Failures>;
  std::chrono::seconds Wait(FailureMap& map, const std::string& key, int limit,
                            TimePoint now) const;
  // Drops the failures older than the window, and keys left with none.
  void Expire(FailureMap& map, TimePoint now) const;

  ThrottleLimits limits_;
  mutable std::mutex mutex_;
  FailureMap by_account_;
  FailureMap by_address_;
  size_t next_sweep_ = 1024;  // keys held when the next full expiry pass runs
};

}  // namespace refract::server
