// Health, readiness, metrics, the OpenAPI document against the routes, and graceful shutdown.
#include <gtest/gtest.h>

#include <future>
#include <regex>
#include <set>

#include "server_fixture.h"

namespace refract::server::testing {
namespace {

using nlohmann::json;

class ServiceTest : public ServerTest {};

TEST_P(ServiceTest, HealthAndReadinessAnswerWithoutCredentials) {
  EXPECT_EQ(Get("/healthz", nullptr)->status, 200);
  httplib::Result ready = Get("/readyz", nullptr);
  EXPECT_EQ(ready->status, 200);
  EXPECT_EQ(json::parse(ready->body)["knowledge_version"], engine().knowledge_version());
}

TEST_P(ServiceTest, MetricsCountRequestsByRoutePatternNeverByPatientId) {
  const json patient = CreatePatient(clinician_a_, "examples/a-early-single-failure.json");
  const std::string id = patient["patient_id"];
  Get("/api/v1/patients/" + id, &clinician_a_);
  Get("/api/v1/patients", nullptr);
  const std::string metrics = Get("/metrics", nullptr)->body;
  EXPECT_NE(
      metrics.find("refract_http_requests_total{route=\"/api/v1/patients/{id}\",method=\"GET\""
                   ",status=\"200\"} 1"),
      std::string::npos)
      << metrics;
  EXPECT_NE(metrics.find("refract_http_errors_total{route=\"/api/v1/patients\",method=\"GET\","
                         "code=\"unauthenticated\"} 1"),
            std::string::npos);
  EXPECT_NE(metrics.find("refract_http_request_duration_seconds_bucket"), std::string::npos);
  EXPECT_EQ(metrics.find(id), std::string::npos);
}

TEST_P(ServiceTest, TheOpenApiDocumentDescribesExactlyTheRoutesServed) {
  httplib::Result document = Get("/api/v1/openapi.json", nullptr);
  ASSERT_EQ(document->status, 200);
  const json openapi = json::parse(document->body);
  EXPECT_EQ(openapi["openapi"], "3.1.0");
  std::set<std::pair<std::string, std::string>> documented;
  for (const auto& [path, operations] : openapi["paths"].items()) {
    for (const auto& [method, operation] : operations.items()) {
      std::string upper = method;
      for (char& c : upper) c = static_cast<char>(std::toupper(c));
      documented.insert({upper, path});
      EXPECT_TRUE(operation.contains("responses")) << method << " " << path;
    }
  }
  std::set<std::pair<std::string, std::string>> served;
  for (const RouteName& route : server_->routes()) served.insert({route.method, route.path});
  EXPECT_EQ(documented, served);
}

TEST_P(ServiceTest, ClientsBeyondTheWorkerCountAreServedWhileOthersKeepTheirConnectionsOpen) {
  std::vector<std::unique_ptr<httplib::Client>> idle;
  for (int i = 0; i < config_.threads; ++i) {  // every worker holds an idle keep-alive connection
    idle.push_back(std::make_unique<httplib::Client>("127.0.0.1", port_));
    idle.back()->set_keep_alive(true);
    ASSERT_EQ(idle.back()->Get("/healthz")->status, 200);
  }
  httplib::Client late("127.0.0.1", port_);
  late.set_read_timeout(std::chrono::seconds(4));
  const auto start = std::chrono::steady_clock::now();
  httplib::Result result = late.Get("/healthz");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
}

TEST_P(ServiceTest, StopLetsRequestsInProgressFinishAndThenRefusesNewOnes) {
  const std::string record = ReadProjectFile("examples/b-two-classes-augmentation-cbt.json");
  std::vector<std::future<int>> requests;
  for (int i = 0; i < 16; ++i) {
    requests.push_back(std::async(std::launch::async, [&] {
      httplib::Client client("127.0.0.1", port_);
      httplib::Result result =
          client.Post("/api/v1/assess", Bearer(clinician_a_), record, "application/json");
      return result ? result->status : -1;
    }));
  }
  server_->Stop();
  for (auto& request : requests) {
    const int status = request.get();
    EXPECT_TRUE(status == 200 || status == -1) << status;  // finished whole, or never accepted
  }
  serving_.join();
  httplib::Client late("127.0.0.1", port_);
  EXPECT_FALSE(late.Get("/healthz"));
}

TEST_P(ServiceTest, ScoreGivesTheCliDocumentWithACriticalAlertForItem9) {
  httplib::Result scored = Send("POST", "/api/v1/score", &clinician_a_,
                                R"({"instrument": "phq9", "items": [1,1,1,1,1,1,1,1,1]})");
  ASSERT_EQ(scored->status, 200) << scored->body;
  const json document = json::parse(scored->body);
  EXPECT_EQ(document["format"], "refract-score/1");
  EXPECT_EQ(document["total"], 9);
  EXPECT_EQ(document["safety_alerts"][0]["severity"], "critical");
  httplib::Result hamd = Send(
      "POST", "/api/v1/score", &clinician_a_,
      R"({"instrument": "hamd17", "items": [2,1,0,1,1,1,2,1,1,1,1,1,1,1,0,2,0], "variants": {"16": "A"}})");
  ASSERT_EQ(hamd->status, 200) << hamd->body;
  EXPECT_EQ(json::parse(hamd->body)["variants"]["16"], "A");
  EXPECT_EQ(
      Send("POST", "/api/v1/score", &clinician_a_, R"({"instrument": "phq8", "total": 3})")->status,
      404);
  httplib::Result bad =
      Send("POST", "/api/v1/score", &clinician_a_, R"({"instrument": "phq9", "items": [1, "x"]})");
  EXPECT_EQ(json::parse(bad->body)["error"]["details"][0]["path"], "$.items[1]");
}

TEST_P(ServiceTest, MetaPoolsACsvGivenAsText) {
  const json request = {{"text", "study,yi,vi\nA,0.5,0.04\nB,0.3,0.02\nC,0.8,0.09\n"},
                        {"measure", "GEN"},
                        {"method", "REML"}};
  httplib::Result pooled = Send("POST", "/api/v1/meta", &clinician_a_, request.dump());
  ASSERT_EQ(pooled->status, 200) << pooled->body;
  EXPECT_NE(pooled->body.find("\"k\""), std::string::npos);
  json wrong = request;
  wrong["method"] = "XX";
  EXPECT_EQ(Send("POST", "/api/v1/meta", &clinician_a_, wrong.dump())->status, 400);
  json analyses = request;
  analyses["leave1out"] = true;
  analyses["confint"] = true;
  httplib::Result further = Send("POST", "/api/v1/meta", &clinician_a_, analyses.dump());
  ASSERT_EQ(further->status, 200) << further->body;
  EXPECT_EQ(json::parse(further->body)["leave1out"].size(), 3u);
  EXPECT_TRUE(json::parse(further->body).contains("confint"));
  json combination = request;
  combination["order"] = "year";
  httplib::Result refused = Send("POST", "/api/v1/meta", &clinician_a_, combination.dump());
  EXPECT_EQ(refused->status, 400);
  EXPECT_EQ(json::parse(refused->body)["error"]["details"][0]["path"], "order");
}

INSTANTIATE_TEST_SUITE_P(Stores, ServiceTest, ::testing::ValuesIn(kStoreKinds));

}  // namespace
}  // namespace refract::server::testing
