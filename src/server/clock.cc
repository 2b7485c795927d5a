// UTC timestamps (include/refract/server/clock.h).
#include "refract/server/clock.h"

#include <fmt/chrono.h>

namespace refract::server {

std::string Iso8601(TimePoint time) {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}",
                     fmt::gmtime(std::chrono::system_clock::to_time_t(time)));
}

}  // namespace refract::server
