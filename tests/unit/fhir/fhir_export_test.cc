// The content of the FHIR R4 export (include/refract/fhir/fhir_export.h): what each resource holds
// for the example patients, the LOINC codes against knowledge/fhir/instrument_codes.json, the
// safety Flags, provisional staging results, pseudonymity and the decision-support marks.
#include "refract/fhir/fhir_export.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>

#include "export_examples.h"

namespace refract::fhir {
namespace {

using nlohmann::json;
using testing::ExampleStartingWith;
using testing::ExportedExamples;
using testing::ResourcesOf;

json InstrumentCodeTable() {
  std::ifstream file("knowledge/fhir/instrument_codes.json");
  return json::parse(file);
}

const json* TableRow(const json& table, const std::string& instrument) {
  for (const json& row : table["instruments"]) {
    if (row["instrument"] == instrument) return &row;
  }
  return nullptr;
}

std::string FirstCode(const json& codeable) { return codeable["coding"][0]["code"]; }

TEST(FhirExportTest, TheBundleIsACollectionWithOneEntryPerResourceOnTheBaseUrl) {
  for (const auto& example : ExportedExamples()) {
    const json& bundle = example.bundle;
    EXPECT_EQ(bundle["resourceType"], "Bundle");
    EXPECT_EQ(bundle["type"], "collection");
    EXPECT_EQ(bundle["timestamp"], example.assessment.as_of.ToString() + "T00:00:00Z");
    std::set<std::string> full_urls;
    for (const json& entry : bundle["entry"]) {
      const json& resource = entry["resource"];
      const std::string expected = std::string(kRefractFhirBase) + "/" +
                                   resource["resourceType"].get<std::string>() + "/" +
                                   resource["id"].get<std::string>();
      EXPECT_EQ(entry["fullUrl"], expected);
      EXPECT_TRUE(full_urls.insert(expected).second) << example.file << ": twice " << expected;
    }
  }
}

TEST(FhirExportTest, EveryResourceSaysItIsDecisionSupportForAClinician) {
  for (const auto& example : ExportedExamples()) {
    EXPECT_EQ(example.bundle["meta"]["tag"][0]["code"], "decision-support");
    for (const json& entry : example.bundle["entry"]) {
      const json& resource = entry["resource"];
      EXPECT_EQ(resource["meta"]["tag"][0]["code"], "decision-support") << resource["id"];
      EXPECT_NE(resource["text"]["div"].get<std::string>().find("Decision support for a clinician"),
                std::string::npos)
          << resource["id"];
    }
  }
}

TEST(FhirExportTest, ThePatientCarriesThePseudonymAndBirthYearOnly) {
  const auto& example = ExampleStartingWith("a-");
  const std::vector<json> patients = ResourcesOf(example.bundle, "Patient");
  ASSERT_EQ(patients.size(), 1u);
  const json& patient = patients[0];
  EXPECT_EQ(patient["identifier"][0]["value"], example.record.id);
  EXPECT_EQ(patient["birthDate"], "1991");
  EXPECT_EQ(patient["gender"], "female");
  EXPECT_FALSE(patient.contains("name"));
  EXPECT_FALSE(patient.contains("address"));
  EXPECT_FALSE(patient.contains("telecom"));
}

TEST(FhirExportTest, ScoreObservationsUseTheLoincCodesOfTheInstrumentCodeTable) {
  const json table = InstrumentCodeTable();
  const auto& example = ExampleStartingWith("h-");
  int phq9_observations = 0;
  for (const json& observation : ResourcesOf(example.bundle, "Observation")) {
    if (!observation["id"].get<std::string>().starts_with("score-phq9-")) continue;
    ++phq9_observations;
    const json* row = TableRow(table, "phq9");
    ASSERT_NE(row, nullptr);
    EXPECT_EQ(observation["code"]["coding"][0]["system"], "http://loinc.org");
    EXPECT_EQ(FirstCode(observation["code"]), (*row)["total"]);
    EXPECT_EQ(observation["category"][0]["coding"][0]["code"], "survey");
    // The scored items in order; the unscored difficulty item (item 10) follows when recorded.
    ASSERT_GE(observation["component"].size(), (*row)["items"].size());
    for (size_t i = 0; i < (*row)["items"].size(); ++i) {
      EXPECT_EQ(FirstCode(observation["component"][i]["code"]), (*row)["items"][i]);
    }
    EXPECT_TRUE(observation.contains("valueInteger"));
    EXPECT_TRUE(observation.contains("effectiveDateTime"));
    EXPECT_TRUE(observation.contains("interpretation"));
  }
  EXPECT_EQ(phq9_observations, 7);
}

TEST(FhirExportTest, TheLatestPhq9OfExampleHHasItsTotalBandAndItemNine) {
  const auto& example = ExampleStartingWith("h-");
  const InstrumentSeries* series = FindSeries(example.assessment.measures, "phq9");
  ASSERT_NE(series, nullptr);
  const measures::ScoredAdministration& latest = series->administrations.back();
  const std::string id = "score-phq9-" + std::to_string(series->administrations.size());
  for (const json& observation : ResourcesOf(example.bundle, "Observation")) {
    if (observation["id"] != id) continue;
    EXPECT_EQ(observation["valueInteger"], 21);
    EXPECT_EQ(observation["valueInteger"], *latest.total_rounded);
    EXPECT_EQ(observation["interpretation"][0]["text"], *latest.band);
    EXPECT_EQ(observation["component"][8]["valueInteger"], 1);
    EXPECT_EQ(observation["effectiveDateTime"], latest.date->ToString());
    return;
  }
  FAIL() << "no Observation " << id;
}

TEST(FhirExportTest, EveryPositiveSelfHarmItemIsAHighPriorityActiveSafetyFlag) {
  const auto& example = ExampleStartingWith("h-");
  int critical_alerts = 0;
  for (const auto& alert : example.assessment.measures.alerts) {
    if (alert.severity == measures::AlertSeverity::kCritical) ++critical_alerts;
  }
  ASSERT_GT(critical_alerts, 0);
  int high_priority_flags = 0;
  for (const json& flag : ResourcesOf(example.bundle, "Flag")) {
    EXPECT_EQ(flag["status"], "active");
    EXPECT_EQ(flag["category"][0]["coding"][0]["code"], "safety");
    EXPECT_EQ(flag["extension"][0]["url"], "http://hl7.org/fhir/StructureDefinition/flag-priority");
    if (FirstCode(flag["extension"][0]["valueCodeableConcept"]) == "PH") {
      ++high_priority_flags;
      EXPECT_TRUE(FirstCode(flag["code"]).starts_with("SAFETY_ITEM"));  // PHQ-9 9, MADRS 10
      EXPECT_EQ(flag["subject"]["reference"], "Patient/" + example.record.id);
    }
  }
  EXPECT_EQ(high_priority_flags, critical_alerts);
  EXPECT_EQ(ResourcesOf(example.bundle, "Flag").size(), example.assessment.measures.alerts.size());
}

TEST(FhirExportTest, AnExampleWithoutAlertsHasNoFlag) {
  const auto& example = ExampleStartingWith("a-");
  ASSERT_TRUE(example.assessment.measures.alerts.empty());
  EXPECT_TRUE(ResourcesOf(example.bundle, "Flag").empty());
}

TEST(FhirExportTest, EachStagingModelIsOneObservationAndProvisionalOnesArePreliminary) {
  bool saw_provisional = false;
  for (const auto& example : ExportedExamples()) {
    for (const ModelResult& model : example.assessment.staging) {
      const std::vector<json> observations = ResourcesOf(example.bundle, "Observation");
      const auto found = std::find_if(observations.begin(), observations.end(), [&](const json& o) {
        return o["category"][0]["coding"][0]["code"] == "trd-staging" &&
               FirstCode(o["code"]) == model.model_id;
      });
      ASSERT_NE(found, observations.end()) << example.file << " " << model.model_id;
      const json& observation = *found;
      EXPECT_EQ(FirstCode(observation["code"]), model.model_id);
      EXPECT_EQ(observation["status"], model.provisional ? "preliminary" : "final");
      const bool tagged_provisional = observation["meta"]["tag"].size() == 2 &&
                                      observation["meta"]["tag"][1]["code"] == "provisional";
      EXPECT_EQ(tagged_provisional, model.provisional);
      saw_provisional = saw_provisional || model.provisional;
      EXPECT_EQ(observation["note"][0]["text"].get<std::string>().find(model.name), 0u);
      if (model.applicable && (model.stage || model.category)) {
        EXPECT_EQ(observation["valueCodeableConcept"]["text"], model.summary);
      }
      if (!model.applicable) {
        EXPECT_TRUE(observation.contains("dataAbsentReason"));
      }
    }
  }
  EXPECT_TRUE(saw_provisional);
}

TEST(FhirExportTest, TheBipolarExampleIsNotStagedAsUnipolarTrd) {
  const auto& example = ExampleStartingWith("e-");
  for (const json& observation : ResourcesOf(example.bundle, "Observation")) {
    if (!observation["id"].get<std::string>().starts_with("staging-")) continue;
    EXPECT_EQ(observation["dataAbsentReason"]["coding"][0]["code"], "not-applicable");
    EXPECT_FALSE(observation.contains("valueCodeableConcept"));
  }
}

TEST(FhirExportTest, TheQuestionnairesCarryTheWordingLoincCodesOrdinalsAndAttribution) {
  const json table = InstrumentCodeTable();
  const std::vector<json> questionnaires =
      ResourcesOf(ExampleStartingWith("a-").bundle, "Questionnaire");
  ASSERT_EQ(questionnaires.size(), 2u);
  for (const json& questionnaire : questionnaires) {
    const std::string id = questionnaire["id"];
    const json* row = TableRow(table, id);
    ASSERT_NE(row, nullptr) << id;
    EXPECT_EQ(FirstCode(json{{"coding", questionnaire["code"]}}), (*row)["panel"]);
    EXPECT_NE(questionnaire["copyright"].get<std::string>().find("Pfizer"), std::string::npos);
    const json& items = questionnaire["item"];
    ASSERT_EQ(items.size(), (*row)["items"].size() + 1) << id;  // the stem, then the items
    EXPECT_EQ(items[0]["type"], "display");
    for (size_t i = 0; i < (*row)["items"].size(); ++i) {
      const json& item = items[i + 1];
      EXPECT_EQ(item["linkId"], (*row)["items"][i]);
      EXPECT_EQ(item["code"][0]["code"], (*row)["items"][i]);
      ASSERT_EQ(item["answerOption"].size(), 4u);
      for (int value = 0; value < 4; ++value) {
        const json& coding = item["answerOption"][value]["valueCoding"];
        EXPECT_EQ(coding["extension"][0]["valueDecimal"], value);
      }
    }
  }
  EXPECT_EQ(questionnaires[1]["item"][9]["text"],
            "Thoughts that you would be better off dead or of hurting yourself in some way");
}

TEST(FhirExportTest, TheProvenanceNamesRefractAndEveryOtherResource) {
  const auto& example = ExampleStartingWith("c-");
  const std::vector<json> provenances = ResourcesOf(example.bundle, "Provenance");
  ASSERT_EQ(provenances.size(), 1u);
  EXPECT_EQ(provenances[0]["agent"][0]["who"]["reference"], "Device/refract");
  EXPECT_EQ(provenances[0]["target"].size(), example.bundle["entry"].size() - 1);
  const std::vector<json> devices = ResourcesOf(example.bundle, "Device");
  ASSERT_EQ(devices.size(), 1u);
  EXPECT_EQ(devices[0]["version"][0]["value"], example.assessment.knowledge_version);
}

TEST(FhirExportTest, TheSameInputsGiveTheSameBundle) {
  const auto& example = ExampleStartingWith("g-");
  EXPECT_EQ(ExportBundle(testing::TheEngine(), example.record, example.assessment, ExportOptions{}),
            example.bundle);
}

}  // namespace
}  // namespace refract::fhir
