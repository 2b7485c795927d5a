// Every official CDS Hooks example (the 2.0.1 spec's code blocks and the hook library's
// order-select and patient-view examples, tests/data/cds-hooks/) round-trips through the wire model
// (include/refract/cdshooks/model.h): parse, write, equal JSON. A fragment (a context, a source, an
// action) is placed in the smallest document that holds it; the members added for that are the
// documented defaults ("hook", "hookInstance"; a card's "summary" and "source").
#include "refract/cdshooks/model.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "refract/cdshooks/services.h"

namespace refract::cdshooks {
namespace {

using nlohmann::json;

constexpr const char* kSpec = "tests/data/cds-hooks/spec-2.0.1/";
constexpr const char* kHooks = "tests/data/cds-hooks/hooks-library/";

json Read(const std::string& path) {
  std::ifstream file(path);
  return json::parse(file);
}

json RoundTripRequest(const json& body) {
  StatusOr<HookRequest> request = ParseHookRequest(body);
  EXPECT_TRUE(request.ok()) << request.status().message();
  return request.ok() ? ToJson(*request) : json();
}

json RoundTripResponse(const json& body) {
  StatusOr<HookResponse> response = ParseHookResponse(body);
  EXPECT_TRUE(response.ok()) << response.status().message();
  return response.ok() ? ToJson(*response) : json();
}

json WithDefaults(json fragment) {
  fragment["hook"] = "order-select";
  fragment["hookInstance"] = "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea";
  if (!fragment.contains("context")) fragment["context"] = json::object();
  if (fragment.contains("fhirAuthorization"))
    fragment["fhirServer"] = "https://ehr.example.org/fhir";
  return fragment;
}

json InCard(json fragment) {
  json card = {{"summary", "s"}, {"indicator", "info"}, {"source", {{"label", "l"}}}};
  card.update(fragment);
  return {{"cards", json::array({card})}};
}

TEST(ModelTest, FullRequestsRoundTrip) {
  for (const char* name : {"spec-02-example.json", "spec-26-extensions.json"}) {
    const json body = Read(std::string(kSpec) + name);
    EXPECT_EQ(RoundTripRequest(body), body) << name;
  }
}

TEST(ModelTest, RequestFragmentsRoundTrip) {
  for (const char* name :
       {"spec-04-example-prefetch-token.json", "spec-05-example-prefetch-token.json",
        "spec-06-example-prefetch-token.json", "spec-08-example-prefetch-data.json",
        "spec-09-passing-the-access-token-to-the-cds-service.json"}) {
    const json body = WithDefaults(Read(std::string(kSpec) + name));
    EXPECT_EQ(RoundTripRequest(body), body) << name;
  }
}

TEST(ModelTest, HookLibraryExamplesRoundTrip) {
  for (const char* name : {"order-select-01-example-r4.json", "order-select-02-example-stu3.json",
                           "order-select-03-example-dstu2.json"}) {
    const json body = WithDefaults(Read(std::string(kHooks) + name));
    EXPECT_EQ(RoundTripRequest(body), body) << name;
  }
  // patient-view-0N-examples.txt: each holds `"context": {...}` blocks, one after another.
  int contexts = 0;
  for (const char* name : {"patient-view-01-examples.txt", "patient-view-02-examples.txt"}) {
    std::ifstream file(std::string(kHooks) + name);
    std::stringstream text;
    text << file.rdbuf();
    const std::string all = text.str();
    for (size_t at = all.find("\"context\""); at != std::string::npos;
         at = all.find("\"context\"", at + 1)) {
      const size_t close = all.find('}', at);
      const json body = WithDefaults(json::parse("{" + all.substr(at, close - at + 1) + "}"));
      EXPECT_EQ(RoundTripRequest(body), body) << name;
      ++contexts;
    }
  }
  EXPECT_EQ(contexts, 2);
}

TEST(ModelTest, ResponsesRoundTrip) {
  for (const char* name : {"spec-10-http-response.json", "spec-16-system-action.json",
                           "spec-17-example.json", "spec-18-example.json"}) {
    const json body = Read(std::string(kSpec) + name);
    EXPECT_EQ(RoundTripResponse(body), body) << name;
  }
}

TEST(ModelTest, CardFragmentsRoundTrip) {
  for (const char* name : {"spec-11-source.json", "spec-15-reasons-for-rejecting-a-card.json"}) {
    const json body = InCard(Read(std::string(kSpec) + name));
    EXPECT_EQ(RoundTripResponse(body), body) << name;
  }
  for (const char* name : {"spec-12-action.json", "spec-13-action.json", "spec-14-action.json"}) {
    const json body =
        InCard({{"selectionBehavior", "any"},
                {"suggestions",
                 json::array({{{"label", "a"},
                               {"actions", json::array({Read(std::string(kSpec) + name)})}}})}});
    EXPECT_EQ(RoundTripResponse(body), body) << name;
  }
}

TEST(ModelTest, TheInfernoValidCardsRoundTrip) {
  const json cards = Read("tests/data/cds-hooks/inferno/valid_cards.json");
  const json body = {{"cards", cards}};
  EXPECT_EQ(RoundTripResponse(body), body);
}

TEST(ModelTest, FeedbackExamplesRoundTrip) {
  for (const char* name : {"spec-19-example-suggestion-accepted.json",
                           "spec-20-example-overridden-guidance-without-overridereason.json",
                           "spec-21-example-overridden-guidance-with-overridereason.json"}) {
    const json body = Read(std::string(kSpec) + name);
    StatusOr<std::vector<FeedbackItem>> feedback = ParseFeedback(body);
    ASSERT_TRUE(feedback.ok()) << name << ": " << feedback.status().message();
    EXPECT_EQ(ToJson(*feedback), body) << name;
  }
}

TEST(ModelTest, DiscoveryExamplesRoundTrip) {
  for (const char* name : {"spec-01-discovery-example.json", "spec-27-extensions.json"}) {
    const json body = Read(std::string(kSpec) + name);
    StatusOr<std::vector<ServiceDefinition>> services = ParseDiscovery(body);
    ASSERT_TRUE(services.ok()) << name << ": " << services.status().message();
    EXPECT_EQ(DiscoveryJson(*services), body) << name;
  }
  for (const char* name :
       {"spec-03-prefetch-template.json", "spec-07-example-prefetch-templates.json"}) {
    json body = {{"services", json::array({Read(std::string(kSpec) + name)})}};
    body["services"][0].update({{"hook", "patient-view"}, {"id", "x"}, {"description", "d"}});
    StatusOr<std::vector<ServiceDefinition>> services = ParseDiscovery(body);
    ASSERT_TRUE(services.ok()) << name << ": " << services.status().message();
    EXPECT_EQ(DiscoveryJson(*services), body) << name;
  }
}

TEST(ModelTest, BadRequestsNameTheFieldAndTheRule) {
  StatusOr<HookRequest> request =
      ParseHookRequest(json{{"hook", "patient-view"},
                            {"context", json::array()},
                            {"fhirAuthorization", {{"access_token", "t"}, {"token_type", "MAC"}}}});
  ASSERT_FALSE(request.ok());
  std::vector<std::string> paths;
  for (const FieldError& error : request.status().details()) paths.push_back(error.path);
  EXPECT_EQ(paths,
            (std::vector<std::string>{"$.hookInstance", "$.fhirAuthorization.token_type",
                                      "$.fhirAuthorization.scope", "$.fhirAuthorization.subject",
                                      "$.fhirServer", "$.context"}));
}

TEST(ModelTest, FeedbackRulesAreChecked) {
  StatusOr<std::vector<FeedbackItem>> feedback = ParseFeedback(json::parse(R"({"feedback": [
    {"card": "c1", "outcome": "ignored", "outcomeTimestamp": "2021-12-11T10:05:31Z"},
    {"card": "c2", "outcome": "overridden", "acceptedSuggestions": [{"id": "s"}],
     "outcomeTimestamp": "yesterday"}]})"));
  ASSERT_FALSE(feedback.ok());
  std::vector<std::string> paths;
  for (const FieldError& error : feedback.status().details()) paths.push_back(error.path);
  EXPECT_EQ(paths,
            (std::vector<std::string>{"$.feedback[0].outcome", "$.feedback[1].acceptedSuggestions",
                                      "$.feedback[1].outcomeTimestamp"}));
  EXPECT_FALSE(ParseFeedback(json{{"feedback", json::array()}}).ok());
}

}  // namespace
}  // namespace refract::cdshooks
