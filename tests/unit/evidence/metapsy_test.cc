#include "refract/evidence/metapsy.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "refract/evidence/pooling.h"
#include "refract/stats/effect_size.h"

namespace refract::evidence {
namespace {

constexpr char kFile[] = "data/metapsy/depression-psyctr.csv";

constexpr char kHeader[] =
    "\"study\";\"condition_arm1\";\"multi_arm1\";\"instrument\";\".g\";\".g_se\";\"mean_arm1\";"
    "\"sd_arm1\";\"n_arm1\";\"mean_arm2\";\"sd_arm2\";\"n_arm2\";\"rob\"\n";

StatusOr<MetapsyData> MapText(const std::string& rows) {
  StatusOr<CsvTable> table = ParseCsv(std::string(kHeader) + rows, kMetapsyDialect);
  if (!table.ok()) return table.status();
  return MapMetapsy(*table);
}

TEST(MetapsyTest, UsesDatabaseGWhenPresent) {
  StatusOr<MetapsyData> data =
      MapText("\"Abas, 2018\";\"pst\";NA;\"phq-9\";0,71;0,39;3,1;3,1;13;5,7;3,9;15;4\n");
  ASSERT_TRUE(data.ok()) << data.status().message();
  ASSERT_EQ(data->comparisons.size(), 1u);
  const EffectRecord& r = data->comparisons[0];
  EXPECT_EQ(r.source, EffectSource::kGiven);
  EXPECT_DOUBLE_EQ(r.yi, 0.71);
  EXPECT_DOUBLE_EQ(r.vi, 0.39 * 0.39);
  EXPECT_EQ(r.study, "Abas, 2018");
  EXPECT_EQ(r.label, "Abas, 2018 (phq-9)");
  EXPECT_EQ(r.attributes.at("condition_arm1"), "pst");
  EXPECT_EQ(data->from_database, 1);
}

TEST(MetapsyTest, RecomputesGFromMeansWithPositiveFavouringArm1) {
  StatusOr<MetapsyData> data =
      MapText("\"X, 2020\";\"cbt\";\"f2f\";\"bdi\";NA;NA;3,1;3,1;13;5,7;3,9;15;2\n");
  ASSERT_TRUE(data.ok()) << data.status().message();
  ASSERT_EQ(data->comparisons.size(), 1u);
  const EffectRecord& r = data->comparisons[0];
  EXPECT_EQ(r.source, EffectSource::kComputedFromRaw);
  EXPECT_EQ(r.label, "X, 2020 f2f (bdi)");
  StatusOr<stats::SmdDetail> smd =
      stats::SmdWithDetail({13, 3.1, 3.1, 15, 5.7, 3.9}, stats::SmdVariance::kLargeSample, 1);
  ASSERT_TRUE(smd.ok());
  EXPECT_DOUBLE_EQ(r.yi, -smd->yi);
  EXPECT_GT(r.yi, 0);  // fewer symptoms in the psychotherapy arm
  EXPECT_DOUBLE_EQ(r.vi, smd->vi);
  EXPECT_EQ(data->recomputed, 1);
}

TEST(MetapsyTest, RowWithoutUsableDataIsSkippedAndReported) {
  StatusOr<MetapsyData> data =
      MapText("\"Y, 2019\";\"cbt\";NA;\"bdi\";NA;NA;NA;NA;NA;NA;NA;NA;3\n");
  ASSERT_TRUE(data.ok());
  EXPECT_TRUE(data->comparisons.empty());
  ASSERT_EQ(data->skipped.size(), 1u);
  EXPECT_EQ(data->skipped[0], "line 2: no .g/.g_se and no complete means/SDs/ns");
}

TEST(MetapsyTest, MalformedNumberNamesLineAndColumn) {
  StatusOr<MetapsyData> data =
      MapText("\"Z, 2019\";\"cbt\";NA;\"bdi\";0,5;0.2;NA;NA;NA;NA;NA;NA;3\n");
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.status().message(), "line 2, column '.g_se': malformed number '0.2'");
}

TEST(MetapsyTest, NonPositiveStandardErrorIsAnError) {
  StatusOr<MetapsyData> data =
      MapText("\"Z, 2019\";\"cbt\";NA;\"bdi\";0,5;0;NA;NA;NA;NA;NA;NA;3\n");
  EXPECT_EQ(data.status().message(), "line 2, column '.g_se': standard error must be > 0");
}

TEST(MetapsyTest, MissingRequiredColumnIsAnError) {
  StatusOr<CsvTable> table = ParseCsv("\"study\";\"g\"\n\"A\";1\n", kMetapsyDialect);
  ASSERT_TRUE(table.ok());
  EXPECT_FALSE(MapMetapsy(*table).ok());
}

// The bundled database, read here: refract::evidence itself maps text and does no I/O.
StatusOr<MetapsyData> LoadDatabase() {
  std::ifstream file(kFile, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  StatusOr<CsvTable> table = ParseCsv(text.str(), kMetapsyDialect);
  if (!table.ok()) return table.status();
  return MapMetapsy(*table);
}

TEST(MetapsyFileTest, FullDatabaseLoads) {
  StatusOr<MetapsyData> data = LoadDatabase();
  ASSERT_TRUE(data.ok()) << data.status().message();
  EXPECT_EQ(data->comparisons.size(), 900u);
  EXPECT_EQ(data->from_database, 900);
  EXPECT_TRUE(data->skipped.empty());
  std::set<std::string> studies;
  bool multiline_reference = false;
  for (const EffectRecord& r : data->comparisons) {
    studies.insert(r.study);
    multiline_reference |= r.attributes.at("full_ref").find('\n') != std::string::npos;
  }
  EXPECT_EQ(studies.size(), 480u);
  EXPECT_TRUE(multiline_reference);
  EXPECT_EQ(data->comparisons.front().study, "Aagaard, 2017");
  EXPECT_DOUBLE_EQ(data->comparisons.front().vi, 0.231455024943138 * 0.231455024943138);
}

TEST(MetapsyFileTest, StreamingReadGivesTheSameComparisonsWithOnlyTheRequestedAttributes) {
  StatusOr<MetapsyData> table_path = LoadDatabase();
  std::ifstream file(kFile, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  const std::vector<std::string> attributes = {"format", "rob"};
  StatusOr<MetapsyData> streamed = ReadMetapsy(text.str(), attributes);
  ASSERT_TRUE(table_path.ok() && streamed.ok()) << streamed.status().message();
  ASSERT_EQ(streamed->comparisons.size(), table_path->comparisons.size());
  for (size_t i = 0; i < streamed->comparisons.size(); ++i) {
    const EffectRecord& a = streamed->comparisons[i];
    const EffectRecord& b = table_path->comparisons[i];
    ASSERT_EQ(a.label, b.label);
    ASSERT_EQ(a.yi, b.yi);
    ASSERT_EQ(a.vi, b.vi);
    ASSERT_EQ(a.line, b.line);
    ASSERT_EQ(a.attributes.size(), 2u);
    ASSERT_EQ(a.attributes.at("format"), b.attributes.at("format"));
  }
}

// Sanity check only: exact agreement with metafor needs R (bench/metapsy_check.R).
TEST(MetapsyFileTest, CbtVersusAllControlsIsAModeratePositiveEffect) {
  StatusOr<MetapsyData> data = LoadDatabase();
  ASSERT_TRUE(data.ok());
  StatusOr<SubgroupAnalysis> by_arm =
      PoolBySubgroup(data->comparisons, "condition_arm1", stats::RmaOptions{});
  ASSERT_TRUE(by_arm.ok()) << by_arm.status().message();
  const SubgroupResult* cbt = nullptr;
  for (const SubgroupResult& g : by_arm->groups) {
    if (g.group == "cbt") cbt = &g;
  }
  ASSERT_NE(cbt, nullptr);
  ASSERT_TRUE(cbt->pooled.has_value()) << cbt->error;
  double g = cbt->pooled->fit.estimate[0];
  EXPECT_GT(g, 0.6);
  EXPECT_LT(g, 0.9);
  EXPECT_EQ(cbt->pooled->k, 487u);
  EXPECT_LT(cbt->pooled->prediction.pi_lb, cbt->pooled->fit.ci_lb[0]);
}

}  // namespace
}  // namespace refract::evidence
