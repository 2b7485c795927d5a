// Parses the embedded FHIR code tables (knowledge/fhir/*.json; formats in docs/fhir.md).
#include "code_tables.h"

#include <nlohmann/json.hpp>

#include "embedded_tables.h"

namespace refract::fhir {
namespace {

using nlohmann::json;

void ReadInstruments(const json& table, CodeTables& tables) {
  for (const json& entry : table.at("instruments")) {
    tables.instruments.push_back(InstrumentCodes{entry.at("instrument").get<std::string>(),
                                                 entry.at("panel").get<std::string>(),
                                                 entry.at("total").get<std::string>(),
                                                 entry.at("items").get<std::vector<std::string>>()});
  }
  for (const json& answer : table.at("answers").at("codes")) {
    tables.loinc_answer_scores[answer.at("code").get<std::string>()] = answer.at("score").get<int>();
  }
}

void ReadMedications(const json& table, CodeTables& tables) {
  for (const json& entry : table.at("ingredients")) {
    tables.rxnorm[entry.at("code").get<std::string>()] = MedicationCode{
        entry.at("agent").get<std::string>(), std::nullopt, entry.at("verification").get<std::string>()};
  }
  for (const json& entry : table.at("clinical_drugs")) {
    tables.rxnorm[entry.at("code").get<std::string>()] = MedicationCode{
        entry.at("agent").get<std::string>(), entry.at("strength_mg").get<double>(), "V"};
  }
}

void ReadConditions(const json& table, CodeTables& tables) {
  for (const json& entry : table.at("codes")) {
    tables.conditions[{entry.at("system").get<std::string>(), entry.at("code").get<std::string>()}] =
        ConditionCode{entry.at("diagnosis").get<std::string>(), entry.value("episodes", ""),
                      entry.value("severity", ""), entry.value("psychotic_features", false),
                      entry.value("remission", "")};
  }
}

void ReadProcedures(const json& table, CodeTables& tables) {
  for (const json& entry : table.at("codes")) {
    tables.procedures[{entry.at("system").get<std::string>(), entry.at("code").get<std::string>()}] =
        ProcedureCode{entry.at("kind").get<std::string>(), entry.value("modality", ""),
                      entry.value("format", ""), entry.at("verification").get<std::string>()};
  }
}

StatusOr<CodeTables> ParseTables() {
  CodeTables tables;
  try {
    ReadInstruments(json::parse(EmbeddedFhirInstrumentCodes()), tables);
    ReadMedications(json::parse(EmbeddedFhirMedicationCodes()), tables);
    ReadConditions(json::parse(EmbeddedFhirConditionCodes()), tables);
    ReadProcedures(json::parse(EmbeddedFhirProcedureCodes()), tables);
    const json rules = json::parse(EmbeddedFhirImportRules()).at("persistence");
    tables.permissible_gap_days = rules.at("permissible_gap_days").get<int>();
    tables.permissible_gap_verification = rules.at("verification").get<std::string>().substr(0, 1);
  } catch (const json::exception& error) {
    return Status::Internal(std::string("knowledge/fhir tables: ") + error.what());
  }
  return tables;
}

}  // namespace

StatusOr<const CodeTables*> EmbeddedCodeTables() {
  static const StatusOr<CodeTables> kTables = ParseTables();
  if (!kTables.ok()) return kTables.status();
  return &*kTables;
}

}  // namespace refract::fhir
