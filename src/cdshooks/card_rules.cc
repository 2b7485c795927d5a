// Card rules (include/refract/cdshooks/card_rules.h).
#include "refract/cdshooks/card_rules.h"

#include "json_fields.h"

namespace refract::cdshooks {
namespace {

using internal::Element;
using internal::FieldReader;
using internal::Member;
using nlohmann::json;

constexpr size_t kSummaryLimit = 140;  // summary.length >= 140 is an error (Inferno)

// Characters (Unicode code points) of UTF-8 text, as the validator's String#length counts them.
size_t CharacterCount(const std::string& text) {
  size_t count = 0;
  for (const char byte : text) {
    if ((static_cast<unsigned char>(byte) & 0xC0) != 0x80) ++count;
  }
  return count;
}

bool IsAbsoluteUrl(const std::string& url) {
  return url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
}

void CheckUrl(FieldReader& reader, const json& object, const std::string& path, const char* key,
              bool required) {
  const std::string url = reader.String(object, path, key, required);
  if (!url.empty() && !IsAbsoluteUrl(url)) reader.Add(Member(path, key), "must be an absolute URL");
}

void CheckSource(FieldReader& reader, const json& source, const std::string& path) {
  if (reader.String(source, path, "label", true).empty() && source.contains("label")) {
    reader.Add(Member(path, "label"), "must not be empty");
  }
  CheckUrl(reader, source, path, "url", false);
  CheckUrl(reader, source, path, "icon", false);
  if (const json* topic = reader.Object(source, path, "topic", false)) {
    reader.String(*topic, Member(path, "topic"), "code", true);
  }
}

void CheckAction(FieldReader& reader, const json& action, const std::string& path) {
  const std::string type = reader.String(action, path, "type", true);
  if (type.empty()) return;
  reader.OneOf(type, Member(path, "type"), {"create", "update", "delete"});
  if (type == "create" || type == "update") {
    const json* resource = reader.Object(action, path, "resource", true);
    if (resource != nullptr && !resource->contains("resourceType")) {
      reader.Add(Member(path, "resource"), "must be a FHIR resource with a resourceType");
    }
  }
  if (type == "delete") reader.String(action, path, "resourceId", true);
}

void CheckSuggestions(FieldReader& reader, const json& card, const std::string& path) {
  const json* suggestions = reader.Array(card, path, "suggestions", false);
  if (suggestions == nullptr) return;
  const std::string behavior = reader.String(card, path, "selectionBehavior", true);
  if (!behavior.empty()) {
    reader.OneOf(behavior, Member(path, "selectionBehavior"), {"at-most-one", "any"});
  }
  for (size_t i = 0; i < suggestions->size(); ++i) {
    const std::string item_path = Element(Member(path, "suggestions"), i);
    const json& suggestion = (*suggestions)[i];
    if (!suggestion.is_object()) {
      reader.Add(item_path, "must be an object");
      continue;
    }
    reader.String(suggestion, item_path, "label", true);
    const json* actions = reader.Array(suggestion, item_path, "actions", true);
    if (actions == nullptr) continue;
    for (size_t j = 0; j < actions->size(); ++j) {
      const std::string action_path = Element(Member(item_path, "actions"), j);
      if (!(*actions)[j].is_object()) {
        reader.Add(action_path, "must be an object");
        continue;
      }
      CheckAction(reader, (*actions)[j], action_path);
    }
  }
}

void CheckOverrideReasons(FieldReader& reader, const json& card, const std::string& path) {
  const json* reasons = reader.Array(card, path, "overrideReasons", false);
  if (reasons == nullptr) return;
  for (size_t i = 0; i < reasons->size(); ++i) {
    const std::string item_path = Element(Member(path, "overrideReasons"), i);
    if (!(*reasons)[i].is_object()) {
      reader.Add(item_path, "must be an object");
      continue;
    }
    for (const char* key : {"code", "system", "display"}) {
      reader.String((*reasons)[i], item_path, key, true);
    }
  }
}

void CheckLinks(FieldReader& reader, const json& card, const std::string& path) {
  const json* links = reader.Array(card, path, "links", false);
  if (links == nullptr) return;
  for (size_t i = 0; i < links->size(); ++i) {
    const std::string item_path = Element(Member(path, "links"), i);
    const json& link = (*links)[i];
    if (!link.is_object()) {
      reader.Add(item_path, "must be an object");
      continue;
    }
    reader.String(link, item_path, "label", true);
    CheckUrl(reader, link, item_path, "url", true);
    const std::string type = reader.String(link, item_path, "type", true);
    if (!type.empty()) reader.OneOf(type, Member(item_path, "type"), {"absolute", "smart"});
    if (link.contains("appContext") && type != "smart") {
      reader.Add(Member(item_path, "appContext"), "only allowed with type smart");
    }
  }
}

}  // namespace

std::vector<FieldError> CheckCard(const json& card, const std::string& path) {
  if (!card.is_object()) return {{path, "must be an object"}};
  FieldReader reader;
  if (reader.String(card, path, "uuid", true).empty() && card.contains("uuid")) {
    reader.Add(Member(path, "uuid"), "must not be empty");
  }
  const std::string summary = reader.String(card, path, "summary", true);
  if (CharacterCount(summary) >= kSummaryLimit) {
    reader.Add(Member(path, "summary"), "must be shorter than 140 characters");
  }
  const std::string indicator = reader.String(card, path, "indicator", true);
  if (!indicator.empty()) {
    reader.OneOf(indicator, Member(path, "indicator"), {"info", "warning", "critical"});
  }
  if (const json* source = reader.Object(card, path, "source", true)) {
    CheckSource(reader, *source, Member(path, "source"));
  }
  CheckSuggestions(reader, card, path);
  CheckOverrideReasons(reader, card, path);
  CheckLinks(reader, card, path);
  return reader.ok() ? std::vector<FieldError>{} : reader.ToStatus().details();
}

std::vector<FieldError> CheckResponseCards(const json& response) {
  if (!response.is_object() || !response.contains("cards") || !response["cards"].is_array()) {
    return {{"$.cards", "must be an array"}};
  }
  std::vector<FieldError> problems;
  const json& cards = response["cards"];
  for (size_t i = 0; i < cards.size(); ++i) {
    std::vector<FieldError> card_problems = CheckCard(cards[i], Element("$.cards", i));
    problems.insert(problems.end(), card_problems.begin(), card_problems.end());
  }
  return problems;
}

}  // namespace refract::cdshooks
