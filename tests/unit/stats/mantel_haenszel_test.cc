// Reproduces every rma.mh and rma.peto block of the metafor 3.8-1 reference files
// (tests/data/metafor/ref-bcg.json, ref-collins1985b.json).
#include "refract/stats/mantel_haenszel.h"

#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "metafor_reference.h"

namespace refract::stats {
namespace {

using nlohmann::json;
using testing::LoadReference;

constexpr double kRelTol = 1e-10;  // README: closed forms, QE, I2/H2 at rel 1e-10

bool IsNa(const json& value) { return value.is_null() || value.is_string(); }

// metafor's NA must be nullopt; numbers are compared relatively and recorded under `family`.
void ExpectField(const std::string& family, const std::string& name, std::optional<double> actual,
                 const json& expected) {
  SCOPED_TRACE(name);
  if (IsNa(expected)) {
    EXPECT_FALSE(actual.has_value()) << "metafor reports NA";
    return;
  }
  ASSERT_TRUE(actual.has_value());
  double want = expected.get<double>();
  testing::ExpectClose(family, *actual, want, kRelTol);
  // Strictly relative as well: p-values go down to 1e-31.
  EXPECT_NEAR(*actual, want, kRelTol * std::abs(want));
}

std::optional<double> Stat(const std::optional<TestStatistic>& t) {
  return t ? std::optional<double>(t->statistic) : std::nullopt;
}
std::optional<double> Pval(const std::optional<TestStatistic>& t) {
  return t ? std::optional<double>(t->pval) : std::nullopt;
}

std::vector<BinaryRow> TablesOf(const std::string& dataset, const json& inputs) {
  std::vector<BinaryRow> rows;
  if (dataset == "bcg") {
    for (size_t i = 0; i < inputs["tpos"].size(); ++i) {
      rows.push_back({inputs["tpos"][i].get<double>(), inputs["tneg"][i].get<double>(),
                      inputs["cpos"][i].get<double>(), inputs["cneg"][i].get<double>()});
    }
    return rows;
  }
  for (size_t i = 0; i < inputs["pre.xti"].size(); ++i) {
    double a = inputs["pre.xti"][i].get<double>(), c = inputs["pre.xci"][i].get<double>();
    rows.push_back(
        {a, inputs["pre.nti"][i].get<double>() - a, c, inputs["pre.nci"][i].get<double>() - c});
  }
  return rows;
}

void ExpectPooled(const std::string& family, const TablePoolResult& r, const json& ref) {
  EXPECT_EQ(r.k, ref["k"].get<int>());
  EXPECT_EQ(r.k_yi, ref["k.yi"].get<int>());
  ExpectField(family, "estimate", r.estimate, ref["estimate"]);
  ExpectField(family, "exp_estimate",
              r.estimate ? std::optional(std::exp(*r.estimate)) : std::nullopt,
              ref["exp_estimate"]);
  ExpectField(family, "se", r.se, ref["se"]);
  ExpectField(family, "zval", r.zval, ref["zval"]);
  ExpectField(family, "pval", r.pval, ref["pval"]);
  ExpectField(family, "ci.lb", r.ci_lb, ref["ci.lb"]);
  ExpectField(family, "ci.ub", r.ci_ub, ref["ci.ub"]);
  ExpectField(family, "QE", r.qe, ref["QE"]);
  ExpectField(family, "QEp", r.qe_p, ref["QEp"]);
  ExpectField(family, "I2", r.i2, ref["I2"]);
  ExpectField(family, "H2", r.h2, ref["H2"]);
}

struct MhCase {
  std::string dataset;
  std::string measure;
  MhMeasure mh_measure;
};

class MantelHaenszelTest : public ::testing::TestWithParam<MhCase> {};

TEST_P(MantelHaenszelTest, ReproducesMetaforRmaMh) {
  const MhCase& param = GetParam();
  SCOPED_TRACE(param.dataset + " rma.mh " + param.measure);
  const json& ref = LoadReference(param.dataset);
  const json& block = ref["rma.mh"][param.measure];
  StatusOr<TablePoolResult> r =
      MantelHaenszel(TablesOf(param.dataset, ref["inputs"]), param.mh_measure);
  ASSERT_TRUE(r.ok()) << r.status().message();
  std::string family = "rma.mh." + param.measure;
  ExpectPooled(family, *r, block);
  ExpectField(family, "CO", Stat(r->cochran), block["CO"]);
  ExpectField(family, "COp", Pval(r->cochran), block["COp"]);
  ExpectField(family, "MH", Stat(r->cmh), block["MH"]);
  ExpectField(family, "MHp", Pval(r->cmh), block["MHp"]);
  ExpectField(family, "BD", Stat(r->breslow_day), block["BD"]);
  ExpectField(family, "BDp", Pval(r->breslow_day), block["BDp"]);
  ExpectField(family, "TA", Stat(r->tarone), block["TA"]);
  ExpectField(family, "TAp", Pval(r->tarone), block["TAp"]);
}

INSTANTIATE_TEST_SUITE_P(Metafor, MantelHaenszelTest,
                         ::testing::Values(MhCase{"bcg", "OR", MhMeasure::kOr},
                                           MhCase{"bcg", "RR", MhMeasure::kRr},
                                           MhCase{"bcg", "RD", MhMeasure::kRd},
                                           MhCase{"collins1985b", "OR", MhMeasure::kOr},
                                           MhCase{"collins1985b", "RR", MhMeasure::kRr}));

class PetoTest : public ::testing::TestWithParam<std::string> {};

TEST_P(PetoTest, ReproducesMetaforRmaPeto) {
  SCOPED_TRACE(GetParam() + " rma.peto");
  const json& ref = LoadReference(GetParam());
  StatusOr<TablePoolResult> r = Peto(TablesOf(GetParam(), ref["inputs"]));
  ASSERT_TRUE(r.ok()) << r.status().message();
  ExpectPooled("rma.peto", *r, ref["rma.peto"]);
}

INSTANTIATE_TEST_SUITE_P(Metafor, PetoTest, ::testing::Values("bcg", "collins1985b"));

TEST(MantelHaenszelEdgeTest, DoubleZeroTableCountsInKButNotInKyi) {
  std::vector<BinaryRow> tables = {{5, 45, 10, 40}, {0, 30, 0, 30}, {8, 42, 12, 38}};
  StatusOr<TablePoolResult> r = MantelHaenszel(tables, MhMeasure::kOr);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->k, 3);
  EXPECT_EQ(r->k_yi, 2);
  StatusOr<TablePoolResult> p = Peto(tables);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->k_yi, 2);
}

TEST(MantelHaenszelEdgeTest, PoolsPerStudyNotCollapsedCounts) {
  // Simpson's paradox: each stratum has OR = 1, the collapsed table does not.
  std::vector<BinaryRow> tables = {{10, 90, 1, 9}, {9, 1, 90, 10}};
  StatusOr<TablePoolResult> r = MantelHaenszel(tables, MhMeasure::kOr);
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(*r->estimate, 0.0, 1e-14);
}

TEST(MantelHaenszelEdgeTest, UndefinedOddsRatioIsNullopt) {
  std::vector<BinaryRow> tables = {{0, 10, 3, 7}, {0, 8, 2, 6}};
  StatusOr<TablePoolResult> r = MantelHaenszel(tables, MhMeasure::kOr);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->estimate.has_value());
  EXPECT_FALSE(r->breslow_day.has_value());
}

TEST(MantelHaenszelEdgeTest, ErrorsNameTheRow) {
  std::vector<BinaryRow> tables = {{1, 2, 3, 4}, {1, 2, -3, 4}};
  EXPECT_EQ(MantelHaenszel(tables, MhMeasure::kRr).status().message(),
            "ci[2]: must be finite and >= 0");
  EXPECT_EQ(MantelHaenszel({}, MhMeasure::kRr).status().message(), "tables: need k >= 1");
  std::vector<BinaryRow> no_events = {{0, 10, 0, 10}, {0, 5, 0, 7}};
  EXPECT_EQ(Peto(no_events).status().code(), StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace refract::stats
