// Shared pieces of the FHIR R4 export: ids, codes, codings and the resource skeleton with the
// decision-support tag and narrative (FHIR R4 Resource.meta, DomainResource.text).
#include <cctype>
#include <string>

#include "export_resources.h"
#include "refract/fhir/fhir_export.h"

namespace refract::fhir {

std::string RefractCodeSystem(const std::string& name) {
  return std::string(kRefractFhirBase) + "/CodeSystem/" + name;
}

namespace internal {
namespace {

using nlohmann::json;

bool IsIdCharacter(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.';
}

// Escapes the five XML special characters for the narrative's XHTML.
std::string EscapeXml(const std::string& text) {
  std::string escaped;
  for (const char c : text) {
    switch (c) {
      case '&':
        escaped += "&amp;";
        break;
      case '<':
        escaped += "&lt;";
        break;
      case '>':
        escaped += "&gt;";
        break;
      case '"':
        escaped += "&quot;";
        break;
      case '\'':
        escaped += "&apos;";
        break;
      default:
        escaped += c;
    }
  }
  return escaped;
}

}  // namespace

std::string FhirId(const std::string& text) {
  std::string id;
  for (const char c : text) id += IsIdCharacter(c) ? c : '-';
  if (id.empty()) id = "x";
  return id.substr(0, 64);
}

std::string Slug(const std::string& text) {
  std::string slug;
  for (const char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.') {
      slug += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else if (!slug.empty() && slug.back() != '-') {
      slug += '-';
    }
  }
  while (!slug.empty() && slug.back() == '-') slug.pop_back();
  return slug.empty() ? "none" : slug;
}

json Coding(const std::string& system, const std::string& code, const std::string& display) {
  json coding = {{"system", system}, {"code", code}};
  if (!display.empty()) coding["display"] = display;
  return coding;
}

json NewResource(const std::string& type, const std::string& id, const std::string& summary,
                 bool provisional) {
  json tags = json::array({Coding(RefractCodeSystem("output"), "decision-support",
                                  "Decision support for a clinician")});
  if (provisional) {
    tags.push_back(Coding(RefractCodeSystem("output"), "provisional",
                          "Provisional: relies on unconfirmed values"));
  }
  const std::string div = "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>" + EscapeXml(summary) +
                          "</p><p>" + EscapeXml(kDecisionSupportDisclaimer) + "</p></div>";
  return {{"resourceType", type},
          {"id", FhirId(id)},
          {"meta", {{"tag", tags}}},
          {"text", {{"status", "generated"}, {"div", div}}}};
}

json PatientReference(const std::string& patient_id) {
  return {{"reference", "Patient/" + patient_id}};
}

json PatientResource(const PatientRecord& record, const std::string& patient_id) {
  json patient = NewResource("Patient", patient_id, "Pseudonymous patient " + record.id);
  patient["identifier"] =
      json::array({{{"system", std::string(kRefractFhirBase) + "/NamingSystem/pseudonym"},
                    {"value", record.id}}});
  if (record.demographics.sex) {
    switch (*record.demographics.sex) {
      case Sex::kFemale:
        patient["gender"] = "female";
        break;
      case Sex::kMale:
        patient["gender"] = "male";
        break;
      case Sex::kOther:
        patient["gender"] = "other";
        break;
    }
  }
  if (record.demographics.birth_date) {
    patient["birthDate"] = record.demographics.birth_date->ToString().substr(0, 4);
  }
  return patient;
}

}  // namespace internal
}  // namespace refract::fhir
