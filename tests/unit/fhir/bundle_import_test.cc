// Bundles: what is not a Bundle, the Patient choice, references by urn:uuid, resources of another
// patient, conditions (current episode, bipolar), procedures as courses or counted sessions, and the
// mapping report's dispositions.
#include <gtest/gtest.h>

#include "fhir_test_bundle.h"

namespace refract::fhir {
namespace {

using nlohmann::json;

json Snomed(const std::string& code) { return {{"coding", {{{"system", "http://snomed.info/sct"}, {"code", code}}}}}; }

TEST(BundleImportTest, SomethingThatIsNotABundleIsRejectedNamingTheField) {
  StatusOr<ImportResult> result = ImportBundle(TestEngine(), {{"resourceType", "Patient"}}, {});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(ErrorLines(result.status()), "Bundle.resourceType: must be \"Bundle\" (a FHIR R4 Bundle)\n");
}

TEST(BundleImportTest, TwoPatientsNeedAChoice) {
  json bundle = BundleWith({{{"resourceType", "Patient"}, {"id", "p2"}}});
  StatusOr<ImportResult> result = ImportBundle(TestEngine(), bundle, {});
  ASSERT_FALSE(result.ok());
  EXPECT_NE(ErrorLines(result.status()).find("holds 2 Patient resources"), std::string::npos);
  StatusOr<ImportResult> chosen = ImportBundle(TestEngine(), bundle, {"p1", ""});
  ASSERT_TRUE(chosen.ok()) << ErrorLines(chosen.status());
  EXPECT_EQ(chosen->record.id, "p1");
  EXPECT_EQ(ReportFor(*chosen, "Patient/p2").disposition, Disposition::kSkipped);
}

TEST(BundleImportTest, TheConditionGivesDiagnosisAndEpisodeAndUnrelatedResourcesAreSkipped) {
  const json asthma = {{"resourceType", "Condition"}, {"id", "asthma"}, {"code", Snomed("195967001")},
                       {"onsetDateTime", "2001-01-01"}};
  const json encounter = {{"resourceType", "Encounter"}, {"id", "e1"}, {"status", "finished"}};
  StatusOr<ImportResult> result = ImportBundle(TestEngine(), BundleWith({asthma, encounter}), {});
  ASSERT_TRUE(result.ok()) << ErrorLines(result.status());
  EXPECT_EQ(result->record.diagnosis, Diagnosis::kMdd);
  EXPECT_EQ(result->record.episode.onset.ToString(), "2024-01-10");
  EXPECT_EQ(result->record.episode.severity, Severity::kModerate) << "18818009 = moderate recurrent MDD";
  EXPECT_EQ(result->record.as_of.ToString(), "2025-06-01") << "from Bundle.timestamp";
  EXPECT_EQ(ReportFor(*result, "Condition/mdd").disposition, Disposition::kUsed);
  EXPECT_EQ(ReportFor(*result, "Condition/asthma").disposition, Disposition::kSkipped);
  EXPECT_EQ(ReportFor(*result, "Encounter/e1").disposition, Disposition::kSkipped);
  EXPECT_NE(ReportFor(*result, "Encounter/e1").reason.find("not mapped"), std::string::npos);
}

TEST(BundleImportTest, PsychoticFeaturesAndAnActiveBipolarDisorderAreRead) {
  const json psychotic = {{"resourceType", "Condition"}, {"id", "psy"}, {"code", Snomed("73867007")},
                          {"onsetDateTime", "2025-02-01"}};
  StatusOr<ImportResult> result = ImportBundle(TestEngine(), BundleWith({psychotic}), {});
  ASSERT_TRUE(result.ok()) << ErrorLines(result.status());
  EXPECT_TRUE(result->record.episode.psychotic_features);
  EXPECT_EQ(ReportFor(*result, "Condition/mdd").disposition, Disposition::kSkipped) << "an earlier episode";
  const json bipolar = {{"resourceType", "Condition"}, {"id", "bp"}, {"code", Snomed("83225003")},
                        {"onsetDateTime", "2019-05-01"}};
  StatusOr<ImportResult> with_bipolar = ImportBundle(TestEngine(), BundleWith({bipolar}), {});
  ASSERT_TRUE(with_bipolar.ok()) << ErrorLines(with_bipolar.status());
  EXPECT_EQ(with_bipolar->record.diagnosis, Diagnosis::kBipolar);
}

TEST(BundleImportTest, ABundleWithoutADepressiveDisorderIsRejected) {
  json bundle = BundleWith({});
  bundle["entry"].erase(1);
  StatusOr<ImportResult> result = ImportBundle(TestEngine(), bundle, {});
  ASSERT_FALSE(result.ok());
  EXPECT_NE(ErrorLines(result.status()).find("no active depressive or bipolar disorder Condition"), std::string::npos);
}

TEST(BundleImportTest, PsychotherapySessionsAreCountedIntoOneCourse) {
  std::vector<json> sessions;
  const char* days[] = {"2025-03-03", "2025-03-10", "2025-03-17", "2025-03-24",
                        "2025-03-31", "2025-04-07", "2025-04-14", "2025-04-21"};
  for (const char* day : days) {
    sessions.push_back({{"resourceType", "Procedure"}, {"id", std::string("s") + day}, {"status", "completed"},
                        {"code", Snomed("183383008")}, {"performedDateTime", day}});
  }
  sessions.push_back({{"resourceType", "Procedure"}, {"id", "other-patient"}, {"status", "completed"},
                      {"subject", {{"reference", "Patient/p9"}}}, {"code", Snomed("183383008")},
                      {"performedDateTime", "2025-03-03"}});
  sessions.push_back({{"resourceType", "Patient"}, {"id", "p9"}});
  StatusOr<ImportResult> result = ImportBundle(TestEngine(), BundleWith(sessions), {"p1", ""});
  ASSERT_TRUE(result.ok()) << ErrorLines(result.status());
  ASSERT_EQ(result->record.treatments.size(), 1u);
  const Treatment& course = result->record.treatments[0];
  EXPECT_EQ(course.kind, TreatmentKind::kPsychotherapy);
  EXPECT_EQ(course.agent, "cbt");
  EXPECT_EQ(course.sessions, 8);
  EXPECT_EQ(ReportFor(*result, "Procedure/other-patient").reason, "belongs to another patient");
}

TEST(BundleImportTest, TheMappingReportAsJsonNamesTheDisposition) {
  const json report = MappingReportJson({{"Encounter/e1", Disposition::kSkipped, "", "why"}});
  EXPECT_EQ(report.dump(), R"([{"disposition":"skipped","mapped_to":"","reason":"why","resource":"Encounter/e1"}])");
}

}  // namespace
}  // namespace refract::fhir
