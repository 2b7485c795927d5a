// Prometheus text exposition (include/refract/server/metrics.h).
#include "refract/server/metrics.h"

#include <fmt/format.h>

namespace refract::server {

void Metrics::Record(const std::string& route, const std::string& method, int status,
                     const std::string& error_code, std::chrono::nanoseconds duration) {
  const double seconds = std::chrono::duration<double>(duration).count();
  std::lock_guard lock(mutex_);
  ++requests_[{route, method, status}];
  if (status >= 400) ++errors_[{route, method, error_code}];
  Latency& latency = latencies_[{route, method}];
  for (size_t i = 0; i < kBuckets.size(); ++i) {
    if (seconds <= kBuckets[i]) ++latency.buckets[i];
  }
  ++latency.count;
  latency.sum_seconds += seconds;
}

std::string Metrics::Exposition() const {
  std::lock_guard lock(mutex_);
  std::string out =
      "# HELP refract_http_requests_total HTTP requests by route pattern, method and status.\n"
      "# TYPE refract_http_requests_total counter\n";
  for (const auto& [key, count] : requests_) {
    const auto& [route, method, status] = key;
    out +=
        fmt::format("refract_http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                    route, method, status, count);
  }
  out +=
      "# HELP refract_http_errors_total HTTP error responses by route pattern, method and error "
      "code.\n# TYPE refract_http_errors_total counter\n";
  for (const auto& [key, count] : errors_) {
    const auto& [route, method, code] = key;
    out += fmt::format("refract_http_errors_total{{route=\"{}\",method=\"{}\",code=\"{}\"}} {}\n",
                       route, method, code, count);
  }
  out +=
      "# HELP refract_http_request_duration_seconds Time from request read to response ready.\n"
      "# TYPE refract_http_request_duration_seconds histogram\n";
  for (const auto& [key, latency] : latencies_) {
    const auto& [route, method] = key;
    const std::string labels = fmt::format("route=\"{}\",method=\"{}\"", route, method);
    for (size_t i = 0; i < kBuckets.size(); ++i) {
      out += fmt::format("refract_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n",
                         labels, kBuckets[i], latency.buckets[i]);
    }
    out += fmt::format("refract_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n",
                       labels, latency.count);
    out += fmt::format("refract_http_request_duration_seconds_sum{{{}}} {}\n", labels,
                       latency.sum_seconds);
    out += fmt::format("refract_http_request_duration_seconds_count{{{}}} {}\n", labels,
                       latency.count);
  }
  out += fmt::format(
      "# HELP refract_http_in_flight_requests Requests being handled now.\n"
      "# TYPE refract_http_in_flight_requests gauge\nrefract_http_in_flight_requests {}\n",
      in_flight_.load());
  return out;
}

}  // namespace refract::server
