// The body readers of the account, score and meta routes (src/server/request_bodies.h): every
// wrong type is a 400 with the field's path, never an exception.
#include "request_bodies.h"  // src/server (private to the target)

#include <gtest/gtest.h>

namespace refract::server::api {
namespace {

using nlohmann::json;

std::string PathOf(const Status& status) {
  return status.details().empty() ? "" : status.details()[0].path;
}

TEST(RequestBodiesTest, SignInNeedsTwoNonEmptyStrings) {
  EXPECT_EQ(PathOf(ReadSignIn({{"username", 1}, {"password", "x"}}).status()), "$.username");
  EXPECT_EQ(PathOf(ReadSignIn({{"username", "a"}}).status()), "$.password");
  StatusOr<SignInBody> ok = ReadSignIn({{"username", "a"}, {"password", "b"}});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->username, "a");
}

TEST(RequestBodiesTest, NewUserRejectsATeamOfAnotherTypeInsteadOfThrowing) {
  const json body = {
      {"username", "u"}, {"password", "long enough pw"}, {"roles", {"admin"}}, {"team", 5}};
  EXPECT_EQ(PathOf(ReadNewUser(body).status()), "$.team");
  json clinician = body;
  clinician["roles"] = {"clinician"};
  clinician.erase("team");
  EXPECT_EQ(PathOf(ReadNewUser(clinician).status()), "$.team");
  EXPECT_EQ(
      PathOf(ReadNewUser({{"username", "u"}, {"password", "p"}, {"roles", {"root"}}}).status()),
      "$.roles[0]");
}

TEST(RequestBodiesTest, UserUpdateRejectsWrongTypesAndKeepsAbsentFields) {
  EXPECT_EQ(PathOf(ReadUserUpdate({{"disabled", "yes"}}).status()), "$.disabled");
  EXPECT_EQ(PathOf(ReadUserUpdate({{"team", false}}).status()), "$.team");
  EXPECT_EQ(PathOf(ReadUserUpdate({{"password", ""}}).status()), "$.password");
  StatusOr<UserUpdateBody> update = ReadUserUpdate({{"disabled", true}});
  ASSERT_TRUE(update.ok());
  EXPECT_EQ(update->disabled, true);
  EXPECT_FALSE(update->team || update->roles || update->password);
}

TEST(RequestBodiesTest, ScoreIntegersOutsideAnIntAreRefusedNotWrapped) {
  // 2^32 + 2 used to become item value 2 through get<int>().
  EXPECT_EQ(PathOf(ReadScoreRequest({{"instrument", "phq9"}, {"items", {4294967298ULL}}}).status()),
            "$.items[0]");
  EXPECT_EQ(PathOf(ReadScoreRequest({{"instrument", "phq9"}, {"items", {-4294967294LL}}}).status()),
            "$.items[0]");
  EXPECT_EQ(PathOf(ReadScoreRequest({{"instrument", "phq9"}, {"total", 4294967310ULL}}).status()),
            "$.total");
  StatusOr<ScoreRequest> ok =
      ReadScoreRequest({{"instrument", "phq9"}, {"items", {1, nullptr, 2}}, {"safety_item", 0}});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->items.size(), 3u);
  EXPECT_FALSE(ok->items[1]);
}

TEST(RequestBodiesTest, ScoreVariantKeysMustBeWholeItemNumbers) {
  const json base = {{"instrument", "hamd17"}, {"total", 10}};
  for (const char* key : {"16abc", "99999999999999999999", "-1", "0", " 16"}) {
    json body = base;
    body["variants"] = {{key, "A"}};
    EXPECT_EQ(PathOf(ReadScoreRequest(body).status()), std::string("$.variants.") + key) << key;
  }
  json list = base;
  list["variants"] = {"A"};
  EXPECT_EQ(PathOf(ReadScoreRequest(list).status()), "$.variants");
  json ok = base;
  ok["variants"] = {{"16", "B"}};
  EXPECT_EQ(ReadScoreRequest(ok)->variants.at(16), "B");
}

TEST(RequestBodiesTest, MetaOptionsOfTheWrongTypeAreFieldErrors) {
  const json base = {{"text", "study,yi,vi\n"}};
  for (const char* key : {"measure", "method", "by", "knha", "one_per_study", "rho", "level",
                          "separator", "decimal_mark", "min_rob", "format"}) {
    json body = base;
    body[key] = json::array();
    EXPECT_EQ(PathOf(ReadMetaRequest(body).status()), std::string("$.") + key) << key;
  }
  json ok = base;
  ok["knha"] = true;
  ok["rho"] = 0.3;
  ok["separator"] = ";";
  StatusOr<MetaRequest> request = ReadMetaRequest(ok);
  ASSERT_TRUE(request.ok());
  EXPECT_TRUE(request->knha);
  EXPECT_EQ(request->separator, ';');
}

TEST(RequestBodiesTest, MetaAnalysesAreReadWithTheirPaths) {
  const json base = {{"text", "study,yi,vi\n"}};
  for (const char* key : {"leave1out", "cumulative", "regtest", "trimfill", "confint", "influence",
                          "order", "mods", "predict"}) {
    json body = base;
    body[key] = 5;
    EXPECT_EQ(PathOf(ReadMetaRequest(body).status()), std::string("$.") + key) << key;
  }
  json bad_row = base;
  bad_row["predict"] = {{30, "x"}};
  EXPECT_EQ(PathOf(ReadMetaRequest(bad_row).status()), "$.predict[0][1]");
  json ok = base;
  ok["leave1out"] = true;
  ok["cumulative"] = true;
  ok["order"] = "year";
  ok["mods"] = "ablat + year";
  ok["predict"] = {{30, 1960}, {40, 1970}};
  ok["influence"] = true;
  StatusOr<MetaRequest> request = ReadMetaRequest(ok);
  ASSERT_TRUE(request.ok()) << request.status().message();
  EXPECT_TRUE(request->analyses.leave1out);
  EXPECT_TRUE(request->analyses.cumulative);
  EXPECT_TRUE(request->analyses.influence);
  EXPECT_FALSE(request->analyses.regtest);
  EXPECT_EQ(request->analyses.order, "year");
  EXPECT_EQ(request->analyses.mods, "ablat + year");
  EXPECT_EQ(request->analyses.predict, (std::vector<std::vector<double>>{{30, 1960}, {40, 1970}}));
}

TEST(RequestBodiesTest, TextOrFallsBackForEveryOtherType) {
  EXPECT_EQ(TextOr({{"id", 5}}, "id", "?"), "?");
  EXPECT_EQ(TextOr({{"id", ""}}, "id", "?"), "?");
  EXPECT_EQ(TextOr(json::array(), "id", "?"), "?");
  EXPECT_EQ(TextOr({{"id", "T4"}}, "id", "?"), "T4");
}

TEST(RequestBodiesTest, DeepNestingIsRefusedBeforeParsing) {
  // Regression: 200,000 nested arrays in a trial body overflowed the stack when the trial was
  // copied into the record (found with the request-body fuzz target, docs/fuzzing.md).
  const std::string deep = "{\"x\":" + std::string(200000, '[') + std::string(200000, ']') + "}";
  EXPECT_EQ(PathOf(CheckJsonDepth(deep)), "$");
  const std::string limit = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
  EXPECT_TRUE(CheckJsonDepth(limit).ok());
  EXPECT_FALSE(CheckJsonDepth("[" + limit + "]").ok());
  // Brackets inside strings, escaped quotes included, do not count.
  EXPECT_TRUE(CheckJsonDepth("{\"a\": \"\\\"" + std::string(500, '[') + "\"}").ok());
  EXPECT_TRUE(CheckJsonDepth("").ok());
}

}  // namespace
}  // namespace refract::server::api
