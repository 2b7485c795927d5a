// Observations: items as components (LOINC), totals recomputed, out-of-range values as errors that
// name the resource and element, a total with the self-harm item, and item Observations read
// through a panel's hasMember.
#include <gtest/gtest.h>

#include "fhir_test_bundle.h"

namespace refract::fhir {
namespace {

using nlohmann::json;

json Loinc(const std::string& code) {
  return {{"coding", {{{"system", "http://loinc.org"}, {"code", code}}}}};
}

const std::vector<std::string> kPhq9Items = {"44250-9", "44255-8", "44259-0", "44254-1", "44251-7",
                                             "44258-2", "44252-5", "44253-3", "44260-8"};

json Phq9Panel(const std::string& id, const std::vector<int>& items) {
  json observation = {{"resourceType", "Observation"}, {"id", id}, {"status", "final"},
                      {"code", Loinc("44249-1")}, {"effectiveDateTime", "2025-05-02T10:00:00Z"}};
  for (std::size_t i = 0; i < items.size(); ++i) {
    observation["component"].push_back({{"code", Loinc(kPhq9Items[i])}, {"valueInteger", items[i]}});
  }
  return observation;
}

TEST(ObservationImportTest, ComponentItemsBecomeItemsAndADifferentStatedTotalIsDoubtful) {
  json panel = Phq9Panel("o1", {1, 2, 1, 2, 1, 1, 1, 0, 0});
  panel["valueQuantity"] = {{"value", 12}};
  StatusOr<ImportResult> result = ImportBundle(TestEngine(), BundleWith({panel}), {});
  ASSERT_TRUE(result.ok()) << ErrorLines(result.status());
  ASSERT_EQ(result->record.assessments.size(), 1u);
  EXPECT_EQ(result->record.assessments[0].items.size(), 10u);
  EXPECT_EQ(result->record.assessments[0].items[1], 2);
  const MappingEntry entry = ReportFor(*result, "Observation/o1");
  EXPECT_EQ(entry.disposition, Disposition::kDoubtful);
  EXPECT_NE(entry.reason.find("stated total 12 differs from the total of the items 9"), std::string::npos);
}

TEST(ObservationImportTest, AnItemAboveItsMaximumIsAnErrorNamingTheResourceNeverClamped) {
  StatusOr<ImportResult> result =
      ImportBundle(TestEngine(), BundleWith({Phq9Panel("o2", {1, 4, 1, 0, 0, 0, 0, 0, 0})}), {});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(ErrorLines(result.status()).find("Observation/o2.component[1].value[x]: PHQ-9 item 2 must be between 0 and 3 (got 4)"),
            std::string::npos)
      << ErrorLines(result.status());
}

TEST(ObservationImportTest, ATotalOutOfRangeIsAnError) {
  const json total = {{"resourceType", "Observation"}, {"id", "o3"}, {"status", "final"},
                      {"code", Loinc("44261-6")}, {"effectiveDateTime", "2025-05-02"},
                      {"valueInteger", 28}};
  StatusOr<ImportResult> result = ImportBundle(TestEngine(), BundleWith({total}), {});
  ASSERT_FALSE(result.ok());
  EXPECT_NE(ErrorLines(result.status()).find("Observation/o3.value[x]: PHQ-9 total must be between 0 and 27 (got 28)"),
            std::string::npos)
      << ErrorLines(result.status());
}

TEST(ObservationImportTest, ATotalWithItemNineKeepsItemNineAsTheSafetyItem) {
  json total = {{"resourceType", "Observation"}, {"id", "o4"}, {"status", "final"}, {"code", Loinc("44261-6")},
                {"effectiveDateTime", "2025-05-02"}, {"valueInteger", 17}};
  total["component"].push_back({{"code", Loinc("44260-8")}, {"valueInteger", 1}});
  StatusOr<ImportResult> result = ImportBundle(TestEngine(), BundleWith({total}), {});
  ASSERT_TRUE(result.ok()) << ErrorLines(result.status());
  ASSERT_EQ(result->record.assessments.size(), 1u);
  EXPECT_EQ(result->record.assessments[0].total, 17);
  EXPECT_EQ(result->record.assessments[0].safety_item, 1);
}

TEST(ObservationImportTest, ItemObservationsAreReadThroughThePanelsHasMember) {
  json panel = {{"resourceType", "Observation"}, {"id", "panel"}, {"status", "final"}, {"code", Loinc("69737-5")},
                {"effectiveDateTime", "2025-05-02"}};
  std::vector<json> resources;
  const std::vector<std::string> gad7 = {"69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7"};
  for (std::size_t i = 0; i < gad7.size(); ++i) {
    const std::string id = "item" + std::to_string(i + 1);
    resources.push_back({{"resourceType", "Observation"}, {"id", id}, {"status", "final"}, {"code", Loinc(gad7[i])},
                         {"valueCodeableConcept", Loinc("LA6569-3")}});
    panel["hasMember"].push_back({{"reference", "Observation/" + id}});
  }
  resources.push_back(panel);
  StatusOr<ImportResult> result = ImportBundle(TestEngine(), BundleWith(resources), {});
  ASSERT_TRUE(result.ok()) << ErrorLines(result.status());
  ASSERT_EQ(result->record.assessments.size(), 1u);
  EXPECT_EQ(result->record.assessments[0].instrument, "gad7");
  EXPECT_EQ(result->record.assessments[0].items[6], 1);
  EXPECT_EQ(ReportFor(*result, "Observation/item3").disposition, Disposition::kUsed);
}

}  // namespace
}  // namespace refract::fhir
