// The further analyses of Engine::Meta (leave1out, cumulative, mods + predict, regtest, trimfill,
// confint, MH/Peto, both subgroup tests, the fallback note) against R metafor 3.8-1: the inputs
// and reference outputs are tests/data/metafor/analyses/*.{csv,json}, made by
// tests/data/metafor/analyses.R. Every number is read from the JSON document the API and
// `refract meta --json` return, so the documented fields are what is checked.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "refract/engine/engine.h"
#include "refract/engine/meta.h"
#include "refract/engine/meta_output.h"

namespace refract {
namespace {

using nlohmann::json;

// REML with metafor's default control: the same iterations, so the same numbers to rounding.
constexpr double kTolerance = 1e-6;

const std::string kDir = "tests/data/metafor/analyses/";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

json Reference(const std::string& name) { return json::parse(ReadFile(kDir + name + ".json")); }

double Num(const json& j) {
  if (j.is_null() || j.is_string()) return std::nan("");
  return j.get<double>();
}

std::vector<double> Vec(const json& j) {
  if (!j.is_array()) return {Num(j)};
  std::vector<double> out;
  for (const json& v : j) out.push_back(Num(v));
  return out;
}

// Largest |refract - metafor| per "analysis / data set", printed at the end.
std::map<std::string, double>& MaxDifferences() {
  static std::map<std::string, double> differences;
  return differences;
}

void ExpectClose(const std::string& key, double actual, double expected) {
  if (std::isnan(actual) && std::isnan(expected)) return;
  const double difference = std::fabs(actual - expected);
  EXPECT_LE(difference, kTolerance) << key << ": refract " << actual << ", metafor " << expected;
  double& max = MaxDifferences()[key];
  max = std::max(max, std::isnan(difference) ? INFINITY : difference);
}

void ExpectClose(const std::string& key, const std::vector<double>& actual,
                 const std::vector<double>& expected) {
  ASSERT_EQ(actual.size(), expected.size()) << key;
  for (size_t i = 0; i < actual.size(); ++i) ExpectClose(key, actual[i], expected[i]);
}

const Engine& TheEngine() {
  static const Engine engine = *Engine::Create(EmbeddedKnowledgeSource());
  return engine;
}

json RunMeta(MetaRequest request) {
  StatusOr<MetaResult> result = TheEngine().Meta(request);
  EXPECT_TRUE(result.ok()) << result.status().message();
  if (!result.ok()) return json::object();
  return json::parse(RenderMetaJson(MetaReport{std::move(*result), "test"}));
}

MetaRequest CsvRequest(const std::string& name) {
  MetaRequest request;
  request.text = ReadFile(kDir + name + ".csv");
  request.measure = "GEN";
  return request;
}

// Column `field` of the rows of a leave1out / cumulative table.
std::vector<double> Column(const json& rows, const std::string& field) {
  std::vector<double> out;
  for (const json& row : rows) out.push_back(Num(row[field]));
  return out;
}

void ExpectSubsetTable(const std::string& key, const json& rows, const json& ref) {
  for (const std::string field :
       {"estimate", "se", "zval", "pval", "ci_lb", "ci_ub", "q", "q_p", "tau2", "i2", "h2"}) {
    ExpectClose(key, Column(rows, field), Vec(ref[field]));
  }
}

void ExpectFit(const std::string& key, const json& fit, const json& ref) {
  for (const std::string field : {"estimate", "se", "zval", "pval", "ci_lb", "ci_ub"}) {
    ExpectClose(key, Vec(fit[field]), Vec(ref[field]));
  }
  for (const std::string field : {"tau2", "se_tau2", "i2", "h2", "qe", "qe_p", "qm", "qm_p"}) {
    ExpectClose(key, Num(fit[field]), Num(ref[field]));
  }
  if (!ref["r2"].is_string()) ExpectClose(key, Num(fit["r2"]), Num(ref["r2"]));
}

class MetaAnalysesReference : public ::testing::TestWithParam<std::string> {};

TEST_P(MetaAnalysesReference, LeaveOneOutAndCumulative) {
  const json ref = Reference(GetParam());
  MetaRequest request = CsvRequest(GetParam());
  request.analyses.leave1out = true;
  request.analyses.cumulative = true;
  request.analyses.order = ref["cumulative"]["order"].get<std::string>();
  const json out = RunMeta(request);
  ExpectSubsetTable("leave1out / " + GetParam(), out["leave1out"], ref["leave1out"]);
  ExpectSubsetTable("cumulative / " + GetParam(), out["cumulative"]["rows"], ref["cumulative"]);
}

TEST_P(MetaAnalysesReference, MetaRegressionAndPredict) {
  const json ref = Reference(GetParam());
  MetaRequest request = CsvRequest(GetParam());
  request.analyses.mods = ref["mods"]["formula"].get<std::string>();
  request.analyses.predict = {Vec(ref["predict"]["x"])};
  const json out = RunMeta(request);
  const json& regression = out["meta_regression"];
  ExpectFit("mods / " + GetParam(), regression, ref["mods"]);
  const json& p = regression["predictions"][0];
  for (const std::string field : {"pred", "se", "ci_lb", "ci_ub", "pi_lb", "pi_ub"}) {
    ExpectClose("predict / " + GetParam(), Num(p[field]), Num(ref["predict"][field]));
  }
}

TEST_P(MetaAnalysesReference, RegtestTrimfillConfint) {
  const json ref = Reference(GetParam());
  MetaRequest request = CsvRequest(GetParam());
  request.analyses.regtest = true;
  request.analyses.trimfill = true;
  request.analyses.confint = true;
  const json out = RunMeta(request);
  for (const std::string field : {"zval", "pval", "limit_estimate", "limit_ci_lb", "limit_ci_ub"}) {
    ExpectClose("regtest / " + GetParam(), Num(out["regtest"][field]), Num(ref["regtest"][field]));
  }
  const json& tf = out["trimfill"];
  const json& tf_ref = ref["trimfill"];
  EXPECT_EQ(tf["k0"].get<int>(), tf_ref["k0"].get<int>());
  EXPECT_EQ(tf["side"].get<std::string>(), tf_ref["side"].get<std::string>());
  ExpectClose("trimfill / " + GetParam(), Num(tf["se_k0"]), Num(tf_ref["se_k0"]));
  for (const std::string field : {"estimate", "se", "zval", "pval", "ci_lb", "ci_ub"}) {
    ExpectClose("trimfill / " + GetParam(), Vec(tf[field]), Vec(tf_ref[field]));
  }
  for (const std::string field : {"tau2", "i2", "qe", "qe_p"}) {
    ExpectClose("trimfill / " + GetParam(), Num(tf[field]), Num(tf_ref[field]));
  }
  for (const std::string field : {"tau2", "tau", "i2", "h2"}) {
    const json& ci = out["confint"][field];
    ExpectClose("confint / " + GetParam(),
                {Num(ci["estimate"]), Num(ci["ci_lb"]), Num(ci["ci_ub"])},
                Vec(ref["confint"][field]));
  }
}

TEST_P(MetaAnalysesReference, Influence) {
  const json ref = Reference(GetParam());
  MetaRequest request = CsvRequest(GetParam());
  request.analyses.influence = true;
  const json out = RunMeta(request);
  const json& rows = out["influence"];
  for (const std::string field : {"rstudent", "dffits", "cook_d", "cov_r", "tau2_del", "qe_del",
                                  "hat", "weight", "dfbetas"}) {
    ExpectClose("influence / " + GetParam(), Column(rows, field), Vec(ref["influence"][field]));
  }
  const json& flags = ref["influence"]["influential"];
  ASSERT_EQ(rows.size(), flags.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i]["influential"].get<bool>(), flags[i].get<bool>()) << "row " << i;
  }
}

INSTANTIATE_TEST_SUITE_P(Metafor, MetaAnalysesReference,
                         ::testing::Values("bcg", "hackshaw1998", "collins1985b"));

void ExpectTables(const std::string& name, const std::string& method, const std::string& measure,
                  const json& ref) {
  MetaRequest request = CsvRequest(name);
  request.method = method;
  request.measure = measure;
  const json out = RunMeta(request);
  const json& t = out["tables"];
  const std::string key = fmt::format("{} {} / {}", method, measure, name);
  for (const std::string field :
       {"estimate", "se", "zval", "pval", "ci_lb", "ci_ub", "qe", "qe_p", "i2", "h2"}) {
    ExpectClose(key, Num(t[field]), Num(ref[field]));
  }
  if (measure == "OR" && method == "MH") {
    ExpectClose(key, Num(t["cochran_mantel_haenszel"]["statistic"]), Num(ref["cmh"]));
    ExpectClose(key, Num(t["tarone"]["statistic"]), Num(ref["tarone"]));
  }
}

TEST(MetaAnalysesTables, MantelHaenszelAndPeto) {
  for (const std::string name : {"bcg", "collins1985b"}) {
    const json ref = Reference(name);
    for (const std::string measure : {"OR", "RR", "RD"}) {
      ExpectTables(name, "MH", measure, ref["mantel_haenszel"][measure]);
    }
    ExpectTables(name, "PETO", "OR", ref["peto"]);
  }
}

void ExpectSubgroupTests(const std::string& key, MetaRequest request, const json& ref) {
  request.by = ref["by"].get<std::string>();
  const json out = RunMeta(request);
  const json& between = out["subgroups"]["test_of_differences"];
  EXPECT_EQ(between["label"], "test for subgroup differences, separate tau^2 (Q_between)");
  ExpectClose("Q_between / " + key, Num(between["q"]), Num(ref["q_between"]));
  ExpectClose("Q_between / " + key, Num(between["p"]), Num(ref["q_between_p"]));
  EXPECT_EQ(between["df"].get<double>(), Num(ref["q_between_df"]));
  const json& qm = out["subgroups"]["moderator_test"];
  EXPECT_EQ(qm["label"], "mixed-effects moderator test, common tau^2 (QM)");
  ExpectClose("QM / " + key, Num(qm["q"]), Num(ref["qm"]));
  ExpectClose("QM / " + key, Num(qm["p"]), Num(ref["qm_p"]));
  ExpectClose("QM / " + key, Num(qm["tau2"]), Num(ref["qm_tau2"]));
  EXPECT_EQ(qm["df"].get<double>(), Num(ref["qm_df"]));
}

TEST(MetaAnalysesSubgroups, BothTestsMatchMetafor) {
  for (const std::string name : {"bcg", "hackshaw1998"}) {
    ExpectSubgroupTests(name, CsvRequest(name), Reference(name)["subgroups"]);
  }
  MetaRequest metapsy;
  metapsy.format = MetaFormat::kMetapsy;
  metapsy.text = ReadFile("data/metapsy/depression-psyctr.csv");
  ExpectSubgroupTests("metapsy", metapsy, Reference("metapsy-format")["subgroups"]);
}

// metafor's default Fisher scoring fails on this data set; the safeguarded optimiser finds the
// REML optimum (metafor's own, with step halving and a tight threshold), and says so.
TEST(MetaAnalysesFallback, ReportsTheSafeguardedOptimiser) {
  const json ref = Reference("fallback");
  StatusOr<MetaResult> result = TheEngine().Meta(CsvRequest("fallback"));
  ASSERT_TRUE(result.ok()) << result.status().message();
  const MetaReport report{std::move(*result), "fallback.csv"};
  const json out = json::parse(RenderMetaJson(report));
  EXPECT_EQ(out["overall"]["solver"], "safeguarded");
  EXPECT_TRUE(out["overall"]["fallback"].get<bool>());
  EXPECT_NE(RenderMetaText(report).find("note: Fisher scoring did not converge for the pooled "
                                        "model; the safeguarded optimiser found the REML optimum"),
            std::string::npos);
  for (const std::string field : {"tau2", "estimate", "se", "ci_lb", "ci_ub", "i2"}) {
    ExpectClose("fallback REML / fallback", Num(out["overall"][field]), Vec(ref["fit"][field])[0]);
  }
}

TEST(MetaAnalysesErrors, NameTheFieldAndRule) {
  MetaRequest request = CsvRequest("bcg");
  request.analyses.order = "year";
  request.analyses.predict = {{30}};
  request.by = "alloc";
  request.analyses.mods = "ablat";
  StatusOr<MetaResult> result = TheEngine().Meta(request);
  ASSERT_FALSE(result.ok());
  std::vector<std::string> paths;
  for (const FieldError& e : result.status().details()) paths.push_back(e.path);
  EXPECT_EQ(paths, (std::vector<std::string>{"order", "mods"}));
  request = CsvRequest("bcg");
  request.analyses.mods = "ablat + nope";
  result = TheEngine().Meta(request);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().message(), "mods: no column 'nope' in the input");
  request = CsvRequest("bcg");
  request.method = "PETO";
  request.measure = "RR";
  result = TheEngine().Meta(request);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().message(),
            "measure: PETO pools log odds ratios: the measure must be OR");
}

TEST(MetaAnalysesErrors, SuggestsTheSemicolonSeparator) {
  MetaRequest request;
  request.measure = "GEN";
  request.text = "study;yi;vi\nA;0,1;0,04\nB;0,2;0,05\n";
  StatusOr<MetaResult> result = TheEngine().Meta(request);
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("use --sep ';'"), std::string::npos)
      << result.status().message();
}

// Prints the table of largest differences (kept in the test log).
class PrintDifferences : public ::testing::Environment {
 public:
  void TearDown() override {
    for (const auto& [key, difference] : MaxDifferences()) {
      fmt::print("max |refract - metafor| {:<36} {:.3g}\n", key, difference);
    }
  }
};

const auto* const kPrintDifferences = ::testing::AddGlobalTestEnvironment(new PrintDifferences);

}  // namespace
}  // namespace refract
