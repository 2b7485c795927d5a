// A CSV read with the wrong separator: its header is one field, and the error of the first longer
// record ("line 2: record has 5 fields, header has 1") says which separator the header suggests.
#include <fmt/format.h>

#include "meta_analyses_internal.h"

namespace refract::meta_analyses {

Status WithSeparatorHint(const Status& status, std::string_view text, char separator) {
  const std::string_view header = text.substr(0, text.find('\n'));
  if (header.find(separator) != std::string_view::npos) return status;
  for (const auto& [candidate, flag] : {std::pair{';', "';'"}, std::pair{'\t', "'\\t'"}}) {
    if (candidate == separator || header.find(candidate) == std::string_view::npos) continue;
    return Status::InvalidArgument(fmt::format(
        "{} (the header has no '{}' but contains {}: is the separator {}? use --sep {}, or "
        "\"separator\" in the API)",
        status.message(), separator, flag, flag, flag));
  }
  return status;
}

}  // namespace refract::meta_analyses
