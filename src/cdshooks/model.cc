// CDS Hooks 2.0.1 bodies: readers and writers (include/refract/cdshooks/model.h).
#include "refract/cdshooks/model.h"

#include <regex>

#include "json_fields.h"

namespace refract::cdshooks {
namespace {

using internal::Element;
using internal::FieldReader;
using internal::Member;
using nlohmann::json;

void PutString(json& out, const char* key, const std::string& value) {
  if (!value.empty()) out[key] = value;
}

Coding ReadCoding(FieldReader& reader, const json& object, const std::string& path) {
  Coding coding;
  coding.code = reader.String(object, path, "code", true);
  coding.system = reader.String(object, path, "system", false);
  coding.display = reader.String(object, path, "display", false);
  return coding;
}

json CodingJson(const Coding& coding) {
  json out = json::object();
  PutString(out, "code", coding.code);
  PutString(out, "system", coding.system);
  PutString(out, "display", coding.display);
  return out;
}

Action ReadAction(FieldReader& reader, const json& object, const std::string& path) {
  Action action;
  action.type = reader.String(object, path, "type", true);
  if (!action.type.empty()) {
    reader.OneOf(action.type, Member(path, "type"), {"create", "update", "delete"});
  }
  action.description = reader.String(object, path, "description", false);
  if (const json* resource = reader.Object(object, path, "resource", false)) {
    action.resource = *resource;
  }
  action.resource_id = reader.String(object, path, "resourceId", false);
  return action;
}

json ActionJson(const Action& action) {
  json out = json::object();
  out["type"] = action.type;
  PutString(out, "description", action.description);
  if (action.resource) out["resource"] = *action.resource;
  PutString(out, "resourceId", action.resource_id);
  return out;
}

std::vector<Action> ReadActions(FieldReader& reader, const json* array, const std::string& path) {
  std::vector<Action> actions;
  if (array == nullptr) return actions;
  for (size_t i = 0; i < array->size(); ++i) {
    const json& item = (*array)[i];
    if (!item.is_object()) {
      reader.Add(Element(path, i), "must be an object");
      continue;
    }
    actions.push_back(ReadAction(reader, item, Element(path, i)));
  }
  return actions;
}

Suggestion ReadSuggestion(FieldReader& reader, const json& object, const std::string& path) {
  Suggestion suggestion;
  suggestion.label = reader.String(object, path, "label", true);
  suggestion.uuid = reader.String(object, path, "uuid", false);
  suggestion.is_recommended = reader.Bool(object, path, "isRecommended");
  suggestion.actions =
      ReadActions(reader, reader.Array(object, path, "actions", false), Member(path, "actions"));
  return suggestion;
}

json SuggestionJson(const Suggestion& suggestion) {
  json out = json::object();
  out["label"] = suggestion.label;
  PutString(out, "uuid", suggestion.uuid);
  if (suggestion.is_recommended) out["isRecommended"] = *suggestion.is_recommended;
  if (!suggestion.actions.empty()) {
    json actions = json::array();
    for (const Action& action : suggestion.actions) actions.push_back(ActionJson(action));
    out["actions"] = actions;
  }
  return out;
}

Link ReadLink(FieldReader& reader, const json& object, const std::string& path) {
  Link link;
  link.label = reader.String(object, path, "label", true);
  link.url = reader.String(object, path, "url", true);
  link.type = reader.String(object, path, "type", true);
  if (!link.type.empty()) reader.OneOf(link.type, Member(path, "type"), {"absolute", "smart"});
  link.app_context = reader.String(object, path, "appContext", false);
  link.autolaunchable = reader.Bool(object, path, "autolaunchable");
  return link;
}

json LinkJson(const Link& link) {
  json out = json::object();
  out["label"] = link.label;
  out["url"] = link.url;
  out["type"] = link.type;
  PutString(out, "appContext", link.app_context);
  if (link.autolaunchable) out["autolaunchable"] = *link.autolaunchable;
  return out;
}

Source ReadSource(FieldReader& reader, const json& object, const std::string& path) {
  Source source;
  source.label = reader.String(object, path, "label", true);
  source.url = reader.String(object, path, "url", false);
  source.icon = reader.String(object, path, "icon", false);
  if (const json* topic = reader.Object(object, path, "topic", false)) {
    source.topic = ReadCoding(reader, *topic, Member(path, "topic"));
  }
  return source;
}

json SourceJson(const Source& source) {
  json out = json::object();
  out["label"] = source.label;
  PutString(out, "url", source.url);
  PutString(out, "icon", source.icon);
  if (source.topic) out["topic"] = CodingJson(*source.topic);
  return out;
}

template <typename T, typename ReadOne>
std::vector<T> ReadObjects(FieldReader& reader, const json& object, const std::string& path,
                           const char* key, ReadOne read_one) {
  std::vector<T> items;
  const json* array = reader.Array(object, path, key, false);
  if (array == nullptr) return items;
  for (size_t i = 0; i < array->size(); ++i) {
    const std::string item_path = Element(Member(path, key), i);
    if (!(*array)[i].is_object()) {
      reader.Add(item_path, "must be an object");
      continue;
    }
    items.push_back(read_one(reader, (*array)[i], item_path));
  }
  return items;
}

Card ReadCard(FieldReader& reader, const json& object, const std::string& path) {
  Card card;
  card.uuid = reader.String(object, path, "uuid", false);
  card.summary = reader.String(object, path, "summary", true);
  card.detail = reader.String(object, path, "detail", false);
  card.indicator = reader.String(object, path, "indicator", false);
  if (!card.indicator.empty()) {
    reader.OneOf(card.indicator, Member(path, "indicator"), {"info", "warning", "critical"});
  }
  if (const json* source = reader.Object(object, path, "source", true)) {
    card.source = ReadSource(reader, *source, Member(path, "source"));
  }
  card.suggestions = ReadObjects<Suggestion>(reader, object, path, "suggestions", ReadSuggestion);
  card.selection_behavior = reader.String(object, path, "selectionBehavior", false);
  card.override_reasons = ReadObjects<Coding>(reader, object, path, "overrideReasons", ReadCoding);
  card.links = ReadObjects<Link>(reader, object, path, "links", ReadLink);
  if (const json* extension = reader.Object(object, path, "extension", false)) {
    card.extension = *extension;
  }
  return card;
}

FhirAuthorization ReadAuthorization(FieldReader& reader, const json& object,
                                    const std::string& path) {
  FhirAuthorization authorization;
  authorization.access_token = reader.String(object, path, "access_token", true);
  authorization.token_type = reader.String(object, path, "token_type", true);
  if (!authorization.token_type.empty()) {
    reader.OneOf(authorization.token_type, Member(path, "token_type"), {"Bearer"});
  }
  authorization.expires_in = reader.Integer(object, path, "expires_in");
  authorization.scope = reader.String(object, path, "scope", true);
  authorization.subject = reader.String(object, path, "subject", true);
  authorization.patient = reader.String(object, path, "patient", false);
  return authorization;
}

json AuthorizationJson(const FhirAuthorization& authorization) {
  json out = json::object();
  out["access_token"] = authorization.access_token;
  out["token_type"] = authorization.token_type;
  if (authorization.expires_in) out["expires_in"] = *authorization.expires_in;
  out["scope"] = authorization.scope;
  out["subject"] = authorization.subject;
  PutString(out, "patient", authorization.patient);
  return out;
}

// ISO 8601 date-time as FHIR instant: "2021-12-11T10:05:31Z", with optional fractions or offset.
bool IsInstant(const std::string& text) {
  static const std::regex kInstant(
      R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2}))");
  return std::regex_match(text, kInstant);
}

FeedbackItem ReadFeedbackItem(FieldReader& reader, const json& object, const std::string& path) {
  FeedbackItem item;
  item.card = reader.String(object, path, "card", true);
  item.outcome = reader.String(object, path, "outcome", true);
  if (!item.outcome.empty()) {
    reader.OneOf(item.outcome, Member(path, "outcome"), {"accepted", "overridden"});
  }
  if (const json* accepted = reader.Array(object, path, "acceptedSuggestions", false)) {
    if (item.outcome != "accepted") {
      reader.Add(Member(path, "acceptedSuggestions"), "only allowed when outcome is accepted");
    }
    for (size_t i = 0; i < accepted->size(); ++i) {
      const std::string item_path = Element(Member(path, "acceptedSuggestions"), i);
      const json& suggestion = (*accepted)[i];
      if (!suggestion.is_object()) {
        reader.Add(item_path, "must be an object");
        continue;
      }
      item.accepted_suggestions.push_back(reader.String(suggestion, item_path, "id", true));
    }
  }
  if (const json* reason = reader.Object(object, path, "overrideReason", false)) {
    if (item.outcome != "overridden") {
      reader.Add(Member(path, "overrideReason"), "only allowed when outcome is overridden");
    }
    const std::string reason_path = Member(path, "overrideReason");
    OverrideReason override_reason;
    if (const json* coding = reader.Object(*reason, reason_path, "reason", false)) {
      override_reason.reason = ReadCoding(reader, *coding, Member(reason_path, "reason"));
    }
    override_reason.user_comment = reader.String(*reason, reason_path, "userComment", false);
    item.override_reason = override_reason;
  }
  item.outcome_timestamp = reader.String(object, path, "outcomeTimestamp", true);
  if (!item.outcome_timestamp.empty() && !IsInstant(item.outcome_timestamp)) {
    reader.Add(Member(path, "outcomeTimestamp"),
               "must be an ISO 8601 date-time with a time zone (2021-12-11T10:05:31Z)");
  }
  return item;
}

json FeedbackItemJson(const FeedbackItem& item) {
  json out = json::object();
  out["card"] = item.card;
  out["outcome"] = item.outcome;
  if (!item.accepted_suggestions.empty()) {
    json accepted = json::array();
    for (const std::string& id : item.accepted_suggestions) accepted.push_back({{"id", id}});
    out["acceptedSuggestions"] = accepted;
  }
  if (item.override_reason) {
    json reason = json::object();
    if (item.override_reason->reason) reason["reason"] = CodingJson(*item.override_reason->reason);
    PutString(reason, "userComment", item.override_reason->user_comment);
    out["overrideReason"] = reason;
  }
  out["outcomeTimestamp"] = item.outcome_timestamp;
  return out;
}

}  // namespace

StatusOr<HookRequest> ParseHookRequest(json body) {
  FieldReader reader;
  HookRequest request;
  if (!body.is_object()) return Status::InvalidFields({{"$", "must be a JSON object"}});
  request.hook = reader.String(body, "$", "hook", true);
  request.hook_instance = reader.String(body, "$", "hookInstance", true);
  request.fhir_server = reader.String(body, "$", "fhirServer", false);
  if (const json* authorization = reader.Object(body, "$", "fhirAuthorization", false)) {
    request.fhir_authorization = ReadAuthorization(reader, *authorization, "$.fhirAuthorization");
    if (request.fhir_server.empty()) {
      reader.Add("$.fhirServer", "is required with fhirAuthorization");
    }
  }
  if (reader.Object(body, "$", "context", true)) request.context = std::move(body["context"]);
  if (reader.Object(body, "$", "prefetch", false)) request.prefetch = std::move(body["prefetch"]);
  if (reader.Object(body, "$", "extension", false)) {
    request.extension = std::move(body["extension"]);
  }
  if (!reader.ok()) return reader.ToStatus();
  return request;
}

json ToJson(const HookRequest& request) {
  json out = json::object();
  out["hook"] = request.hook;
  out["hookInstance"] = request.hook_instance;
  PutString(out, "fhirServer", request.fhir_server);
  if (request.fhir_authorization) {
    out["fhirAuthorization"] = AuthorizationJson(*request.fhir_authorization);
  }
  out["context"] = request.context;
  if (request.prefetch) out["prefetch"] = *request.prefetch;
  if (request.extension) out["extension"] = *request.extension;
  return out;
}

StatusOr<HookResponse> ParseHookResponse(const json& body) {
  if (!body.is_object()) return Status::InvalidFields({{"$", "must be a JSON object"}});
  FieldReader reader;
  HookResponse response;
  if (reader.Array(body, "$", "cards", true) != nullptr) {
    response.cards = ReadObjects<Card>(reader, body, "$", "cards", ReadCard);
  }
  const json* system_actions = reader.Array(body, "$", "systemActions", false);
  response.has_system_actions = system_actions != nullptr;
  response.system_actions = ReadActions(reader, system_actions, "$.systemActions");
  if (!reader.ok()) return reader.ToStatus();
  return response;
}

json ToJson(const Card& card) {
  json out = json::object();
  PutString(out, "uuid", card.uuid);
  out["summary"] = card.summary;
  PutString(out, "detail", card.detail);
  PutString(out, "indicator", card.indicator);
  out["source"] = SourceJson(card.source);
  if (!card.suggestions.empty()) {
    json suggestions = json::array();
    for (const Suggestion& suggestion : card.suggestions) {
      suggestions.push_back(SuggestionJson(suggestion));
    }
    out["suggestions"] = suggestions;
  }
  PutString(out, "selectionBehavior", card.selection_behavior);
  if (!card.override_reasons.empty()) {
    json reasons = json::array();
    for (const Coding& reason : card.override_reasons) reasons.push_back(CodingJson(reason));
    out["overrideReasons"] = reasons;
  }
  if (!card.links.empty()) {
    json links = json::array();
    for (const Link& link : card.links) links.push_back(LinkJson(link));
    out["links"] = links;
  }
  if (card.extension) out["extension"] = *card.extension;
  return out;
}

json ToJson(const HookResponse& response) {
  json cards = json::array();
  for (const Card& card : response.cards) cards.push_back(ToJson(card));
  json out = {{"cards", cards}};
  if (response.has_system_actions || !response.system_actions.empty()) {
    json actions = json::array();
    for (const Action& action : response.system_actions) actions.push_back(ActionJson(action));
    out["systemActions"] = actions;
  }
  return out;
}

StatusOr<std::vector<FeedbackItem>> ParseFeedback(const json& body) {
  if (!body.is_object()) return Status::InvalidFields({{"$", "must be a JSON object"}});
  FieldReader reader;
  std::vector<FeedbackItem> items;
  if (const json* feedback = reader.Array(body, "$", "feedback", true)) {
    if (feedback->empty()) reader.Add("$.feedback", "must hold at least one item");
    items = ReadObjects<FeedbackItem>(reader, body, "$", "feedback", ReadFeedbackItem);
  }
  if (!reader.ok()) return reader.ToStatus();
  return items;
}

json ToJson(const std::vector<FeedbackItem>& feedback) {
  json items = json::array();
  for (const FeedbackItem& item : feedback) items.push_back(FeedbackItemJson(item));
  return {{"feedback", items}};
}

}  // namespace refract::cdshooks
