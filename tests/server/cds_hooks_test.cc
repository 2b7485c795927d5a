// CDS Hooks over HTTP (src/server/cds_routes.cc, docs/cds-hooks.md): discovery, a patient-view call
// authenticated with a JWT signed by the spec's example key, refusals (401) for missing, expired,
// replayed and wrong-audience tokens, 412 when data is missing and cannot be fetched, and feedback
// stored in the store and audited.
#include <chrono>

#include "jwt_signing.h"
#include "refract/cdshooks/card_rules.h"
#include "server_fixture.h"

namespace refract::server::testing {
namespace {

using nlohmann::json;

class CdsHooksTest : public ServerTest {
 protected:
  int64_t Now() const {
    return std::chrono::duration_cast<std::chrono::seconds>(clock_.Now().time_since_epoch())
        .count();
  }

  // A token for `path` signed with the spec's example private key.
  std::string Token(const std::string& path, const std::string& jti, int64_t exp_offset = 240) {
    static const std::string kPem = cdshooks::testing::PrivateEcJwkToPem(
        json::parse(ReadProjectFile("tests/data/cds-hooks/spec-2.0.1/spec-25-example.json")));
    const json claims = {{"iss", kCdsIssuer},
                         {"aud", std::string(kCdsPublicUrl) + path},
                         {"iat", Now() - 10},
                         {"exp", Now() + exp_offset},
                         {"jti", jti}};
    return "Bearer " + cdshooks::testing::SignJwt("ES384", kPem, {{"kid", "example-kid"}}, claims);
  }

  httplib::Result Post(const std::string& path, const json& body, const std::string& token) {
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", token);
    return client_->Post(path, headers, body.dump(), "application/json");
  }

  // The example patient a's bundle as prefetch (patient, statements and observations).
  json PatientViewBody() {
    const json bundle =
        json::parse(ReadProjectFile("tests/data/fhir/examples/a-early-single-failure.json"));
    json prefetch = json::object();
    json statements = {{"resourceType", "Bundle"}, {"type", "searchset"}, {"entry", json::array()}};
    json conditions = statements;
    for (const json& entry : bundle["entry"]) {
      const std::string type = entry["resource"]["resourceType"];
      if (type == "Patient") prefetch["patient"] = entry["resource"];
      if (type == "MedicationStatement") statements["entry"].push_back(entry);
      if (type == "Condition") conditions["entry"].push_back(entry);
    }
    const json empty = {
        {"resourceType", "Bundle"}, {"type", "searchset"}, {"entry", json::array()}};
    prefetch["medication_statements"] = statements;
    prefetch["conditions"] = conditions;
    prefetch["medications"] = empty;
    prefetch["observations"] = empty;
    prefetch["procedures"] = empty;
    return {{"hook", "patient-view"},
            {"hookInstance", "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea"},
            {"context", {{"userId", "Practitioner/1"}, {"patientId", "example-a"}}},
            {"prefetch", prefetch}};
  }

  std::vector<store::AuditEvent> AuditRows() {
    StatusOr<std::vector<store::AuditEvent>> rows = store_->ListAudit(0, 1000);
    return rows.ok() ? *rows : std::vector<store::AuditEvent>{};
  }
};

constexpr const char* kPatientView = "/cds-services/refract-patient-view";

TEST_P(CdsHooksTest, DiscoveryListsTheDocumentedServicesWithoutAuthentication) {
  httplib::Result reply = client_->Get("/cds-services");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(json::parse(reply->body),
            json::parse(ReadProjectFile("tests/data/cds-hooks/refract-discovery.json")));
}

TEST_P(CdsHooksTest, APatientViewCallWithASignedTokenGetsValidCardsAndIsAudited) {
  httplib::Result reply = Post(kPatientView, PatientViewBody(), Token(kPatientView, "jti-1"));
  ASSERT_TRUE(reply);
  ASSERT_EQ(reply->status, 200) << reply->body;
  const json response = json::parse(reply->body);
  ASSERT_GE(response["cards"].size(), 2u);
  EXPECT_TRUE(cdshooks::CheckResponseCards(response).empty()) << reply->body;
  const std::vector<store::AuditEvent> rows = AuditRows();
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows.back().action, "cds.hook:refract-patient-view");
  EXPECT_EQ(rows.back().username, kCdsIssuer);
  EXPECT_EQ(rows.back().outcome, "ok");
}

TEST_P(CdsHooksTest, MissingExpiredReplayedAndWrongAudienceTokensAre401) {
  const json body = PatientViewBody();
  httplib::Result none = Post(kPatientView, body, "");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
  EXPECT_NE(none->body.find("Bearer"), std::string::npos);

  httplib::Result expired = Post(kPatientView, body, Token(kPatientView, "jti-e", -120));
  ASSERT_TRUE(expired);
  EXPECT_EQ(expired->status, 401);
  EXPECT_NE(expired->body.find("exp"), std::string::npos);

  const std::string token = Token(kPatientView, "jti-r");
  ASSERT_EQ(Post(kPatientView, body, token)->status, 200);
  httplib::Result replayed = Post(kPatientView, body, token);
  EXPECT_EQ(replayed->status, 401);
  EXPECT_NE(replayed->body.find("replay"), std::string::npos);

  httplib::Result wrong_audience =
      Post(kPatientView, body, Token("/cds-services/refract-order-sign", "jti-w"));
  EXPECT_EQ(wrong_audience->status, 401);
  EXPECT_NE(wrong_audience->body.find("aud"), std::string::npos);
  EXPECT_EQ(AuditRows().back().outcome, "denied");
}

TEST_P(CdsHooksTest, MissingDataWithoutAFhirServerIs412) {
  json body = PatientViewBody();
  body.erase("prefetch");
  httplib::Result reply = Post(kPatientView, body, Token(kPatientView, "jti-412"));
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 412) << reply->body;
}

TEST_P(CdsHooksTest, AnUnknownServiceIs404) {
  const std::string path = "/cds-services/no-such-service";
  httplib::Result reply = Post(path, PatientViewBody(), Token(path, "jti-404"));
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 404);
}

TEST_P(CdsHooksTest, FeedbackIsValidatedStoredAndAudited) {
  const std::string path = std::string(kPatientView) + "/feedback";
  const json feedback =
      json::parse(ReadProjectFile("tests/data/cds-hooks/spec-2.0.1/"
                                  "spec-21-example-overridden-guidance-with-overridereason.json"));
  httplib::Result reply = Post(path, feedback, Token(path, "jti-f1"));
  ASSERT_TRUE(reply);
  ASSERT_EQ(reply->status, 200) << reply->body;
  StatusOr<std::vector<store::CdsFeedback>> stored =
      store_->ListCdsFeedback("9368d37b-283f-44a0-93ea-547cebab93ed");
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->size(), 1u);
  EXPECT_EQ((*stored)[0].outcome, "overridden");
  EXPECT_EQ((*stored)[0].override_code, "d7ecf885");
  EXPECT_EQ((*stored)[0].user_comment, "A comment entered by the clinician.");
  EXPECT_EQ((*stored)[0].client, kCdsIssuer);
  EXPECT_EQ(AuditRows().back().action, "cds.feedback:refract-patient-view");

  json bad = feedback;
  bad["feedback"][0]["outcome"] = "ignored";
  httplib::Result refused = Post(path, bad, Token(path, "jti-f2"));
  EXPECT_EQ(refused->status, 400);
  EXPECT_NE(refused->body.find("$.feedback[0].outcome"), std::string::npos);
  httplib::Result unsigned_feedback = Post(path, feedback, "");
  EXPECT_EQ(unsigned_feedback->status, 401);
}

INSTANTIATE_TEST_SUITE_P(Stores, CdsHooksTest, ::testing::ValuesIn(kStoreKinds),
                         [](const ::testing::TestParamInfo<StoreKind>& test) {
                           return test.param;
                         });

}  // namespace
}  // namespace refract::server::testing
