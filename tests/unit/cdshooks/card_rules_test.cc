// The card rules of the maintained validator (include/refract/cdshooks/card_rules.h): its own
// valid fixtures pass, and each rule, broken once, is reported with its path.
#include "refract/cdshooks/card_rules.h"

#include <gtest/gtest.h>

#include <fstream>

namespace refract::cdshooks {
namespace {

using nlohmann::json;

json Read(const std::string& path) {
  std::ifstream file(path);
  return json::parse(file);
}

json GoodCard() {
  return json::parse(R"({
    "uuid": "4e0a3a1e-3283-4575-ab82-028d55fe2719", "summary": "A summary", "indicator": "warning",
    "source": {"label": "Refract", "url": "https://refract.example/app/",
               "topic": {"code": "staging", "system": "urn:refract:cds-topic"}},
    "selectionBehavior": "at-most-one",
    "suggestions": [{"label": "Order a PHQ-9", "uuid": "s-1", "actions": [
      {"type": "create", "description": "d", "resource": {"resourceType": "ServiceRequest"}},
      {"type": "delete", "description": "d", "resourceId": "MedicationRequest/1"}]}],
    "overrideReasons": [{"code": "c", "system": "urn:x", "display": "Reason"}],
    "links": [{"label": "Open", "url": "https://refract.example/app/", "type": "smart",
               "appContext": "{}"}]})");
}

// The paths of the problems of `card` after `change`.
std::vector<std::string> ProblemsAfter(const std::function<void(json&)>& change) {
  json card = GoodCard();
  change(card);
  std::vector<std::string> paths;
  for (const FieldError& error : CheckCard(card, "$")) paths.push_back(error.path);
  return paths;
}

using Paths = std::vector<std::string>;

TEST(CardRulesTest, TheValidatorsValidFixturesPass) {
  const json cards = Read("tests/data/cds-hooks/inferno/valid_cards.json");
  ASSERT_FALSE(cards.empty());
  for (size_t i = 0; i < cards.size(); ++i) {
    EXPECT_TRUE(CheckCard(cards[i], "$").empty()) << cards[i].dump();
  }
  EXPECT_TRUE(CheckCard(GoodCard(), "$").empty());
}

TEST(CardRulesTest, TheSpecsExampleWithoutAnIndicatorFails) {
  const json response = Read("tests/data/cds-hooks/spec-2.0.1/spec-18-example.json");
  const std::vector<FieldError> problems = CheckResponseCards(response);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].path, "$.cards[0].indicator");
}

TEST(CardRulesTest, SummaryMustBeShorterThan140Characters) {
  EXPECT_TRUE(ProblemsAfter([](json& c) { c["summary"] = std::string(139, 'a'); }).empty());
  EXPECT_EQ(ProblemsAfter([](json& c) { c["summary"] = std::string(140, 'a'); }),
            Paths{"$.summary"});
  // 139 characters of two bytes each pass: the limit counts characters.
  std::string accents;
  for (int i = 0; i < 139; ++i) accents += "\u00e9";
  EXPECT_TRUE(ProblemsAfter([&](json& c) { c["summary"] = accents; }).empty());
  EXPECT_EQ(ProblemsAfter([](json& c) { c.erase("summary"); }), Paths{"$.summary"});
}

TEST(CardRulesTest, IndicatorIsInfoWarningOrCritical) {
  EXPECT_EQ(ProblemsAfter([](json& c) { c["indicator"] = "hard-stop"; }), Paths{"$.indicator"});
  EXPECT_EQ(ProblemsAfter([](json& c) { c.erase("indicator"); }), Paths{"$.indicator"});
}

TEST(CardRulesTest, SourceNeedsALabelAndAbsoluteUrls) {
  EXPECT_EQ(ProblemsAfter([](json& c) { c.erase("source"); }), Paths{"$.source"});
  EXPECT_EQ(ProblemsAfter([](json& c) { c["source"].erase("label"); }), Paths{"$.source.label"});
  EXPECT_EQ(ProblemsAfter([](json& c) { c["source"]["label"] = ""; }), Paths{"$.source.label"});
  EXPECT_EQ(ProblemsAfter([](json& c) { c["source"]["url"] = "/app/"; }), Paths{"$.source.url"});
  EXPECT_EQ(ProblemsAfter([](json& c) { c["source"]["topic"].erase("code"); }),
            Paths{"$.source.topic.code"});
}

TEST(CardRulesTest, UuidIsRequired) {
  EXPECT_EQ(ProblemsAfter([](json& c) { c.erase("uuid"); }), Paths{"$.uuid"});
  EXPECT_EQ(ProblemsAfter([](json& c) { c["uuid"] = ""; }), Paths{"$.uuid"});
}

TEST(CardRulesTest, SuggestionsNeedASelectionBehaviorLabelsAndWellFormedActions) {
  EXPECT_EQ(ProblemsAfter([](json& c) { c.erase("selectionBehavior"); }),
            Paths{"$.selectionBehavior"});
  EXPECT_EQ(ProblemsAfter([](json& c) { c["selectionBehavior"] = "all"; }),
            Paths{"$.selectionBehavior"});
  EXPECT_EQ(ProblemsAfter([](json& c) { c["suggestions"][0].erase("label"); }),
            Paths{"$.suggestions[0].label"});
  EXPECT_EQ(ProblemsAfter([](json& c) { c["suggestions"][0]["actions"][0]["type"] = "replace"; }),
            Paths{"$.suggestions[0].actions[0].type"});
  EXPECT_EQ(ProblemsAfter([](json& c) { c["suggestions"][0]["actions"][0].erase("resource"); }),
            Paths{"$.suggestions[0].actions[0].resource"});
  EXPECT_EQ(ProblemsAfter(
                [](json& c) { c["suggestions"][0]["actions"][0]["resource"] = json::object(); }),
            Paths{"$.suggestions[0].actions[0].resource"});
  EXPECT_EQ(ProblemsAfter([](json& c) { c["suggestions"][0]["actions"][1].erase("resourceId"); }),
            Paths{"$.suggestions[0].actions[1].resourceId"});
}

TEST(CardRulesTest, OverrideReasonsAreCompleteCodings) {
  EXPECT_EQ(ProblemsAfter([](json& c) { c["overrideReasons"][0].erase("display"); }),
            Paths{"$.overrideReasons[0].display"});
}

TEST(CardRulesTest, LinksAreAbsoluteOrSmartWithAbsoluteUrls) {
  EXPECT_EQ(ProblemsAfter([](json& c) {
              c["links"][0]["type"] = "relative";
              c["links"][0].erase("appContext");
            }),
            Paths{"$.links[0].type"});
  EXPECT_EQ(ProblemsAfter([](json& c) { c["links"][0]["url"] = "#/patients"; }),
            Paths{"$.links[0].url"});
  EXPECT_EQ(ProblemsAfter([](json& c) { c["links"][0]["type"] = "absolute"; }),
            Paths{"$.links[0].appContext"});
}

}  // namespace
}  // namespace refract::cdshooks
