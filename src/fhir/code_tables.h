// The FHIR import code tables (knowledge/fhir/*.json, embedded): LOINC instruments and answer
// scores, RxNorm ingredients and clinical drugs, SNOMED CT / ICD-10-CM conditions, CPT / SNOMED CT
// procedures, and the persistence gap. Parsed once, immutable, shared by every import.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "refract/base/status.h"

namespace refract::fhir {

inline constexpr std::string_view kLoinc = "http://loinc.org";
inline constexpr std::string_view kRxNorm = "http://www.nlm.nih.gov/research/umls/rxnorm";
inline constexpr std::string_view kRefractInstrument =
    "http://refract.example/fhir/CodeSystem/instrument";
inline constexpr std::string_view kRefractInstrumentItem =
    "http://refract.example/fhir/CodeSystem/instrument-item";

// One instrument's codes: the panel, the total and the items in Refract's item order.
struct InstrumentCodes {
  std::string instrument = {};
  std::string panel = {};
  std::string total = {};
  std::vector<std::string> items = {};
};

struct MedicationCode {
  std::string agent = {};                 // Refract agent id ("sertraline", "esketamine")
  std::optional<double> strength_mg = {};  // clinical drugs: mg per unit
  std::string verification = {};
};

struct ConditionCode {
  std::string diagnosis = {};  // "mdd" or "bipolar"
  std::string episodes = {};   // "single", "recurrent" or empty
  std::string severity = {};   // "mild", "moderate", "severe" or empty
  bool psychotic_features = false;
  std::string remission = {};  // "full", "partial" or empty
};

struct ProcedureCode {
  std::string kind = {};      // "psychotherapy", "ect", "rtms"
  std::string modality = {};  // psychotherapy modality id, or empty
  std::string format = {};    // "individual", "group" or empty
  std::string verification = {};
};

struct CodeTables {
  std::vector<InstrumentCodes> instruments = {};
  std::map<std::string, int, std::less<>> loinc_answer_scores = {};  // "LA6568-5" -> 0
  std::map<std::string, MedicationCode, std::less<>> rxnorm = {};     // ingredient or SCD code
  std::map<std::pair<std::string, std::string>, ConditionCode> conditions = {};  // (system, code)
  std::map<std::pair<std::string, std::string>, ProcedureCode> procedures = {};
  int permissible_gap_days = 0;
  std::string permissible_gap_verification = {};
};

// The embedded tables (parsed at first use; kInternal if a table is malformed).
StatusOr<const CodeTables*> EmbeddedCodeTables();

}  // namespace refract::fhir
