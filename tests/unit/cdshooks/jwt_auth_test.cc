// CDS client JWTs (include/refract/cdshooks/jwt_auth.h): a token signed with the CDS Hooks 2.0.1
// spec's example private key (spec-25, a P-384 JWK) verifies against the spec's JWKS (spec-24);
// expired, replayed, wrong-audience, unknown-issuer, wrong-key, alg none and unsigned tokens are
// refused with a message naming the check.
#include "refract/cdshooks/jwt_auth.h"

#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "jwt_signing.h"
#include "refract/cdshooks/jwk.h"

namespace refract::cdshooks {
namespace {

using nlohmann::json;

constexpr int64_t kNow = 1765000000;  // 2025-12-06
constexpr const char* kIssuer = "https://fhir-ehr.example.com/";
constexpr const char* kAudience = "https://cds.example.org/cds-services/refract-patient-view";
constexpr const char* kJwksUrl = "https://fhir-ehr.example.com/jwk_uri";

json ReadJson(const std::string& path) {
  std::ifstream file(path);
  return json::parse(file);
}

json SpecPrivateKey() { return ReadJson("tests/data/cds-hooks/spec-2.0.1/spec-25-example.json"); }
json SpecJwks() { return ReadJson("tests/data/cds-hooks/spec-2.0.1/spec-24-example.json"); }

// The spec's example claims (spec-23), with times around kNow and our audience.
json Claims(const std::string& jti = "ee22b021-e1b7-4611-ba5b-8eec6a33ac1e") {
  json claims = ReadJson("tests/data/cds-hooks/spec-2.0.1/spec-23-example.json");
  claims["aud"] = kAudience;
  claims["iat"] = kNow - 10;
  claims["exp"] = kNow + 290;
  claims["jti"] = jti;
  return claims;
}

// The spec's example header (spec-22): kid and jku.
json Header() {
  json header = ReadJson("tests/data/cds-hooks/spec-2.0.1/spec-22-example.json");
  header.erase("alg");
  header.erase("typ");
  return header;
}

std::string SpecToken(const json& claims) {
  return "Bearer " +
         testing::SignJwt("ES384", testing::PrivateEcJwkToPem(SpecPrivateKey()), Header(), claims);
}

JwtPolicy InlinePolicy() {
  JwtPolicy policy;
  policy.issuers.push_back({kIssuer, SpecJwks(), ""});
  return policy;
}

JwksFetcher NoFetch() {
  return [](const std::string& url) -> StatusOr<json> {
    return Status::Unavailable("no network in this test: " + url);
  };
}

void ExpectRefused(const StatusOr<VerifiedClient>& result, const std::string& why) {
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kUnauthenticated);
  EXPECT_NE(result.status().message().find(why), std::string::npos) << result.status().message();
}

TEST(JwkTest, TheSpecsPublicKeyBecomesAPem) {
  StatusOr<std::string> pem = JwkToPublicPem(SpecJwks()["keys"][0]);
  ASSERT_TRUE(pem.ok()) << pem.status().message();
  EXPECT_NE(pem->find("BEGIN PUBLIC KEY"), std::string::npos);
}

TEST(JwkTest, AnUnknownKeyTypeIsRefusedByName) {
  StatusOr<std::string> pem = JwkToPublicPem(json{{"kty", "oct"}, {"k", "c2VjcmV0"}});
  ASSERT_FALSE(pem.ok());
  EXPECT_EQ(pem.status().details()[0].path, "jwk.kty");
}

TEST(JwtAuthTest, ATokenSignedWithTheSpecsExampleKeyIsAccepted) {
  JwtVerifier verifier(InlinePolicy(), NoFetch());
  json claims = Claims();
  claims.erase("jku");
  StatusOr<VerifiedClient> client = verifier.Verify(
      "Bearer " + testing::SignJwt("ES384", testing::PrivateEcJwkToPem(SpecPrivateKey()),
                                   {{"kid", "example-kid"}}, claims),
      kAudience, kNow);
  ASSERT_TRUE(client.ok()) << client.status().message();
  EXPECT_EQ(client->issuer, kIssuer);
  EXPECT_EQ(client->tenant, "2ddd6c3a-8e9a-44c6-a305-52111ad302a2");
}

TEST(JwtAuthTest, KeysComeFromTheConfiguredJwksUrlAndAreCached) {
  JwtPolicy policy;
  policy.issuers.push_back({kIssuer, nullptr, kJwksUrl});
  int fetches = 0;
  JwtVerifier verifier(policy, [&](const std::string& url) -> StatusOr<json> {
    ++fetches;
    EXPECT_EQ(url, kJwksUrl);
    return SpecJwks();
  });
  ASSERT_TRUE(verifier.Verify(SpecToken(Claims("a")), kAudience, kNow).ok());
  ASSERT_TRUE(verifier.Verify(SpecToken(Claims("b")), kAudience, kNow).ok());
  EXPECT_EQ(fetches, 1);
}

TEST(JwtAuthTest, AJkuOtherThanTheConfiguredUrlIsRefused) {
  JwtPolicy policy;
  policy.issuers.push_back({kIssuer, nullptr, "https://fhir-ehr.example.com/other-keys"});
  JwtVerifier verifier(policy, [](const std::string&) -> StatusOr<json> { return SpecJwks(); });
  ExpectRefused(verifier.Verify(SpecToken(Claims()), kAudience, kNow), "jku");
}

TEST(JwtAuthTest, AnRs384TokenIsAccepted) {
  const testing::GeneratedKey key = testing::NewRsaKey("rsa-1");
  JwtPolicy policy;
  policy.issuers.push_back({kIssuer, json{{"keys", json::array({key.public_jwk})}}, ""});
  JwtVerifier verifier(policy, NoFetch());
  StatusOr<VerifiedClient> client = verifier.Verify(
      "Bearer " + testing::SignJwt("RS384", key.private_pem, {{"kid", "rsa-1"}}, Claims()),
      kAudience, kNow);
  EXPECT_TRUE(client.ok()) << client.status().message();
}

TEST(JwtAuthTest, AnExpiredTokenIsRefused) {
  JwtVerifier verifier(InlinePolicy(), NoFetch());
  json claims = Claims();
  claims["iat"] = kNow - 400;
  claims["exp"] = kNow - 100;
  ExpectRefused(verifier.Verify(SpecToken(claims), kAudience, kNow), "exp");
}

TEST(JwtAuthTest, AReplayedTokenIsRefused) {
  JwtVerifier verifier(InlinePolicy(), NoFetch());
  const std::string token = SpecToken(Claims());
  ASSERT_TRUE(verifier.Verify(token, kAudience, kNow).ok());
  ExpectRefused(verifier.Verify(token, kAudience, kNow + 1), "replay");
}

TEST(JwtAuthTest, ReplayCheckingCanBeTurnedOffForABenchmarkOnly) {
  JwtPolicy policy = InlinePolicy();
  policy.check_replay = false;
  JwtVerifier verifier(policy, NoFetch());
  const std::string token = SpecToken(Claims());
  ASSERT_TRUE(verifier.Verify(token, kAudience, kNow).ok());
  EXPECT_TRUE(verifier.Verify(token, kAudience, kNow + 1).ok());
}

TEST(JwtAuthTest, TheReplayCacheIsBoundedAndFailsClosed) {
  JwtPolicy policy = InlinePolicy();
  policy.replay_capacity = 2;
  JwtVerifier verifier(policy, NoFetch());
  ASSERT_TRUE(verifier.Verify(SpecToken(Claims("1")), kAudience, kNow).ok());
  ASSERT_TRUE(verifier.Verify(SpecToken(Claims("2")), kAudience, kNow).ok());
  StatusOr<VerifiedClient> third = verifier.Verify(SpecToken(Claims("3")), kAudience, kNow);
  ASSERT_FALSE(third.ok());
  EXPECT_EQ(third.status().code(), StatusCode::kResourceExhausted);
  // Once the first tokens expire, their entries make room.
  json later = Claims("4");
  later["iat"] = kNow + 1000;
  later["exp"] = kNow + 1200;
  EXPECT_TRUE(verifier.Verify(SpecToken(later), kAudience, kNow + 1000).ok());
}

TEST(JwtAuthTest, ConcurrentUsesOfOneJtiAdmitExactlyOne) {
  JwtVerifier verifier(InlinePolicy(), NoFetch());
  const std::string token = SpecToken(Claims());
  std::atomic<int> accepted{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      if (verifier.Verify(token, kAudience, kNow).ok()) ++accepted;
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(accepted.load(), 1);
}

TEST(JwtAuthTest, AWrongAudienceIsRefused) {
  JwtVerifier verifier(InlinePolicy(), NoFetch());
  ExpectRefused(verifier.Verify(SpecToken(Claims()),
                                "https://cds.example.org/cds-services/refract-order-sign", kNow),
                "aud");
}

TEST(JwtAuthTest, AnUnknownIssuerIsRefused) {
  JwtVerifier verifier(InlinePolicy(), NoFetch());
  json claims = Claims();
  claims["iss"] = "https://evil.example.com/";
  ExpectRefused(verifier.Verify(SpecToken(claims), kAudience, kNow), "not trusted");
}

TEST(JwtAuthTest, ATokenSignedWithAnotherKeyIsRefused) {
  JwtVerifier verifier(InlinePolicy(), NoFetch());
  const testing::GeneratedKey other = testing::NewEcKey("example-kid");
  ExpectRefused(verifier.Verify("Bearer " + testing::SignJwt("ES384", other.private_pem,
                                                             {{"kid", "example-kid"}}, Claims()),
                                kAudience, kNow),
                "signature");
}

TEST(JwtAuthTest, AnUnknownKidIsRefused) {
  JwtVerifier verifier(InlinePolicy(), NoFetch());
  ExpectRefused(
      verifier.Verify(
          "Bearer " + testing::SignJwt("ES384", testing::PrivateEcJwkToPem(SpecPrivateKey()),
                                       {{"kid", "other-kid"}}, Claims()),
          kAudience, kNow),
      "kid");
}

TEST(JwtAuthTest, AlgNoneAndUnsignedTokensAreRefused) {
  JwtVerifier verifier(InlinePolicy(), NoFetch());
  const std::string claims = testing::Base64Url(Claims().dump());
  const std::string none = testing::Base64Url(R"({"alg":"none","typ":"JWT"})");
  ExpectRefused(verifier.Verify("Bearer " + none + "." + claims + ".", kAudience, kNow),
                "signed JWT");
  ExpectRefused(verifier.Verify("Bearer " + none + "." + claims + ".c2ln", kAudience, kNow),
                "alg 'none'");
  const std::string es384 = testing::Base64Url(R"({"alg":"ES384","kid":"example-kid"})");
  ExpectRefused(verifier.Verify("Bearer " + es384 + "." + claims + ".", kAudience, kNow),
                "signed JWT");
  ExpectRefused(verifier.Verify("Bearer " + es384 + "." + claims + ".AAAA", kAudience, kNow),
                "signature");
  ExpectRefused(verifier.Verify("", kAudience, kNow), "Bearer");
}

TEST(JwtAuthTest, HmacTokensAreRefused) {
  JwtVerifier verifier(InlinePolicy(), NoFetch());
  const std::string token = testing::SignJwt("HS256", "shared-secret", {}, Claims());
  ExpectRefused(verifier.Verify("Bearer " + token, kAudience, kNow), "alg 'HS256'");
}

TEST(JwtAuthTest, ATokenIssuedInTheFutureOrLivingTooLongIsRefused) {
  JwtVerifier verifier(InlinePolicy(), NoFetch());
  json future = Claims("f");
  future["iat"] = kNow + 600;
  future["exp"] = kNow + 900;
  ExpectRefused(verifier.Verify(SpecToken(future), kAudience, kNow), "iat");
  json long_lived = Claims("l");
  long_lived["exp"] = kNow + 86400;
  ExpectRefused(verifier.Verify(SpecToken(long_lived), kAudience, kNow), "longer");
}

TEST(JwtPolicyTest, EachIssuerNeedsExactlyOneKeySource) {
  StatusOr<JwtPolicy> policy =
      ParseJwtPolicy(json{{"issuers", json::array({{{"iss", "https://a.example/"}}})}});
  ASSERT_FALSE(policy.ok());
  EXPECT_EQ(policy.status().details()[0].path, "$.issuers[0]");
}

}  // namespace
}  // namespace refract::cdshooks
