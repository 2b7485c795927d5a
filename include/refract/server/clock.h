// The server's view of time, behind an interface so tests control it (sessions expire, logins are
// throttled over a window). The engine never reads the clock; only adapters do.
#pragma once

#include <chrono>
#include <string>

namespace refract::server {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  TimePoint Now() const override { return std::chrono::system_clock::now(); }
};

// "2026-12-06T10:15:00Z" (UTC, whole seconds): the form every stored time takes, so that text order
// is time order.
std::string Iso8601(TimePoint time);

}  // namespace refract::server
