// Sliding-window login throttle (include/refract/server/login_throttle.h).
#include "refract/server/login_throttle.h"

#include <algorithm>

namespace refract::server {

std::chrono::seconds LoginThrottle::Wait(FailureMap& map, const std::string& key, int limit,
                                         TimePoint now) const {
  const auto found = map.find(key);
  if (found == map.end()) return std::chrono::seconds(0);
  Failures& failures = found->second;
  while (!failures.empty() && now - failures.front() >= limits_.window) failures.pop_front();
  if (failures.empty()) {
    map.erase(found);
    return std::chrono::seconds(0);
  }
  if (static_cast<int>(failures.size()) < limit) return std::chrono::seconds(0);
  const TimePoint oldest_counted = failures[failures.size() - static_cast<size_t>(limit)];
  const auto wait = std::chrono::ceil<std::chrono::seconds>(oldest_counted + limits_.window - now);
  return std::max(wait, std::chrono::seconds(1));
}

void LoginThrottle::Expire(FailureMap& map, TimePoint now) const {
  for (auto it = map.begin(); it != map.end();) {
    Failures& failures = it->second;
    while (!failures.empty() && now - failures.front() >= limits_.window) failures.pop_front();
    it = failures.empty() ? map.erase(it) : std::next(it);
  }
}

std::chrono::seconds LoginThrottle::RetryAfter(const std::string& account,
                                               const std::string& address, TimePoint now) {
  std::lock_guard lock(mutex_);
  return std::max(Wait(by_account_, account, limits_.per_account, now),
                  Wait(by_address_, address, limits_.per_address, now));
}

void LoginThrottle::RecordFailure(const std::string& account, const std::string& address,
                                  TimePoint now) {
  std::lock_guard lock(mutex_);
  by_account_[account].push_back(now);
  by_address_[address].push_back(now);
  if (by_account_.size() + by_address_.size() >= next_sweep_) {
    Expire(by_account_, now);
    Expire(by_address_, now);
    next_sweep_ = std::max<size_t>(1024, 2 * (by_account_.size() + by_address_.size()));
  }
}

void LoginThrottle::RecordSuccess(const std::string& account) {
  std::lock_guard lock(mutex_);
  by_account_.erase(account);
}

size_t LoginThrottle::tracked() const {
  std::lock_guard lock(mutex_);
  return by_account_.size() + by_address_.size();
}

}  // namespace refract::server
