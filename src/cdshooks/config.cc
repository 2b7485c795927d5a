// The CDS Hooks configuration (include/refract/cdshooks/config.h).
#include "refract/cdshooks/config.h"

#include "json_fields.h"

namespace refract::cdshooks {
namespace {

bool IsHttpUrl(const std::string& url) {
  return url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
}

}  // namespace

StatusOr<CdsConfig> ParseCdsConfig(const nlohmann::json& config) {
  if (!config.is_object()) return Status::InvalidFields({{"$", "must be a JSON object"}});
  internal::FieldReader reader;
  CdsConfig result;
  result.public_url = reader.String(config, "$", "public_url", true);
  result.app_url = reader.String(config, "$", "app_url", true);
  for (const auto& [key, value] :
       {std::pair{"public_url", result.public_url}, std::pair{"app_url", result.app_url}}) {
    if (!value.empty() && !IsHttpUrl(value)) {
      reader.Add(internal::Member("$", key), "must be an absolute http(s) URL");
    }
  }
  while (!result.public_url.empty() && result.public_url.back() == '/') {
    result.public_url.pop_back();
  }
  if (std::optional<int64_t> timeout = reader.Integer(config, "$", "fetch_timeout_ms")) {
    if (*timeout < 100 || *timeout > 60000) {
      reader.Add("$.fetch_timeout_ms", "must be from 100 to 60000");
    } else {
      result.fetch_timeout_ms = static_cast<int>(*timeout);
    }
  }
  StatusOr<JwtPolicy> policy = ParseJwtPolicy(config);
  if (!policy.ok()) {
    for (const FieldError& error : policy.status().details()) reader.Add(error.path, error.rule);
  } else if (policy->issuers.empty()) {
    reader.Add("$.issuers", "must name at least one trusted issuer");
  } else {
    result.jwt = std::move(*policy);
  }
  if (!reader.ok()) return reader.ToStatus();
  return result;
}

}  // namespace refract::cdshooks
