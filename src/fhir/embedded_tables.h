// The FHIR code tables (knowledge/fhir/*.json) built into the binary, one text per table; generated
// by src/io/embed_text.cmake from src/fhir/CMakeLists.txt.
#pragma once

#include <string>

namespace refract {

const std::string& EmbeddedFhirInstrumentCodes();
const std::string& EmbeddedFhirMedicationCodes();
const std::string& EmbeddedFhirConditionCodes();
const std::string& EmbeddedFhirProcedureCodes();
const std::string& EmbeddedFhirImportRules();

}  // namespace refract
