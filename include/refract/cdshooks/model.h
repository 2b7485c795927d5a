// The CDS Hooks 2.0 wire model (HL7 CDS Hooks 2.0.1, "Calling a CDS Service", "CDS Service
// Response", "Feedback"): the request a CDS client POSTs, the cards a service answers with, and
// the feedback a client sends back. Value types with JSON readers and writers.
//
// Contract:
// - Parse* reads a JSON body; kInvalidArgument with one FieldError per problem, paths in JSONPath
//   form ("$.cards[0].indicator"), naming the rule ("must be one of info, warning, critical").
// - ToJson writes the members that are set, in the spec's names; Parse then ToJson gives back the
//   input for every example of the spec (tests/unit/cdshooks/model_test.cc). Hook-specific parts
//   (context, prefetch, FHIR resources in actions, extensions) are kept as JSON.
// - The reader checks types and enumerations but not every requirement of a card: a card without
//   an indicator (as the spec's own example "Lung cancer screening" has) is read, and the card
//   rules (refract/cdshooks/card_rules.h) reject it.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "refract/base/status.h"

namespace refract::cdshooks {

struct Coding {
  std::string code = {};
  std::string system = {};
  std::string display = {};
};

// "fhirAuthorization": the OAuth 2.0 access token the service may use on fhirServer.
struct FhirAuthorization {
  std::string access_token = {};
  std::string token_type = {};  // "Bearer"
  std::optional<int64_t> expires_in = {};
  std::string scope = {};
  std::string subject = {};
  std::string patient = {};
};

struct HookRequest {
  std::string hook = {};
  std::string hook_instance = {};
  std::string fhir_server = {};
  std::optional<FhirAuthorization> fhir_authorization = {};
  nlohmann::json context = nlohmann::json::object();
  std::optional<nlohmann::json> prefetch = {};  // key -> FHIR resource (or null: not available)
  std::optional<nlohmann::json> extension = {};
};

struct Source {
  std::string label = {};
  std::string url = {};
  std::string icon = {};
  std::optional<Coding> topic = {};
};

struct Action {
  std::string type = {};  // create | update | delete
  std::string description = {};
  std::optional<nlohmann::json> resource = {};  // create, update
  std::string resource_id = {};                 // delete: "ServiceRequest/id"
};

struct Suggestion {
  std::string label = {};
  std::string uuid = {};
  std::optional<bool> is_recommended = {};
  std::vector<Action> actions = {};
};

struct Link {
  std::string label = {};
  std::string url = {};
  std::string type = {};  // absolute | smart
  std::string app_context = {};
  std::optional<bool> autolaunchable = {};
};

struct Card {
  std::string uuid = {};
  std::string summary = {};
  std::string detail = {};
  std::string indicator = {};  // info | warning | critical
  Source source = {};
  std::vector<Suggestion> suggestions = {};
  std::string selection_behavior = {};  // at-most-one | any (required with suggestions)
  std::vector<Coding> override_reasons = {};
  std::vector<Link> links = {};
  std::optional<nlohmann::json> extension = {};
};

struct HookResponse {
  std::vector<Card> cards = {};
  std::vector<Action> system_actions = {};
  bool has_system_actions = false;  // "systemActions" was present (even empty)
};

struct OverrideReason {
  std::optional<Coding> reason = {};
  std::string user_comment = {};
};

struct FeedbackItem {
  std::string card = {};                               // the uuid of the card
  std::string outcome = {};                            // accepted | overridden
  std::vector<std::string> accepted_suggestions = {};  // suggestion uuids
  std::optional<OverrideReason> override_reason = {};
  std::string outcome_timestamp = {};  // ISO 8601 instant
};

// Takes the body by value: context, prefetch and extension move into the request.
StatusOr<HookRequest> ParseHookRequest(nlohmann::json body);
nlohmann::json ToJson(const HookRequest& request);

StatusOr<HookResponse> ParseHookResponse(const nlohmann::json& body);
nlohmann::json ToJson(const HookResponse& response);
nlohmann::json ToJson(const Card& card);

// {"feedback": [...]}. Checks the shape and the enumerations: outcome accepted|overridden,
// acceptedSuggestions only with accepted, overrideReason only with overridden, outcomeTimestamp an
// ISO 8601 date-time.
StatusOr<std::vector<FeedbackItem>> ParseFeedback(const nlohmann::json& body);
nlohmann::json ToJson(const std::vector<FeedbackItem>& feedback);

}  // namespace refract::cdshooks
