// The score of one answer (a QuestionnaireResponse answer or an Observation value), in this order:
//  1. valueInteger / valueDecimal / valueQuantity.value;
//  2. valueCoding (or valueCodeableConcept) carrying an ordinalValue / itemWeight /
//     iso21090-CO-value extension;
//  3. the Questionnaire item's answerOption with that code and its ordinalValue / itemWeight;
//  4. the Questionnaire item's answerValueSet (contained "#id" or a ValueSet in the Bundle by url):
//     the codeable's ordinalValue / itemWeight;
//  5. a LOINC answer code of the PHQ-9 / GAD-7 answer list (knowledge/fhir/instrument_codes.json).
// nullopt when none applies.
#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include "import_state.h"

namespace refract::fhir {

std::optional<double> AnswerScore(const ImportState& state, const nlohmann::json& answer,
                                  const nlohmann::json* questionnaire_item, const nlohmann::json* questionnaire);

}  // namespace refract::fhir
