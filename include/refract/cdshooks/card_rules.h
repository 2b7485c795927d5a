// The card rules of the maintained CDS Hooks card validator (Inferno Da Vinci CRD test kit,
// lib/davinci_crd_test_kit/cards_validation.rb, commit 1d1f2c43) with the CDS Hooks 2.0.1 card
// attributes, as checks on a card's JSON. Every card Refract returns must pass them.
//
// Rules (each problem names the JSON path and the rule):
// - uuid: a non-empty string (Refract answers feedback by it);
// - summary: a string shorter than 140 characters;
// - indicator: one of info, warning, critical;
// - source: an object with a non-empty label; url and icon absolute URLs when present; topic a
//   Coding with a code;
// - suggestions: objects with a label and an array of actions; action.type create|update|delete;
//   create/update carry a FHIR resource (an object with resourceType), delete a resourceId;
//   selectionBehavior at-most-one|any is required when there are suggestions;
// - overrideReasons: Codings with code, system and display;
// - links: label, absolute url, type absolute|smart; appContext only with smart.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "refract/base/status.h"

namespace refract::cdshooks {

// Every problem of `card` (empty when it passes); `path` prefixes the field paths ("$.cards[0]").
std::vector<FieldError> CheckCard(const nlohmann::json& card, const std::string& path);

// Every problem of every card of a response body ({"cards": [...]}).
std::vector<FieldError> CheckResponseCards(const nlohmann::json& response);

}  // namespace refract::cdshooks
