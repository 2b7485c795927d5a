// Sliding-window login throttle (include/refract/server/login_throttle.h).
#include "refract/server/login_throttle.h"

#include <algorithm>

namespace refract::server {

std::chrono::seconds LoginThrottle::Wait(Failures& failures, int limit, TimePoint now) const {
  while (!failures.empty() && now - failures.front() >= limits_.window) failures.pop_front();
  if (static_cast<int>(failures.size()) < limit) return std::chrono::seconds(0);
  const TimePoint oldest_counted = failures[failures.size() - static_cast<size_t>(limit)];
  const auto wait = std::chrono::ceil<std::chrono::seconds>(oldest_counted + limits_.window - now);
  return std::max(wait, std::chrono::seconds(1));
}

std::chrono::seconds LoginThrottle::RetryAfter(const std::string& account,
                                               const std::string& address, TimePoint now) {
  std::lock_guard lock(mutex_);
  return std::max(Wait(by_account_[account], limits_.per_account, now),
                  Wait(by_address_[address], limits_.per_address, now));
}

void LoginThrottle::RecordFailure(const std::string& account, const std::string& address,
                                  TimePoint now) {
  std::lock_guard lock(mutex_);
  by_account_[account].push_back(now);
  by_address_[address].push_back(now);
}

void LoginThrottle::RecordSuccess(const std::string& account) {
  std::lock_guard lock(mutex_);
  by_account_.erase(account);
}

}  // namespace refract::server
