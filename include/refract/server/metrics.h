// Request metrics in the Prometheus text exposition format 0.0.4
// (https://prometheus.io/docs/instrumenting/exposition_formats/), served at GET /metrics:
//   refract_http_requests_total{route,method,status}        counter
//   refract_http_request_duration_seconds{route,method}     histogram (buckets below)
//   refract_http_errors_total{route,method,code}            counter (4xx and 5xx by error code)
//   refract_http_in_flight_requests                         gauge
// `route` is the route pattern ("/api/v1/patients/{id}"), never the path, so no patient id reaches
// the metrics.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace refract::server {

class Metrics {
 public:
  // Upper bounds of the latency buckets, in seconds.
  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

  void Record(const std::string& route, const std::string& method, int status,
              const std::string& error_code, std::chrono::nanoseconds duration);
  void RequestStarted() { in_flight_.fetch_add(1); }
  void RequestFinished() { in_flight_.fetch_sub(1); }

  std::string Exposition() const;

 private:
  struct Latency {
    std::array<uint64_t, kBuckets.size()> buckets{};
    uint64_t count = 0;
    double sum_seconds = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, uint64_t> requests_;
  std::map<std::tuple<std::string, std::string, std::string>, uint64_t> errors_;
  std::map<std::pair<std::string, std::string>, Latency> latencies_;
  std::atomic<int64_t> in_flight_{0};
};

}  // namespace refract::server
