#include "fhir_values.h"

#include <regex>

namespace refract::fhir {

using nlohmann::json;

std::vector<Coding> Codings(const json& codeable) {
  std::vector<Coding> codings;
  if (!codeable.is_object()) return codings;
  const auto add = [&codings](const json& coding) {
    if (coding.is_object()) {
      codings.push_back({Text(coding, "system"), Text(coding, "code"), Text(coding, "display")});
    }
  };
  if (codeable.contains("coding") && codeable["coding"].is_array()) {
    for (const json& coding : codeable["coding"]) add(coding);
  } else if (codeable.contains("code")) {
    add(codeable);
  }
  return codings;
}

std::string CodeIn(const json& codeable, std::string_view system) {
  for (const Coding& coding : Codings(codeable)) {
    if (coding.system == system) return coding.code;
  }
  return {};
}

std::string Text(const json& object, std::string_view key) {
  if (!object.is_object()) return {};
  const auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return {};
  return it->get<std::string>();
}

std::vector<const json*> Extensions(const json& element, std::string_view name) {
  std::vector<const json*> found;
  if (!element.is_object() || !element.contains("extension") || !element["extension"].is_array()) {
    return found;
  }
  const std::string full =
      name.find("://") == std::string_view::npos ? std::string(kExtensionBase) + std::string(name)
                                                 : std::string(name);
  for (const json& extension : element["extension"]) {
    if (Text(extension, "url") == full || Text(extension, "url") == name) found.push_back(&extension);
  }
  return found;
}

const json* FirstExtension(const json& element, std::string_view name) {
  const std::vector<const json*> found = Extensions(element, name);
  return found.empty() ? nullptr : found.front();
}

std::string DatePart(const json& value) {
  if (!value.is_string()) return {};
  static const std::regex kDate(R"(^(\d{4}(-\d{2}(-\d{2})?)?)(T.*)?$)");
  std::smatch match;
  const std::string text = value.get<std::string>();
  if (!std::regex_match(text, match, kDate)) return {};
  return match[1].str();
}

std::optional<double> NumberValue(const json& element) {
  if (element.is_number()) return element.get<double>();
  if (!element.is_object()) return std::nullopt;
  for (const char* key : {"valueInteger", "valueDecimal"}) {
    if (element.contains(key) && element[key].is_number()) return element[key].get<double>();
  }
  if (element.contains("valueQuantity")) return NumberValue(element["valueQuantity"].value("value", json()));
  if (element.contains("value") && element["value"].is_number()) return element["value"].get<double>();
  return std::nullopt;
}

std::string ResourceLabel(const json& resource, std::string_view full_url) {
  const std::string type = Text(resource, "resourceType");
  const std::string id = Text(resource, "id");
  if (!id.empty()) return type + "/" + id;
  return type + "(" + std::string(full_url) + ")";
}

}  // namespace refract::fhir
