// Prefetch (CDS Hooks 2.0.1 "Providing FHIR Resources to a CDS Service"): the data a service needs
// comes in the request's `prefetch`, or the service fetches it from `fhirServer` with the
// `fhirAuthorization` bearer token.
//
// Contract:
// - A prefetch key that is absent or null is fetched from fhirServer (the template expanded with
//   the request's context); a searchset answer's `next` pages are followed (at most kMaxPages).
// - No fhirServer for a missing key, or a fetch that fails: kFailedPrecondition naming the key
//   (the route answers 412, as the spec asks of a service that cannot obtain its data).
// - The result is one Bundle of type collection holding every resource once (by type and id).
#pragma once

#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "refract/base/status.h"
#include "refract/cdshooks/model.h"
#include "refract/cdshooks/services.h"

namespace refract::cdshooks {

inline constexpr int kMaxPages = 20;

// GET `url` (absolute) with `Authorization: Bearer <bearer>` (none when empty); the JSON body.
using FhirFetcher =
    std::function<StatusOr<nlohmann::json>(const std::string& url, const std::string& bearer)>;

// The production fetcher: cpp-httplib's client (http, and https: the Debian package is built with
// OpenSSL), `timeout` for connecting and for reading. Non-2xx answers and non-JSON bodies are
// kUnavailable naming the status.
FhirFetcher HttpFhirFetcher(std::chrono::milliseconds timeout);

// `{{context.name}}` replaced by the context's string member `name`; kInvalidArgument names a
// token the context does not give.
StatusOr<std::string> ExpandTemplate(const std::string& query, const nlohmann::json& context);

StatusOr<nlohmann::json> GatherResources(const ServiceDefinition& service,
                                         const HookRequest& request, const FhirFetcher& fetch);

}  // namespace refract::cdshooks
