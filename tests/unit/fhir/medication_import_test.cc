// Medications: clinical drugs (RxNorm SCD) read as their ingredient and strength, dispensing gaps
// bridged or not by the persistence rule (knowledge/fhir/import_rules.json), requests chained by
// priorPrescription as dose steps, and augmentation linked to its antidepressant trial.
#include <gtest/gtest.h>

#include "fhir_test_bundle.h"

namespace refract::fhir {
namespace {

using nlohmann::json;

json RxNorm(const std::string& code) {
  return {{"coding", {{{"system", "http://www.nlm.nih.gov/research/umls/rxnorm"}, {"code", code}}}}};
}

json Dosage(double value, const std::string& unit, int per_day) {
  return {{"timing", {{"repeat", {{"frequency", per_day}, {"period", 1}, {"periodUnit", "d"}}}}},
          {"doseAndRate", {{{"doseQuantity", {{"value", value}, {"unit", unit}}}}}}};
}

// sertraline 100 MG Oral Tablet (SCD 312938), one tablet a day, for `days`.
json Dispense(const std::string& id, const std::string& date, int days) {
  return {{"resourceType", "MedicationDispense"}, {"id", id}, {"status", "completed"},
          {"medicationCodeableConcept", RxNorm("312938")}, {"whenHandedOver", date},
          {"daysSupply", {{"value", days}, {"unit", "days"}}}, {"dosageInstruction", {Dosage(1, "tablet", 1)}}};
}

TEST(MedicationImportTest, AClinicalDrugIsReadAsItsIngredientAndStrength) {
  const json request = {{"resourceType", "MedicationRequest"}, {"id", "mr1"}, {"status", "active"},
                        {"intent", "order"}, {"medicationCodeableConcept", RxNorm("312938")},
                        {"authoredOn", "2025-01-06"}, {"dosageInstruction", {Dosage(1, "tablet", 2)}}};
  StatusOr<ImportResult> result = ImportBundle(TestEngine(), BundleWith({request}), {});
  ASSERT_TRUE(result.ok()) << ErrorLines(result.status());
  ASSERT_EQ(result->record.treatments.size(), 1u);
  EXPECT_EQ(result->record.treatments[0].agent, "sertraline");
  ASSERT_EQ(result->record.treatments[0].doses.size(), 1u);
  EXPECT_DOUBLE_EQ(result->record.treatments[0].doses[0].mg_per_day, 200);
  EXPECT_FALSE(result->record.treatments[0].end) << "an active request is ongoing at as_of";
}

TEST(MedicationImportTest, ADispensingGapWithinThePersistenceRuleIsBridgedAndDoubtful) {
  StatusOr<ImportResult> result = ImportBundle(
      TestEngine(), BundleWith({Dispense("d1", "2025-01-06", 30), Dispense("d2", "2025-02-15", 30)}), {});
  ASSERT_TRUE(result.ok()) << ErrorLines(result.status());
  ASSERT_EQ(result->record.treatments.size(), 1u);
  EXPECT_EQ(result->record.treatments[0].start.ToString(), "2025-01-06");
  EXPECT_EQ(result->record.treatments[0].end->ToString(), "2025-03-16");
  const MappingEntry entry = ReportFor(*result, "MedicationDispense/d2");
  EXPECT_EQ(entry.disposition, Disposition::kDoubtful);
  EXPECT_NE(entry.reason.find("a dispensing gap of 10 days"), std::string::npos) << entry.reason;
}

TEST(MedicationImportTest, AGapLongerThanThePersistenceRuleStartsANewTrial) {
  StatusOr<ImportResult> result = ImportBundle(
      TestEngine(), BundleWith({Dispense("d1", "2024-06-03", 30), Dispense("d2", "2024-09-02", 30)}), {});
  ASSERT_TRUE(result.ok()) << ErrorLines(result.status());
  ASSERT_EQ(result->record.treatments.size(), 2u);
  EXPECT_EQ(ReportFor(*result, "MedicationDispense/d1").disposition, Disposition::kUsed);
}

TEST(MedicationImportTest, RequestsChainedByPriorPrescriptionAreDoseStepsOfOneTrial) {
  const json first = {{"resourceType", "MedicationRequest"}, {"id", "v1"}, {"status", "completed"},
                      {"intent", "order"}, {"medicationCodeableConcept", RxNorm("39786")},
                      {"authoredOn", "2024-11-04"}, {"dosageInstruction", {Dosage(75, "mg", 1)}}};
  json second = {{"resourceType", "MedicationRequest"}, {"id", "v2"}, {"status", "active"},
                 {"intent", "order"}, {"medicationCodeableConcept", RxNorm("39786")},
                 {"authoredOn", "2024-12-02"}, {"priorPrescription", {{"reference", "MedicationRequest/v1"}}}};
  json dosage = Dosage(150, "mg", 1);
  dosage["timing"]["repeat"]["boundsPeriod"] = {{"start", "2024-12-02"}, {"end", "2025-03-01"}};
  second["dosageInstruction"] = {dosage};
  const json quetiapine = {{"resourceType", "MedicationStatement"}, {"id", "q1"}, {"status", "completed"},
                           {"medicationCodeableConcept", RxNorm("51272")},
                           {"effectivePeriod", {{"start", "2025-01-06"}, {"end", "2025-02-24"}}},
                           {"dosage", {Dosage(150, "mg", 1)}}};
  StatusOr<ImportResult> result = ImportBundle(TestEngine(), BundleWith({first, second, quetiapine}), {});
  ASSERT_TRUE(result.ok()) << ErrorLines(result.status());
  ASSERT_EQ(result->record.treatments.size(), 2u);
  const Treatment* venlafaxine = FindTreatment(result->record, "v1");
  ASSERT_NE(venlafaxine, nullptr);
  ASSERT_EQ(venlafaxine->doses.size(), 2u);
  EXPECT_DOUBLE_EQ(venlafaxine->doses[1].mg_per_day, 150);
  EXPECT_EQ(venlafaxine->end->ToString(), "2025-03-01");
  const Treatment* augmentation = FindTreatment(result->record, "q1");
  ASSERT_NE(augmentation, nullptr);
  EXPECT_EQ(augmentation->augments, "v1");
  EXPECT_EQ(ReportFor(*result, "MedicationStatement/q1").disposition, Disposition::kDoubtful)
      << "the base trial was inferred, not stated";
}

TEST(MedicationImportTest, ANegativeDoseIsAnErrorNamingTheElement) {
  const json request = {{"resourceType", "MedicationRequest"}, {"id", "bad"}, {"status", "active"},
                        {"intent", "order"}, {"medicationCodeableConcept", RxNorm("36437")},
                        {"authoredOn", "2025-01-06"}, {"dosageInstruction", {Dosage(-50, "mg", 1)}}};
  StatusOr<ImportResult> result = ImportBundle(TestEngine(), BundleWith({request}), {});
  ASSERT_FALSE(result.ok());
  EXPECT_NE(ErrorLines(result.status()).find("MedicationRequest/bad.dosageInstruction[0].doseAndRate[0].doseQuantity.value"),
            std::string::npos)
      << ErrorLines(result.status());
}

}  // namespace
}  // namespace refract::fhir
