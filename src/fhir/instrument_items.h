// What a code names in an instrument: its panel, its total or one of its items. LOINC codes come
// from knowledge/fhir/instrument_codes.json; the instruments with no sourced LOINC code use the
// Refract code systems (CodeSystem/instrument: the instrument id; CodeSystem/instrument-item:
// "<instrument>/<item number>").
#pragma once

#include <optional>
#include <string>

#include "code_tables.h"
#include "fhir_values.h"

namespace refract::fhir {

struct InstrumentCode {
  std::string instrument = {};
  int item = 0;  // 1-based item number; 0 for the panel or the total
  bool total = false;
};

std::optional<InstrumentCode> LookupInstrumentCode(const CodeTables& tables, const Coding& coding);
// The first coding of `codeable` that names an instrument element.
std::optional<InstrumentCode> LookupInstrumentConcept(const CodeTables& tables, const nlohmann::json& codeable);

}  // namespace refract::fhir
