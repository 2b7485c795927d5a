#include "refract/evidence/meta_csv.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "refract/stats/effect_size.h"

namespace refract::evidence {
namespace {

StatusOr<MetaCsvData> Map(const std::string& text, MetaMeasure measure) {
  StatusOr<CsvTable> table = ParseCsv(text, CsvDialect{});
  if (!table.ok()) return table.status();
  return MapMetaCsv(*table, measure, '.');
}

TEST(MetaCsvTest, ComputesSmdFromRawColumnsAndPrefersGivenYi) {
  StatusOr<MetaCsvData> data =
      Map("study,yi,vi,n1i,m1i,sd1i,n2i,m2i,sd2i,group\n"
          "A,,,20,10,2,20,12,2,x\n"
          "B,0.3,0.04,20,10,2,20,12,2,y\n",
          MetaMeasure::kSmd);
  ASSERT_TRUE(data.ok()) << data.status().message();
  ASSERT_EQ(data->records.size(), 2u);
  StatusOr<stats::SmdDetail> smd =
      stats::SmdWithDetail({20, 10, 2, 20, 12, 2}, stats::SmdVariance::kLargeSample, 1);
  EXPECT_DOUBLE_EQ(data->records[0].yi, smd->yi);
  EXPECT_EQ(data->records[0].source, EffectSource::kComputedFromRaw);
  EXPECT_DOUBLE_EQ(data->records[1].yi, 0.3);
  EXPECT_EQ(data->records[1].source, EffectSource::kGiven);
  EXPECT_EQ(data->records[1].attributes.at("group"), "y");
  EXPECT_EQ(data->given, 1);
  EXPECT_EQ(data->computed, 1);
}

TEST(MetaCsvTest, ShortColumnAliasesAndStandardErrors) {
  StatusOr<MetaCsvData> data =
      Map("study,n1,m1,sd1,n2,m2,sd2\nA,10,1,1,12,0,1\n", MetaMeasure::kMd);
  ASSERT_TRUE(data.ok()) << data.status().message();
  EXPECT_DOUBLE_EQ(data->records[0].yi, 1.0);
  EXPECT_DOUBLE_EQ(data->records[0].vi, 1.0 / 10 + 1.0 / 12);
  StatusOr<MetaCsvData> given = Map("study,yi,sei\nA,0.5,0.2\n", MetaMeasure::kGen);
  ASSERT_TRUE(given.ok());
  EXPECT_DOUBLE_EQ(given->records[0].vi, 0.04);
}

TEST(MetaCsvTest, BinaryFromEventsAndArmSizes) {
  StatusOr<MetaCsvData> data = Map("study,ai,n1i,ci,n2i\nA,4,10,2,10\n", MetaMeasure::kRr);
  ASSERT_TRUE(data.ok()) << data.status().message();
  EXPECT_DOUBLE_EQ(data->records[0].yi, std::log(0.4) - std::log(0.2));
}

TEST(MetaCsvTest, IncompleteRowIsSkippedLikeNaOmit) {
  StatusOr<MetaCsvData> data = Map("study,yi,vi\nA,0.5,0.1\nB,NA,0.2\n", MetaMeasure::kGen);
  ASSERT_TRUE(data.ok());
  EXPECT_EQ(data->records.size(), 1u);
  ASSERT_EQ(data->skipped.size(), 1u);
  EXPECT_EQ(data->skipped[0], "line 3: no effect size data");
}

struct ErrorCase {
  std::string name, text;
  MetaMeasure measure;
  std::string message;
};

TEST(MetaCsvTest, ErrorsNameLineColumnAndRule) {
  std::vector<ErrorCase> cases = {
      {"negative variance", "study,yi,vi\nA,0.5,0.1\nB,0.2,-0.3\n", MetaMeasure::kGen,
       "line 3, column 'vi': sampling variance must be > 0"},
      {"malformed", "study,yi,vi\nA,0.5,abc\n", MetaMeasure::kGen,
       "line 2, column 'vi': malformed number 'abc'"},
      {"negative sd", "study,n1i,m1i,sd1i,n2i,m2i,sd2i\nA,10,1,-1,12,0,1\n", MetaMeasure::kSmd,
       "line 2, column 'sd1i': must be >= 0"},
      {"zero n", "study,n1,m1,sd1,n2,m2,sd2\nA,0,1,1,12,0,1\n", MetaMeasure::kMd,
       "line 2, column 'n1': must be > 0"},
      {"events above n", "study,ai,n1i,ci,n2i\nA,11,10,2,10\n", MetaMeasure::kOr,
       "line 2, column 'ai': must be <= n1i"},
      {"no study", "yi,vi\n0.5,0.1\n", MetaMeasure::kGen,
       "line 1: missing required column 'study'"},
      {"gen without yi", "study,n1\nA,1\n", MetaMeasure::kGen,
       "line 1: measure GEN needs columns 'yi' and 'vi' (or 'sei')"},
  };
  for (const ErrorCase& c : cases) {
    SCOPED_TRACE(c.name);
    StatusOr<MetaCsvData> data = Map(c.text, c.measure);
    ASSERT_FALSE(data.ok());
    EXPECT_EQ(data.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(data.status().message(), c.message);
  }
}

TEST(MetaMeasureTest, ParsesMetaforNames) {
  EXPECT_EQ(*ParseMetaMeasure("ZCOR"), MetaMeasure::kZcor);
  EXPECT_FALSE(ParseMetaMeasure("smd").ok());
  EXPECT_EQ(MetaMeasureName(MetaMeasure::kOr), "OR");
  EXPECT_TRUE(IsLogRatio(MetaMeasure::kRr));
  EXPECT_FALSE(IsLogRatio(MetaMeasure::kRd));
}

TEST(ReadMetaCsvTest, StreamsTheSameEffectsKeepingOnlyTheRequestedAttributes) {
  const std::string text =
      "study,label,yi,vi,n1i,m1i,sd1i,n2i,m2i,sd2i,group,notes\n"
      "A,A1,,,20,10,2,20,12,2,x,long text\n"
      "B,,0.3,0.04,,,,,,,y,other\n"
      "C,,,,,,,,,,y,no data\n";
  StatusOr<MetaCsvData> mapped = Map(text, MetaMeasure::kSmd);
  const std::vector<std::string> attributes = {"group"};
  StatusOr<MetaCsvData> streamed = ReadMetaCsv(text, CsvDialect{}, MetaMeasure::kSmd, attributes);
  ASSERT_TRUE(mapped.ok() && streamed.ok()) << streamed.status().message();
  ASSERT_EQ(streamed->records.size(), 2u);
  EXPECT_EQ(streamed->skipped, mapped->skipped);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(streamed->records[i].yi, mapped->records[i].yi);
    EXPECT_EQ(streamed->records[i].vi, mapped->records[i].vi);
    EXPECT_EQ(streamed->records[i].label, mapped->records[i].label);
    EXPECT_EQ(streamed->records[i].line, mapped->records[i].line);
    EXPECT_EQ(streamed->records[i].attributes.size(), 1u);
  }
  EXPECT_EQ(streamed->records[1].attributes.at("group"), "y");
  EXPECT_EQ(mapped->records[1].attributes.at("notes"), "other");
  EXPECT_EQ(streamed->computed, 1);
  EXPECT_EQ(streamed->given, 1);
}

TEST(ReadMetaCsvTest, SameErrorsAsTheTablePath) {
  const std::vector<std::string> none;
  EXPECT_EQ(
      ReadMetaCsv("label,yi,vi\nA,1,1\n", CsvDialect{}, MetaMeasure::kGen, none).status().message(),
      "line 1: missing required column 'study'");
  EXPECT_EQ(ReadMetaCsv("study,yi\n", CsvDialect{}, MetaMeasure::kGen, none).status().message(),
            "line 1: measure GEN needs columns 'yi' and 'vi' (or 'sei')");
  EXPECT_EQ(
      ReadMetaCsv("study,yi,vi\nA,1,0\n", CsvDialect{}, MetaMeasure::kGen, none).status().message(),
      "line 2, column 'vi': sampling variance must be > 0");
}

}  // namespace
}  // namespace refract::evidence
