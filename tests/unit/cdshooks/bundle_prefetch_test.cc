// The hook service with the FHIR import (refract::cdshooks_fhir) on every example patient.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <set>

#include "card_support.h"
#include "refract/cdshooks/fhir_importer.h"
#include "refract/cdshooks/hook_service.h"
#include "refract/cdshooks/services.h"

namespace refract::cdshooks {
namespace {

using nlohmann::json;
using testing::DraftOrders;
using testing::ExpectValid;
using testing::FindCard;
using testing::ReadText;
using testing::Settings;
using testing::TheEngine;

// Each example patient's FHIR bundle (tests/data/fhir/examples, generated from examples/ by
// tools/fhir/record_to_bundle.py) split into the prefetch keys as a FHIR server would answer the
// discovery templates; the hook service with the FHIR import answers cards that pass the rules.
json PrefetchFrom(const json& bundle) {
  const std::map<std::string, std::string> keys = {{"Condition", "conditions"},
                                                   {"MedicationRequest", "medications"},
                                                   {"MedicationStatement", "medication_statements"},
                                                   {"Observation", "observations"},
                                                   {"Procedure", "procedures"}};
  const std::set<std::string> loinc = {"44261-6", "44260-8", "70274-6", "44249-1", "69737-5"};
  json prefetch = json::object();
  for (const auto& [type, key] : keys) {
    prefetch[key] = {{"resourceType", "Bundle"}, {"type", "searchset"}, {"entry", json::array()}};
  }
  for (const json& entry : bundle["entry"]) {
    const json& resource = entry["resource"];
    const std::string type = resource["resourceType"];
    if (type == "Patient") prefetch["patient"] = resource;
    if (!keys.contains(type)) continue;
    if (type == "Observation") {
      const json& coding = resource["code"]["coding"][0];
      if (coding.value("system", "") != "http://loinc.org" || !loinc.contains(coding["code"])) {
        continue;
      }
    }
    prefetch[keys.at(type)]["entry"].push_back({{"resource", resource}});
  }
  return prefetch;
}

TEST(HookServiceTest, EveryExampleBundleAsPrefetchGivesCardsThatPassTheRules) {
  HookService service(
      TheEngine(), FhirImporter(TheEngine()),
      [](const std::string&, const std::string&) -> StatusOr<json> {
        return Status::Unavailable("no fetching in this test");
      },
      Settings());
  int bundles = 0;
  bool critical_for_h = false;
  for (const auto& entry : std::filesystem::directory_iterator("tests/data/fhir/examples")) {
    const json bundle = json::parse(ReadText(entry.path().string()));
    const json prefetch = PrefetchFrom(bundle);
    const std::string patient = prefetch["patient"]["id"];
    const std::string stem = entry.path().stem().string();
    const std::string example = std::filesystem::exists("examples/" + stem + ".json")
                                    ? "examples/" + stem + ".json"
                                    : "examples/" + stem + ".yaml";
    const Date as_of =
        TheEngine()
            .ParseRecord(ReadText(example),
                         example.ends_with(".json") ? RecordSyntax::kJson : RecordSyntax::kYaml)
            ->as_of;
    for (const char* id : {"refract-patient-view", "refract-order-sign"}) {
      json context = DraftOrders({"Phenelzine 15 MG Oral Tablet", "Sertraline 50 MG",
                                  "esketamine 28 MG/ACTUAT Nasal Spray"});
      context["patientId"] = patient;
      context["userId"] = "Practitioner/1";
      const json body = {{"hook", FindService(id)->hook},
                         {"hookInstance", "h-" + stem},
                         {"context", context},
                         {"prefetch", prefetch}};
      StatusOr<HookResponse> response = service.Call(id, body, as_of);
      ASSERT_TRUE(response.ok()) << stem << " " << id << ": " << response.status().message();
      ExpectValid(response->cards, stem + " " + id);
      if (stem.starts_with("h-") && std::string(id) == "refract-patient-view") {
        critical_for_h = FindCard(response->cards, "critical", "Self-harm") != nullptr;
      }
    }
    ++bundles;
  }
  EXPECT_GE(bundles, 9);
  EXPECT_TRUE(critical_for_h);
}

}  // namespace
}  // namespace refract::cdshooks
