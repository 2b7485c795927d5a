// Prefetch and fetching from the EHR's FHIR server (include/refract/cdshooks/prefetch.h).
#include "refract/cdshooks/prefetch.h"

#include <fmt/format.h>
#include <httplib.h>

#include <set>

namespace refract::cdshooks {
namespace {

using nlohmann::json;

// `|` separates system and code in FHIR token searches; it is not allowed unencoded in a URL.
std::string EncodeQuery(const std::string& query) {
  std::string encoded;
  for (const char c : query) {
    if (c == '|') {
      encoded += "%7C";
    } else {
      encoded += c;
    }
  }
  return encoded;
}

void AddResource(const json& resource, std::set<std::string>& seen, json& entries) {
  if (!resource.is_object() || !resource.contains("resourceType")) return;
  const std::string key =
      resource.value("resourceType", "") + "/" + resource.value("id", std::to_string(seen.size()));
  if (!seen.insert(key).second) return;
  entries.push_back({{"resource", resource}});
}

// A searchset Bundle's entries, or the resource itself.
void AddAll(const json& value, std::set<std::string>& seen, json& entries) {
  if (value.is_object() && value.value("resourceType", "") == "Bundle") {
    for (const json& entry : value.value("entry", json::array())) {
      if (entry.is_object() && entry.contains("resource")) {
        AddResource(entry["resource"], seen, entries);
      }
    }
    return;
  }
  AddResource(value, seen, entries);
}

std::string NextPage(const json& bundle) {
  if (!bundle.is_object() || bundle.value("resourceType", "") != "Bundle") return "";
  for (const json& link : bundle.value("link", json::array())) {
    if (link.is_object() && link.value("relation", "") == "next" && link.contains("url") &&
        link["url"].is_string()) {
      return link["url"].get<std::string>();
    }
  }
  return "";
}

StatusOr<json> Fetch(const std::string& key, const std::string& query, const HookRequest& request,
                     const FhirFetcher& fetch, std::set<std::string>& seen, json& entries) {
  if (request.fhir_server.empty()) {
    return Status::FailedPrecondition(fmt::format(
        "prefetch '{}' is missing and the request names no fhirServer to fetch it from", key));
  }
  const std::string bearer =
      request.fhir_authorization ? request.fhir_authorization->access_token : "";
  std::string base = request.fhir_server;
  while (!base.empty() && base.back() == '/') base.pop_back();
  std::string url = base + "/" + EncodeQuery(query);
  for (int page = 0; page < kMaxPages && !url.empty(); ++page) {
    StatusOr<json> body = fetch(url, bearer);
    if (!body.ok()) {
      return Status::FailedPrecondition(
          fmt::format("prefetch '{}' could not be fetched from {}: {}", key, request.fhir_server,
                      body.status().message()));
    }
    AddAll(*body, seen, entries);
    url = NextPage(*body);
    if (!url.empty() && url.rfind(base + "/", 0) != 0) {
      return Status::FailedPrecondition(fmt::format(
          "prefetch '{}': the next page is not on fhirServer (the token is not sent elsewhere)",
          key));
    }
  }
  return json();
}

}  // namespace

FhirFetcher HttpFhirFetcher(std::chrono::milliseconds timeout) {
  return [timeout](const std::string& url, const std::string& bearer) -> StatusOr<json> {
    const size_t scheme_end = url.find("://");
    const size_t path_start =
        scheme_end == std::string::npos ? scheme_end : url.find('/', scheme_end + 3);
    if (scheme_end == std::string::npos) return Status::InvalidArgument("not an absolute URL");
    const std::string origin = url.substr(0, path_start);
    const std::string path = path_start == std::string::npos ? "/" : url.substr(path_start);
    httplib::Client client(origin);
    client.set_connection_timeout(timeout);
    client.set_read_timeout(timeout);
    client.set_write_timeout(timeout);
    httplib::Headers headers = {{"Accept", "application/fhir+json"}};
    if (!bearer.empty()) headers.emplace("Authorization", "Bearer " + bearer);
    httplib::Result result = client.Get(path, headers);
    if (!result) {
      return Status::Unavailable(fmt::format("no answer ({})", httplib::to_string(result.error())));
    }
    if (result->status < 200 || result->status > 299) {
      return Status::Unavailable(fmt::format("HTTP {}", result->status));
    }
    json body = json::parse(result->body, nullptr, false);
    if (body.is_discarded()) return Status::Unavailable("the answer is not JSON");
    return body;
  };
}

StatusOr<std::string> ExpandTemplate(const std::string& query, const json& context) {
  std::string out;
  size_t at = 0;
  while (true) {
    const size_t open = query.find("{{", at);
    if (open == std::string::npos) break;
    const size_t close = query.find("}}", open);
    if (close == std::string::npos) break;
    out += query.substr(at, open - at);
    const std::string token = query.substr(open + 2, close - open - 2);
    constexpr std::string_view kContext = "context.";
    const std::string name = token.rfind(kContext, 0) == 0 ? token.substr(kContext.size()) : "";
    if (name.empty() || !context.contains(name) || !context[name].is_string()) {
      return Status::InvalidFields(
          {{"$.context." + name, "is required by prefetch template {{" + token + "}}"}});
    }
    out += context[name].get<std::string>();
    at = close + 2;
  }
  return out + query.substr(at);
}

StatusOr<json> GatherResources(const ServiceDefinition& service, const HookRequest& request,
                               const FhirFetcher& fetch) {
  json entries = json::array();
  std::set<std::string> seen;
  for (const auto& [key, query_template] : service.prefetch) {
    const json* given = nullptr;
    if (request.prefetch && request.prefetch->contains(key) &&
        !(*request.prefetch)[key].is_null()) {
      given = &(*request.prefetch)[key];
    }
    if (given != nullptr) {
      AddAll(*given, seen, entries);
      continue;
    }
    StatusOr<std::string> query = ExpandTemplate(query_template, request.context);
    if (!query.ok()) return query.status();
    StatusOr<json> fetched = Fetch(key, *query, request, fetch, seen, entries);
    if (!fetched.ok()) return fetched.status();
  }
  json bundle = {{"resourceType", "Bundle"}, {"type", "collection"}};
  bundle["entry"] = std::move(entries);
  return bundle;
}

}  // namespace refract::cdshooks
