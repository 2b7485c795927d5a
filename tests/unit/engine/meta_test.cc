// Engine::Meta (include/refract/engine/meta.h): texts in, pooled results out; request errors name
// the field. The numbers themselves are checked against metafor in tests/unit/stats and
// tests/unit/evidence; here only the pipeline and its contract.
#include "refract/engine/meta.h"

#include <gtest/gtest.h>

#include "refract/engine/engine.h"

namespace refract {
namespace {

constexpr char kCsv[] =
    "study,yi,vi,setting\n"
    "A,-0.40,0.04,inpatient\n"
    "B,-0.25,0.02,outpatient\n"
    "C,NA,NA,outpatient\n"
    "D,-0.55,0.05,inpatient\n"
    "E,-0.10,0.03,outpatient\n";

const Engine& TheEngine() {
  static const Engine engine = *Engine::Create(EmbeddedKnowledgeSource());
  return engine;
}

MetaRequest CsvRequest() {
  MetaRequest request;
  request.text = kCsv;
  request.measure = "GEN";
  return request;
}

TEST(EngineMetaTest, PoolsACsvTextWithSubgroups) {
  MetaRequest request = CsvRequest();
  request.by = "setting";
  StatusOr<MetaResult> result = TheEngine().Meta(request);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->format, "csv");
  EXPECT_EQ(result->measure, "GEN");
  EXPECT_EQ(result->given, 4);
  EXPECT_EQ(result->computed, 0);
  ASSERT_EQ(result->skipped.size(), 1u);
  EXPECT_EQ(result->skipped[0].rfind("line 4", 0), 0u) << result->skipped[0];
  EXPECT_EQ(result->overall.k, 4u);
  EXPECT_LT(result->overall.fit.estimate[0], 0);
  ASSERT_TRUE(result->subgroups.has_value());
  EXPECT_EQ(result->subgroups->groups.size(), 2u);
}

TEST(EngineMetaTest, ReadsTheMetapsyDialect) {
  MetaRequest request;
  request.format = MetaFormat::kMetapsy;
  request.text =
      "\"study\";\".g\";\".g_se\";\"rob\"\n"
      "\"A, 2001\";0,5;0,2;3\n"
      "\"B, 2005\";0,3;0,15;4\n"
      "\"C, 2010\";0,7;0,25;2\n";
  request.min_rob = 3;
  StatusOr<MetaResult> result = TheEngine().Meta(request);
  ASSERT_TRUE(result.ok()) << result.status().message();
  EXPECT_EQ(result->format, "metapsy");
  EXPECT_EQ(result->measure_label, "Hedges' g");
  EXPECT_EQ(result->overall.k, 2u);
  ASSERT_TRUE(result->min_rob.has_value());
  EXPECT_EQ(*result->min_rob, 3.0);
}

TEST(EngineMetaTest, RequestErrorsNameTheField) {
  MetaRequest request = CsvRequest();
  request.method = "XX";
  request.level = 10;
  request.decimal_mark = ';';
  Status status = TheEngine().Meta(request).status();
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  ASSERT_EQ(status.details().size(), 3u) << status.message();
  EXPECT_EQ(status.details()[0].path, "method");
  EXPECT_EQ(status.details()[1].path, "level");
  EXPECT_EQ(status.details()[2].path, "decimal_mark");
}

TEST(EngineMetaTest, MetapsyIsHedgesGOnly) {
  MetaRequest request;
  request.format = MetaFormat::kMetapsy;
  request.measure = "RR";
  Status status = TheEngine().Meta(request).status();
  ASSERT_EQ(status.details().size(), 1u);
  EXPECT_EQ(status.details()[0].path, "measure");
}

TEST(EngineMetaTest, DocumentErrorsNameLineAndColumnButNoFile) {
  MetaRequest request = CsvRequest();
  request.text = "study,yi,vi\nA,0.2,0.04\nB,0.3,-0.01\n";
  EXPECT_EQ(TheEngine().Meta(request).status().message(),
            "line 3, column 'vi': sampling variance must be > 0");
}

TEST(EngineMetaTest, FewerThanTwoEffectsIsAnError) {
  MetaRequest request = CsvRequest();
  request.text = "study,yi,vi\nA,0.2,0.04\nB,NA,NA\n";
  EXPECT_EQ(TheEngine().Meta(request).status().message(),
            "k = 1 effect(s) to pool (1 row(s) without effect size data); a meta-analysis needs "
            "k >= 2");
}

}  // namespace
}  // namespace refract
