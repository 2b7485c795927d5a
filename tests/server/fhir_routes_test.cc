// POST /api/v1/fhir/import: a Bundle in, the record and the mapping report out, nothing stored;
// 400 with the resource's path for an out-of-range value; clinicians only.
#include <gtest/gtest.h>

#include "server_fixture.h"

namespace refract::server::testing {
namespace {

using nlohmann::json;

class FhirRoutesTest : public ServerTest {
 protected:
  static std::string Bundle(const std::string& example) {
    return ReadProjectFile("tests/data/fhir/examples/" + example);
  }
};

TEST_P(FhirRoutesTest, ABundleBecomesARecordAndAMappingReportAndNothingIsStored) {
  httplib::Result imported = Send("POST", "/api/v1/fhir/import", &clinician_a_,
                                  Bundle("b-two-classes-augmentation-cbt.json"));
  ASSERT_EQ(imported->status, 200) << imported->body;
  const json body = json::parse(imported->body);
  EXPECT_EQ(body["record"]["id"], "example-b");
  EXPECT_EQ(body["record"]["treatments"].size(), 4u);
  EXPECT_EQ(body["mapping_report"][0]["resource"], "Patient/example-b");
  EXPECT_EQ(body["mapping_report"][0]["disposition"], "used");
  httplib::Result listed = Get("/api/v1/patients", &clinician_a_);
  ASSERT_EQ(listed->status, 200);
  EXPECT_TRUE(json::parse(listed->body)["patients"].empty()) << "the import only converts";
}

TEST_P(FhirRoutesTest, AnOutOfRangeItemIs400NamingTheResource) {
  json bundle = json::parse(Bundle("d-medication-only-short-psychotherapy.json"));
  for (json& entry : bundle["entry"]) {
    if (entry["resource"]["resourceType"] == "Observation") {
      entry["resource"]["component"][0]["valueInteger"] = 7;
      break;
    }
  }
  httplib::Result rejected = Send("POST", "/api/v1/fhir/import", &clinician_a_, bundle.dump());
  ASSERT_EQ(rejected->status, 400) << rejected->body;
  const json details = json::parse(rejected->body)["error"]["details"];
  ASSERT_FALSE(details.empty());
  EXPECT_EQ(details[0]["path"], "Observation/example-d-a1.component[0].value[x]");
  EXPECT_EQ(Send("POST", "/api/v1/fhir/import", &clinician_a_, "[1]")->status, 400);
}

TEST_P(FhirRoutesTest, OnlySignedInCliniciansMayImport) {
  const std::string bundle = Bundle("a-early-single-failure.json");
  EXPECT_EQ(Send("POST", "/api/v1/fhir/import", nullptr, bundle)->status, 401);
  EXPECT_EQ(Send("POST", "/api/v1/fhir/import", &auditor_, bundle)->status, 403);
}

INSTANTIATE_TEST_SUITE_P(Stores, FhirRoutesTest, ::testing::ValuesIn(kStoreKinds));

}  // namespace
}  // namespace refract::server::testing
