// Shared pieces of Refract's cards (private to refract::cdshooks): the source, the override
// reasons, summaries kept under the card limit, and FHIR R4 resources for suggestions.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "refract/cdshooks/cards.h"

namespace refract::cdshooks::internal {

// The topic code system of Refract's cards (a URN: Refract publishes no FHIR terminology server).
inline constexpr const char* kTopicSystem = "urn:refract:cds-topic";

// A card with uuid, indicator, the Refract source with `topic`, and the summary shortened (with
// an ellipsis) to fewer than 140 characters.
Card NewCard(const CardSettings& settings, const std::string& indicator, const std::string& topic,
             const std::string& summary, const std::string& detail);

// The override reasons of warning and critical cards.
std::vector<Coding> OverrideReasons();

// A FHIR R4 ServiceRequest (status draft, intent proposal) for `patient_ref` with `code`.
nlohmann::json ServiceRequest(const std::string& patient_ref, const nlohmann::json& code,
                              const std::string& note);

// "2nd", "3rd", "4th", ...
std::string Ordinal(int n);

}  // namespace refract::cdshooks::internal
