#include "card_support.h"

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <set>
#include <sstream>

#include "refract/cdshooks/card_rules.h"

namespace refract::cdshooks::testing {

using nlohmann::json;

const Engine& TheEngine() {
  static const Engine engine = *Engine::Create(EmbeddedKnowledgeSource());
  return engine;
}

CardSettings Settings() {
  auto counter = std::make_shared<int>(0);
  return {TheEngine().knowledge_version(), "https://refract.example.org/app/", [counter] {
            return "00000000-0000-4000-8000-" + std::to_string(100000000000 + ++*counter);
          }};
}

std::string ReadText(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

json DraftOrders(const std::vector<std::string>& medicines) {
  json entries = json::array();
  for (size_t i = 0; i < medicines.size(); ++i) {
    entries.push_back(
        {{"resource",
          {{"resourceType", "MedicationRequest"},
           {"id", "draft-" + std::to_string(i)},
           {"status", "draft"},
           {"intent", "order"},
           {"medicationCodeableConcept",
            {{"coding", json::array({{{"system", "http://www.nlm.nih.gov/research/umls/rxnorm"},
                                      {"display", medicines[i]}}})}}}}}});
  }
  return {
      {"patientId", "p1"},
      {"draftOrders", {{"resourceType", "Bundle"}, {"type", "collection"}, {"entry", entries}}}};
}

void ExpectValid(const std::vector<Card>& cards, const std::string& name) {
  std::set<std::string> uuids;
  for (const Card& card : cards) {
    const json card_json = ToJson(card);
    for (const FieldError& error : CheckCard(card_json, "$")) {
      ADD_FAILURE() << name << ": " << error.path << " " << error.rule << "\n" << card_json.dump();
    }
    EXPECT_TRUE(uuids.insert(card.uuid).second) << name;
    EXPECT_NE(card.detail.find("Decision support for a clinician"), std::string::npos) << name;
    EXPECT_NE(card.source.label.find(TheEngine().knowledge_version()), std::string::npos);
    if (card.indicator != "info") {
      EXPECT_FALSE(card.override_reasons.empty()) << name;
    }
    for (const Suggestion& suggestion : card.suggestions) {
      EXPECT_TRUE(uuids.insert(suggestion.uuid).second) << name;
    }
  }
}

const Card* FindCard(const std::vector<Card>& cards, const std::string& indicator,
                     const std::string& words) {
  for (const Card& card : cards) {
    if (card.indicator == indicator && card.summary.find(words) != std::string::npos) return &card;
  }
  return nullptr;
}

}  // namespace refract::cdshooks::testing
