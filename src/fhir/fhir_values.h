// Small readers of FHIR R4 JSON elements shared by the import steps. Lenient by design: a missing or
// mistyped element reads as absent (real-world resources, e.g. the LHC-Forms PHQ-9, break the
// schema in places the import does not use); the import steps decide what absence means.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace refract::fhir {

// The Refract extension and code-system base (docs/fhir.md lists each).
inline constexpr std::string_view kExtensionBase = "http://refract.example/fhir/StructureDefinition/";
inline constexpr std::string_view kCodeSystemBase = "http://refract.example/fhir/CodeSystem/";

struct Coding {
  std::string system = {};
  std::string code = {};
  std::string display = {};
};

// The codings of a CodeableConcept (or of a bare Coding).
std::vector<Coding> Codings(const nlohmann::json& codeable);
// The code of the first coding in `system`, or empty.
std::string CodeIn(const nlohmann::json& codeable, std::string_view system);
// The string member `key`, or empty.
std::string Text(const nlohmann::json& object, std::string_view key);

// The extensions of `element` whose url is kExtensionBase + `name` (or the full url `name`).
std::vector<const nlohmann::json*> Extensions(const nlohmann::json& element, std::string_view name);
const nlohmann::json* FirstExtension(const nlohmann::json& element, std::string_view name);

// The date part of a FHIR date or dateTime ("2024-03-05T10:00:00Z" -> "2024-03-05"; "2024-03" and
// "2024" are kept: Refract records take month and year dates). Empty when absent or malformed.
std::string DatePart(const nlohmann::json& value);
// The number in valueInteger / valueDecimal / valueQuantity.value (or a JSON number); nullopt when
// absent or not a number.
std::optional<double> NumberValue(const nlohmann::json& element);

// "Observation/o1": resourceType/id, or resourceType with the fullUrl when there is no id.
std::string ResourceLabel(const nlohmann::json& resource, std::string_view full_url = {});

}  // namespace refract::fhir
