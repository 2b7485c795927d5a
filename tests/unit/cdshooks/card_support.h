// Test support for the card tests: one engine over the built-in knowledge, card settings with
// counting uuids, draft orders, and the checks every card must pass.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "refract/cdshooks/cards.h"
#include "refract/engine/engine.h"

namespace refract::cdshooks::testing {

const Engine& TheEngine();
CardSettings Settings();
std::string ReadText(const std::string& path);
// An order-select/order-sign context for patient p1 with one draft MedicationRequest per name.
nlohmann::json DraftOrders(const std::vector<std::string>& medicines);
// Every card passes the card rules, has its own uuid (suggestions too), the decision-support
// wording, the knowledge version in its source, and override reasons unless it is info.
void ExpectValid(const std::vector<Card>& cards, const std::string& name);
// The card with `indicator` whose summary contains `words`, or nullptr.
const Card* FindCard(const std::vector<Card>& cards, const std::string& indicator,
                     const std::string& words);

}  // namespace refract::cdshooks::testing
