// GET /api/v1/patients/{id}/fhir on both stores: the FHIR R4 bundle of the stored record, with the
// access rules and audit of reading the patient.
#include <gtest/gtest.h>

#include "server_fixture.h"

namespace refract::server::testing {
namespace {

using nlohmann::json;

constexpr const char* kExampleH =
    "examples/h-self-harm-item-declines-ect-prefers-psychotherapy.json";

class FhirExportApiTest : public ServerTest {
 protected:
  std::string FhirPath(const json& patient) {
    return "/api/v1/patients/" + patient["patient_id"].get<std::string>() + "/fhir";
  }
  int AuditedExports(const std::string& username, const std::string& outcome) {
    StatusOr<std::vector<store::AuditEvent>> rows = store_->ListAudit(0, 1000);
    EXPECT_TRUE(rows.ok());
    int count = 0;
    for (const store::AuditEvent& row : rows.ok() ? *rows : std::vector<store::AuditEvent>{}) {
      if (row.action == "patient.fhir_export" && row.username == username &&
          row.outcome == outcome) {
        ++count;
      }
    }
    return count;
  }
};

TEST_P(FhirExportApiTest, TheCareTeamGetsTheBundleAsFhirJson) {
  const json created = CreatePatient(clinician_a_, kExampleH);
  httplib::Result result = Get(FhirPath(created), &clinician_a_);
  ASSERT_TRUE(result);
  ASSERT_EQ(result->status, 200) << result->body;
  EXPECT_EQ(result->get_header_value("Content-Type"), "application/fhir+json");
  EXPECT_EQ(result->get_header_value("ETag"), "\"1\"");
  const json bundle = json::parse(result->body);
  EXPECT_EQ(bundle["resourceType"], "Bundle");
  EXPECT_EQ(bundle["type"], "collection");
  EXPECT_EQ(bundle["entry"][0]["resource"]["identifier"][0]["value"], created["pseudonym"]);
  int flags = 0;
  for (const json& entry : bundle["entry"]) flags += entry["resource"]["resourceType"] == "Flag";
  EXPECT_GT(flags, 0);
  EXPECT_EQ(AuditedExports("clin-alpha", "ok"), 1);
}

TEST_P(FhirExportApiTest, AnotherTeamIs403AndTheAttemptIsAudited) {
  const json created = CreatePatient(clinician_a_, kExampleH);
  EXPECT_EQ(Get(FhirPath(created), &clinician_b_)->status, 403);
  EXPECT_EQ(Get(FhirPath(created), &admin_)->status, 403);
  EXPECT_EQ(Get(FhirPath(created), nullptr)->status, 401);
  EXPECT_EQ(AuditedExports("clin-beta", "denied"), 1);
}

TEST_P(FhirExportApiTest, AnUnknownPatientIs404AndABadVersionIs400) {
  const json created = CreatePatient(clinician_a_, kExampleH);
  EXPECT_EQ(Get("/api/v1/patients/p0000000000000000/fhir", &clinician_a_)->status, 404);
  EXPECT_EQ(Get(FhirPath(created) + "?version=x", &clinician_a_)->status, 400);
  EXPECT_EQ(Get(FhirPath(created) + "?dose_table=nope", &clinician_a_)->status, 400);
}

INSTANTIATE_TEST_SUITE_P(Stores, FhirExportApiTest, ::testing::ValuesIn(kStoreKinds));

}  // namespace
}  // namespace refract::server::testing
