// Prefetch (include/refract/cdshooks/prefetch.h): templates expand from the context; given prefetch
// is used as is; what is missing is fetched from fhirServer with the bearer token, here from a
// local cpp-httplib FHIR stub server; failures are kFailedPrecondition naming the key.
#include "refract/cdshooks/prefetch.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <mutex>
#include <thread>

namespace refract::cdshooks {
namespace {

using nlohmann::json;

const ServiceDefinition& PatientView() { return *FindService("refract-patient-view"); }

HookRequest Request(const std::string& fhir_server) {
  HookRequest request;
  request.hook = "patient-view";
  request.hook_instance = "h-1";
  request.fhir_server = fhir_server;
  request.fhir_authorization =
      FhirAuthorization{"secret-token", "Bearer", 300, "user/*.read", "refract", ""};
  request.context = {{"patientId", "p1"}, {"userId", "Practitioner/1"}};
  return request;
}

json Searchset(const json& resources, const std::string& next = "") {
  json bundle = {{"resourceType", "Bundle"}, {"type", "searchset"}, {"entry", json::array()}};
  for (const json& resource : resources) bundle["entry"].push_back({{"resource", resource}});
  if (!next.empty()) bundle["link"] = json::array({{{"relation", "next"}, {"url", next}}});
  return bundle;
}

// A FHIR server on a free local port answering the five prefetch queries of patient p1.
class FhirStub {
 public:
  FhirStub() {
    server_.Get(R"(/fhir/(\w+).*)",
                [this](const httplib::Request& request, httplib::Response& response) {
                  {
                    std::lock_guard<std::mutex> lock(mutex_);
                    authorizations_.push_back(request.get_header_value("Authorization"));
                    paths_.push_back(request.path + (request.params.empty() ? "" : "?"));
                    if (request.has_param("code")) codes_ = request.get_param_value("code");
                  }
                  if (fail_) {
                    response.status = 500;
                    return;
                  }
                  const std::string type = request.matches[1].str();
                  json body;
                  if (type == "Patient") {
                    body = {{"resourceType", "Patient"}, {"id", "p1"}};
                  } else if (type == "MedicationRequest" && !request.has_param("page")) {
                    body = Searchset({{{"resourceType", "MedicationRequest"}, {"id", "m1"}}},
                                     base_ + "/MedicationRequest?patient=p1&page=2");
                  } else if (type == "MedicationRequest") {
                    body = Searchset({{{"resourceType", "MedicationRequest"}, {"id", "m2"}}});
                  } else {
                    body = Searchset({{{"resourceType", type}, {"id", type + "-1"}}});
                  }
                  response.set_content(body.dump(), "application/fhir+json");
                });
    port_ = server_.bind_to_any_port("127.0.0.1");
    base_ = "http://127.0.0.1:" + std::to_string(port_) + "/fhir";
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~FhirStub() {
    server_.stop();
    thread_.join();
  }

  const std::string& base() const { return base_; }
  void Fail() { fail_ = true; }
  std::vector<std::string> authorizations() {
    std::lock_guard<std::mutex> lock(mutex_);
    return authorizations_;
  }
  std::string codes() {
    std::lock_guard<std::mutex> lock(mutex_);
    return codes_;
  }

 private:
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::string base_;
  std::atomic<bool> fail_{false};
  std::mutex mutex_;
  std::vector<std::string> authorizations_;
  std::vector<std::string> paths_;
  std::string codes_;
};

std::vector<std::string> Ids(const json& bundle) {
  std::vector<std::string> ids;
  for (const json& entry : bundle["entry"]) {
    ids.push_back(entry["resource"]["resourceType"].get<std::string>() + "/" +
                  entry["resource"]["id"].get<std::string>());
  }
  return ids;
}

TEST(PrefetchTest, TemplatesExpandFromTheContext) {
  StatusOr<std::string> query =
      ExpandTemplate("Observation?patient={{context.patientId}}&code=1", {{"patientId", "123"}});
  ASSERT_TRUE(query.ok());
  EXPECT_EQ(*query, "Observation?patient=123&code=1");
  StatusOr<std::string> missing = ExpandTemplate("Patient/{{context.patientId}}", json::object());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().details()[0].path, "$.context.patientId");
}

TEST(PrefetchTest, GivenPrefetchIsUsedWithoutFetching) {
  HookRequest request = Request("");
  request.prefetch = json::object();
  for (const auto& [key, query] : PatientView().prefetch) {
    (*request.prefetch)[key] = Searchset({{{"resourceType", "Observation"}, {"id", key}}});
  }
  (*request.prefetch)["patient"] = {{"resourceType", "Patient"}, {"id", "p1"}};
  StatusOr<json> bundle = GatherResources(
      PatientView(), request, [](const std::string&, const std::string&) -> StatusOr<json> {
        ADD_FAILURE() << "nothing should be fetched";
        return Status::Unavailable("no");
      });
  ASSERT_TRUE(bundle.ok()) << bundle.status().message();
  EXPECT_EQ((*bundle)["type"], "collection");
  EXPECT_EQ(Ids(*bundle).size(), 6u);
}

TEST(PrefetchTest, WhatIsMissingIsFetchedFromTheFhirServerWithTheToken) {
  FhirStub stub;
  HookRequest request = Request(stub.base());
  request.prefetch =
      json{{"patient", {{"resourceType", "Patient"}, {"id", "p1"}}}, {"conditions", nullptr}};
  StatusOr<json> bundle =
      GatherResources(PatientView(), request, HttpFhirFetcher(std::chrono::seconds(5)));
  ASSERT_TRUE(bundle.ok()) << bundle.status().message();
  EXPECT_EQ(Ids(*bundle), (std::vector<std::string>{
                              "Patient/p1", "Condition/Condition-1", "MedicationRequest/m1",
                              "MedicationRequest/m2", "MedicationStatement/MedicationStatement-1",
                              "Observation/Observation-1", "Procedure/Procedure-1"}));
  for (const std::string& authorization : stub.authorizations()) {
    EXPECT_EQ(authorization, "Bearer secret-token");
  }
  EXPECT_EQ(stub.authorizations().size(), 6u);  // 5 queries, one of them with 2 pages
  EXPECT_NE(stub.codes().find("http://loinc.org|44261-6"), std::string::npos) << stub.codes();
}

TEST(PrefetchTest, AFailingFhirServerIsAFailedPreconditionNamingTheKey) {
  FhirStub stub;
  stub.Fail();
  StatusOr<json> bundle = GatherResources(PatientView(), Request(stub.base()),
                                          HttpFhirFetcher(std::chrono::seconds(5)));
  ASSERT_FALSE(bundle.ok());
  EXPECT_EQ(bundle.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(bundle.status().message().find("'patient'"), std::string::npos);
  EXPECT_NE(bundle.status().message().find("HTTP 500"), std::string::npos);
}

TEST(PrefetchTest, AnUnreachableFhirServerTimesOut) {
  StatusOr<json> bundle = GatherResources(PatientView(), Request("http://127.0.0.1:9/fhir"),
                                          HttpFhirFetcher(std::chrono::milliseconds(500)));
  ASSERT_FALSE(bundle.ok());
  EXPECT_EQ(bundle.status().code(), StatusCode::kFailedPrecondition);
}

TEST(PrefetchTest, NoFhirServerForMissingDataIsAFailedPrecondition) {
  StatusOr<json> bundle = GatherResources(
      PatientView(), Request(""),
      [](const std::string&, const std::string&) -> StatusOr<json> { return json::object(); });
  ASSERT_FALSE(bundle.ok());
  EXPECT_EQ(bundle.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(bundle.status().message().find("no fhirServer"), std::string::npos);
}

TEST(PrefetchTest, ANextPageOnAnotherHostIsNotFollowed) {
  HookRequest request = Request("https://ehr.example.org/fhir");
  StatusOr<json> bundle = GatherResources(
      PatientView(), request, [](const std::string&, const std::string&) -> StatusOr<json> {
        return Searchset(json::array(), "https://elsewhere.example.com/fhir/next");
      });
  ASSERT_FALSE(bundle.ok());
  EXPECT_NE(bundle.status().message().find("not on fhirServer"), std::string::npos);
}

}  // namespace
}  // namespace refract::cdshooks
