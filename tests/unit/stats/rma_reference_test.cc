// FitRma against every rma-type block of the metafor 3.8-1 reference files: rma.*, rma_tight.*,
// knha_*, and the bcg meta-regression ~ ablat (metareg.*).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "metafor_reference.h"
#include "refract/stats/rma.h"

namespace refract::stats::testing {
namespace {

struct RmaCase {
  std::string dataset;
  std::vector<std::string> path;  // JSON keys to the block.
  std::vector<std::string> moderators;
  bool tight = false;
  std::string family;
  double tol = 0;
};

std::string CaseName(const RmaCase& c) {
  std::string name = c.dataset;
  for (const auto& key : c.path) name += "_" + key;
  for (char& ch : name) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
  }
  return name;
}

std::vector<RmaCase> AllCases() {
  constexpr double kDefaultTol = 1e-9;  // Exact port of metafor's iterations (README table).
  constexpr double kTightTol = 1e-8;
  std::vector<RmaCase> cases;
  for (const auto& ds : ReferenceDatasets()) {
    const auto& ref = LoadReference(ds);
    for (const auto& [m, block] : ref["rma"].items()) {
      cases.push_back({ds, {"rma", m}, {}, false, "rma." + m, kDefaultTol});
    }
    for (const auto& [m, block] : ref["rma_tight"].items()) {
      cases.push_back({ds, {"rma_tight", m}, {}, true, "rma_tight." + m, kTightTol});
    }
    for (const std::string m : {"knha_REML", "knha_DL"}) {
      cases.push_back({ds, {m}, {}, false, m, kDefaultTol});
    }
    if (!ref.contains("metareg")) continue;
    for (const std::string m : {"REML", "REML_tight", "REML_knha", "ML", "DL", "FE"}) {
      const bool tight = m == "REML_tight";
      cases.push_back(
          {ds, {"metareg", m}, {"ablat"}, tight, "metareg." + m, tight ? kTightTol : kDefaultTol});
    }
  }
  return cases;
}

class RmaReferenceTest : public ::testing::TestWithParam<RmaCase> {};

const nlohmann::json& Block(const RmaCase& c) {
  const nlohmann::json* j = &LoadReference(c.dataset);
  for (const auto& key : c.path) j = &(*j)[key];
  return *j;
}

void CompareFitStats(const std::string& family, const FitStats& s, const nlohmann::json& j,
                     double tol) {
  for (const auto& [name, value] : {std::pair<std::string, double>{"ll", s.ll},
                                    {"dev", s.deviance},
                                    {"AIC", s.aic},
                                    {"BIC", s.bic},
                                    {"AICc", s.aicc}}) {
    SCOPED_TRACE(name);
    ExpectClose(family, value, Num(j[name]), tol);
  }
}

TEST_P(RmaReferenceTest, MatchesMetafor) {
  const RmaCase& c = GetParam();
  const nlohmann::json& b = Block(c);
  RmaOptions options;
  options.method = MethodFromName(b["method"].get<std::string>());
  options.test = b["test"] == "knha" ? TestType::kKnha : TestType::kZ;
  if (c.tight) options.control = RmaControl::Tight();
  const StatusOr<RmaResult> fit =
      FitRma(ReferenceInput(LoadReference(c.dataset), c.moderators), options);
  ASSERT_TRUE(fit.ok()) << fit.status().message();
  const RmaResult& r = *fit;
  const std::string& f = c.family;
  const double tol = c.tol;
  EXPECT_EQ(r.k, static_cast<std::size_t>(b["k"].get<int>()));
  EXPECT_EQ(r.p, static_cast<std::size_t>(b["p"].get<int>()));
  const std::vector<std::pair<std::string, std::vector<double>>> vectors = {
      {"estimate", r.estimate},
      {"se", r.se},
      {"zval", r.zval},
      {"pval", r.pval},
      {"ci.lb", r.ci_lb},
      {"ci.ub", r.ci_ub},
      {"vb", r.vb},
      {"weights_pct", r.weights_pct},
      {"QMdf", {r.qm_df1, r.qm_df2}}};
  for (const auto& [name, value] : vectors) {
    SCOPED_TRACE(c.dataset + " " + f + " " + name);
    ExpectClose(f, value, Vec(b[name]), tol);
  }
  const std::vector<std::pair<std::string, double>> scalars = {
      {"tau2", r.tau2}, {"tau", r.tau}, {"se.tau2", r.se_tau2}, {"I2", r.i2},    {"H2", r.h2},
      {"vt", r.vt},     {"QE", r.qe},   {"QEdf", r.qe_df},      {"QEp", r.qe_p}, {"QM", r.qm},
      {"QMp", r.qm_p},  {"ddf", r.ddf}, {"s2w", r.s2w},         {"R2", r.r2}};
  for (const auto& [name, value] : scalars) {
    SCOPED_TRACE(c.dataset + " " + f + " " + name);
    ExpectClose(f, value, Num(b[name]), tol);
  }
  {
    SCOPED_TRACE(c.dataset + " " + f + " fit.stats ML");
    CompareFitStats(f, r.ml, b["fit.stats"]["ML"], tol);
  }
  {
    SCOPED_TRACE(c.dataset + " " + f + " fit.stats REML");
    CompareFitStats(f, r.reml, b["fit.stats"]["REML"], tol);
  }
  EXPECT_FALSE(r.metafor_would_error);
}

INSTANTIATE_TEST_SUITE_P(AllBlocks, RmaReferenceTest, ::testing::ValuesIn(AllCases()),
                         [](const auto& param_info) { return CaseName(param_info.param); });

}  // namespace
}  // namespace refract::stats::testing
