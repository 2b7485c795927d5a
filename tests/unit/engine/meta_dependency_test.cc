// Engine::Meta's dependency handling (include/refract/engine/meta_dependency.h): every result says
// how effects of one study were handled; the three-level model on the bundled Metapsy file gives
// metafor's rma.mv numbers (tests/data/metafor/ref-threelevel.json, test "t" under knha).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "refract/engine/engine.h"
#include "refract/engine/meta.h"
#include "refract/engine/meta_output.h"

namespace refract {
namespace {

const Engine& TheEngine() {
  static const Engine engine = *Engine::Create(EmbeddedKnowledgeSource());
  return engine;
}

MetaRequest MetapsyRequest() {
  std::ifstream in("data/metapsy/depression-psyctr.csv", std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  MetaRequest request;
  request.format = MetaFormat::kMetapsy;
  request.text = text.str();
  return request;
}

TEST(MetaDependencyTest, DefaultIsIndependentAndSaysSo) {
  StatusOr<MetaResult> result = TheEngine().Meta(MetapsyRequest());
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->dependency.handling, MetaDependency::kIndependent);
  EXPECT_EQ(result->dependency.effects, 900u);
  EXPECT_EQ(result->dependency.studies, 480u);
  EXPECT_FALSE(result->dependency.three_level.has_value());
  const std::string text = RenderMetaText(MetaReport{*result, "metapsy.csv"});
  EXPECT_NE(text.find("Dependency: independent: 900 effects from 480 studies pooled as if "
                      "independent"),
            std::string::npos)
      << text;
  EXPECT_NE(RenderMetaJson(MetaReport{*result, "x"}).find("\"handling\": \"independent\""),
            std::string::npos);
}

TEST(MetaDependencyTest, ThreeLevelMatchesRmaMvWithTestT) {
  MetaRequest request = MetapsyRequest();
  request.dependency = MetaDependency::kThreeLevel;
  request.knha = true;
  StatusOr<MetaResult> result = TheEngine().Meta(request);
  ASSERT_TRUE(result.ok()) << result.status().message();
  ASSERT_TRUE(result->dependency.three_level.has_value());
  const stats::ThreeLevelResult& fit = *result->dependency.three_level;
  // rma.mv(yi, vi, random = ~ 1 | study/es_id, test = "t") on the same 900 rows.
  EXPECT_NEAR(fit.estimate, 0.7349186534787229, 1e-8);
  EXPECT_NEAR(fit.ci_lb, 0.6760283723338385, 1e-8);
  EXPECT_NEAR(fit.ci_ub, 0.7938089346236072, 1e-8);
  EXPECT_NEAR(fit.sigma2_between, 0.35102153909811945, 1e-8);
  EXPECT_NEAR(fit.sigma2_within, 0.03799895966192741, 1e-8);
  EXPECT_EQ(fit.clusters, 480u);
  const std::string text = RenderMetaText(MetaReport{*result, "metapsy.csv"});
  EXPECT_NE(text.find("Three-Level Meta-Analysis Model (k = 900; studies = 480; method: REML; "
                      "test: t)"),
            std::string::npos)
      << text;
  const std::string json = RenderMetaJson(MetaReport{*result, "x"});
  EXPECT_NE(json.find("\"handling\": \"three-level\""), std::string::npos);
  EXPECT_NE(json.find("\"sigma2_between\""), std::string::npos);
}

TEST(MetaDependencyTest, OnePerStudyReportsTheEffectsBeforeAveraging) {
  MetaRequest request = MetapsyRequest();
  request.one_per_study = true;
  StatusOr<MetaResult> result = TheEngine().Meta(request);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->dependency.handling, MetaDependency::kOnePerStudy);
  EXPECT_EQ(result->dependency.effects, 900u);
  EXPECT_EQ(result->overall.k, 480u);
  EXPECT_EQ(result->dependency.rho, 0.5);
}

TEST(MetaDependencyTest, ThreeLevelNeedsRemlAndExcludesOnePerStudy) {
  MetaRequest request = MetapsyRequest();
  request.dependency = MetaDependency::kThreeLevel;
  request.method = "DL";
  request.one_per_study = true;
  Status status = TheEngine().Meta(request).status();
  ASSERT_EQ(status.details().size(), 2u) << status.message();
  EXPECT_EQ(status.details()[0].path, "dependency");
  EXPECT_EQ(status.details()[1].path, "method");
}

TEST(MetaDependencyTest, ParsesTheNames) {
  EXPECT_EQ(*ParseMetaDependency("three-level"), MetaDependency::kThreeLevel);
  EXPECT_EQ(MetaDependencyName(MetaDependency::kOnePerStudy), "one-per-study");
  EXPECT_FALSE(ParseMetaDependency("3L").ok());
}

}  // namespace
}  // namespace refract
