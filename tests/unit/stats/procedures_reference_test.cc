// confint (Q-profile), predict, leave1out, cumul, regtest and trimfill against the metafor 3.8-1
// reference files. One parameterised test per procedure, instantiated for every dataset.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "metafor_reference.h"
#include "refract/stats/publication_bias.h"
#include "refract/stats/rma.h"
#include "refract/stats/rma_inference.h"
#include "refract/stats/rma_sensitivity.h"

namespace refract::stats::testing {
namespace {

constexpr double kTol = 1e-9;

RmaOptions Options(Tau2Method method, TestType test = TestType::kZ) {
  RmaOptions o;
  o.method = method;
  o.test = test;
  return o;
}

RmaResult Fit(const std::string& ds, Tau2Method method, TestType test = TestType::kZ,
              bool tight = false, const std::vector<std::string>& mods = {}) {
  RmaOptions o = Options(method, test);
  if (tight) o.control = RmaControl::Tight();
  StatusOr<RmaResult> fit = FitRma(ReferenceInput(LoadReference(ds), mods), o);
  EXPECT_TRUE(fit.ok()) << fit.status().message();
  return *fit;
}

std::string SignOf(BoundQualifier q) {
  return q == BoundQualifier::kExact ? "" : (q == BoundQualifier::kBelow ? "<" : ">");
}

void CompareConfint(const std::string& family, const HeterogeneityConfint& ci,
                    const nlohmann::json& b) {
  const std::vector<std::pair<std::string, Interval>> parts = {
      {"tau2", ci.tau2}, {"tau", ci.tau}, {"I2", ci.i2}, {"H2", ci.h2}};
  for (const auto& [name, iv] : parts) {
    SCOPED_TRACE(family + " " + name);
    ExpectClose(family, iv.estimate, Num(b[name]["estimate"]), kTol);
    ExpectClose(family, iv.ci_lb, Num(b[name]["ci.lb"]), kTol);
    ExpectClose(family, iv.ci_ub, Num(b[name]["ci.ub"]), kTol);
  }
  EXPECT_EQ(SignOf(ci.lb_sign), b["lb.sign"].get<std::string>());
  EXPECT_EQ(SignOf(ci.ub_sign), b["ub.sign"].get<std::string>());
  EXPECT_EQ(ci.ci_null, b["ci.null"].get<bool>());
  SCOPED_TRACE(family + " fixed");
  ExpectClose(family, ci.fixed_estimate, Vec(b["fixed"]["estimate"]), kTol);
  ExpectClose(family, ci.fixed_ci_lb, Vec(b["fixed"]["ci.lb"]), kTol);
  ExpectClose(family, ci.fixed_ci_ub, Vec(b["fixed"]["ci.ub"]), kTol);
}

void ComparePrediction(const std::string& family, const Prediction& p, const nlohmann::json& b,
                       std::size_t i) {
  const std::vector<std::pair<std::string, double>> fields = {
      {"pred", p.pred},   {"se", p.se},       {"ci.lb", p.ci_lb},
      {"ci.ub", p.ci_ub}, {"pi.lb", p.pi_lb}, {"pi.ub", p.pi_ub}};
  for (const auto& [name, value] : fields) {
    SCOPED_TRACE(family + " " + name + "[" + std::to_string(i) + "]");
    ExpectClose(family, value, Vec(b[name])[i], kTol);
  }
}

void CompareSubsetFits(const std::string& family, const std::vector<SubsetFit>& fits,
                       const nlohmann::json& b) {
  auto column = [&](auto member) {
    std::vector<double> out;
    for (const SubsetFit& f : fits) out.push_back(f.*member);
    return out;
  };
  const std::vector<std::pair<std::string, double SubsetFit::*>> fields = {
      {"estimate", &SubsetFit::estimate},
      {"se", &SubsetFit::se},
      {"zval", &SubsetFit::zval},
      {"pval", &SubsetFit::pval},
      {"ci.lb", &SubsetFit::ci_lb},
      {"ci.ub", &SubsetFit::ci_ub},
      {"Q", &SubsetFit::q},
      {"Qp", &SubsetFit::q_p},
      {"tau2", &SubsetFit::tau2},
      {"I2", &SubsetFit::i2},
      {"H2", &SubsetFit::h2}};
  for (const auto& [name, member] : fields) {
    SCOPED_TRACE(family + " " + name);
    ExpectClose(family, column(member), Vec(b[name]), kTol);
  }
}

class ProceduresTest : public ::testing::TestWithParam<std::string> {
 protected:
  const nlohmann::json& Ref() const { return LoadReference(GetParam()); }
  RmaInput Input() const { return ReferenceInput(Ref()); }
};

TEST_P(ProceduresTest, ConfintQProfile) {
  const std::vector<std::tuple<std::string, Tau2Method, bool>> blocks = {
      {"confint_REML", Tau2Method::kReml, false},
      {"confint_REML_tight", Tau2Method::kReml, true},
      {"confint_DL", Tau2Method::kDl, false}};
  for (const auto& [block, method, tight] : blocks) {
    SCOPED_TRACE(GetParam() + " " + block);
    const RmaResult fit = Fit(GetParam(), method, TestType::kZ, tight);
    const StatusOr<HeterogeneityConfint> ci = ConfintQProfile(Input(), fit);
    ASSERT_TRUE(ci.ok()) << ci.status().message();
    CompareConfint(tight ? "confint_tight" : "confint", *ci, Ref()[block]);
  }
}

TEST_P(ProceduresTest, PredictIntervals) {
  const std::vector<std::tuple<std::string, Tau2Method, TestType, PiType>> blocks = {
      {"predict_REML", Tau2Method::kReml, TestType::kZ, PiType::kDefault},
      {"predict_REML_riley", Tau2Method::kReml, TestType::kZ, PiType::kRiley},
      {"predict_REML_knha", Tau2Method::kReml, TestType::kKnha, PiType::kDefault},
      {"predict_DL", Tau2Method::kDl, TestType::kZ, PiType::kDefault}};
  for (const auto& [block, method, test, pi_type] : blocks) {
    SCOPED_TRACE(GetParam() + " " + block);
    const StatusOr<Prediction> p = Predict(Fit(GetParam(), method, test), {}, pi_type);
    ASSERT_TRUE(p.ok()) << p.status().message();
    ComparePrediction("predict", *p, Ref()[block], 0);
  }
}

TEST_P(ProceduresTest, LeaveOneOutAndCumulative) {
  const RmaOptions options = Options(Tau2Method::kReml);
  const StatusOr<std::vector<SubsetFit>> l1o = LeaveOneOut(Input(), options);
  ASSERT_TRUE(l1o.ok()) << l1o.status().message();
  CompareSubsetFits("leave1out_REML", *l1o, Ref()["leave1out_REML"]);
  const StatusOr<std::vector<SubsetFit>> cumul = Cumulative(Input(), options);
  ASSERT_TRUE(cumul.ok()) << cumul.status().message();
  CompareSubsetFits("cumul_REML", *cumul, Ref()["cumul_REML"]);
  if (!Ref().contains("cumul_REML_by_year")) return;
  std::vector<std::size_t> order;
  for (const auto& slab : Ref()["cumul_REML_by_year"]["slab"]) {
    order.push_back(std::stoul(slab.get<std::string>()) - 1);
  }
  const StatusOr<std::vector<SubsetFit>> by_year = Cumulative(Input(), options, order);
  ASSERT_TRUE(by_year.ok()) << by_year.status().message();
  CompareSubsetFits("cumul_REML", *by_year, Ref()["cumul_REML_by_year"]);
}

TEST_P(ProceduresTest, RegressionTests) {
  const std::vector<std::tuple<std::string, Tau2Method, RegTestModel>> blocks = {
      {"REML_rma_sei", Tau2Method::kReml, RegTestModel::kRma},
      {"FE_rma_sei", Tau2Method::kFe, RegTestModel::kRma},
      {"lm_sei_classic_egger", Tau2Method::kReml, RegTestModel::kLm}};
  for (const auto& [block, method, model] : blocks) {
    SCOPED_TRACE(GetParam() + " regtest." + block);
    const StatusOr<RegTestResult> r = RegTest(Input(), Options(method), model);
    ASSERT_TRUE(r.ok()) << r.status().message();
    const nlohmann::json& b = Ref()["regtest"][block];
    const std::vector<std::pair<std::string, double>> scalars = {
        {"zval", r->zval},
        {"pval", r->pval},
        {"ddf", r->ddf},
        {"limit_estimate", r->limit_estimate},
        {"limit_ci.lb", r->limit_ci_lb},
        {"limit_ci.ub", r->limit_ci_ub},
        {"fit_tau2", r->fit_tau2}};
    for (const auto& [name, value] : scalars) {
      SCOPED_TRACE(name);
      ExpectClose("regtest", value, Num(b[name]), kTol);
    }
    ExpectClose("regtest", r->fit_coef, Vec(b["fit_coef"]), kTol);
    ExpectClose("regtest", r->fit_se, Vec(b["fit_se"]), kTol);
  }
}

TEST_P(ProceduresTest, TrimAndFill) {
  for (const std::string method : {"REML", "DL", "FE"}) {
    SCOPED_TRACE(GetParam() + " trimfill." + method);
    const StatusOr<TrimFillResult> t = TrimFill(Input(), Options(MethodFromName(method)));
    ASSERT_TRUE(t.ok()) << t.status().message();
    const nlohmann::json& b = Ref()["trimfill"][method];
    EXPECT_EQ(t->side == FunnelSide::kRight ? "right" : "left", b["side"].get<std::string>());
    EXPECT_EQ(t->k0, b["k0"].get<int>());
    EXPECT_EQ(t->fit.k, static_cast<std::size_t>(b["k_total"].get<int>()));
    const RmaResult& f = t->fit;
    const std::vector<std::pair<std::string, double>> scalars = {
        {"se.k0", t->se_k0},   {"estimate", f.estimate[0]},
        {"se", f.se[0]},       {"zval", f.zval[0]},
        {"pval", f.pval[0]},   {"ci.lb", f.ci_lb[0]},
        {"ci.ub", f.ci_ub[0]}, {"tau2", f.tau2},
        {"I2", f.i2},          {"H2", f.h2},
        {"QE", f.qe},          {"QEp", f.qe_p}};
    for (const auto& [name, value] : scalars) {
      SCOPED_TRACE(name);
      ExpectClose("trimfill", value, Num(b[name]), kTol);
    }
    ExpectClose("trimfill", t->filled_yi, Vec(b["filled_yi"]), kTol);
    ExpectClose("trimfill", t->filled_vi, Vec(b["filled_vi"]), kTol);
  }
}

INSTANTIATE_TEST_SUITE_P(AllDatasets, ProceduresTest, ::testing::ValuesIn(ReferenceDatasets()),
                         [](const auto& param_info) { return param_info.param; });

// The bcg meta-regression ~ ablat: Q-profile CI for residual tau2 and predictions at ablat values.
TEST(MetaRegressionProcedures, ConfintAndPredictMatchMetafor) {
  const nlohmann::json& mr = LoadReference("bcg")["metareg"];
  const RmaResult fit = Fit("bcg", Tau2Method::kReml, TestType::kZ, false, {"ablat"});
  const StatusOr<HeterogeneityConfint> ci =
      ConfintQProfile(ReferenceInput(LoadReference("bcg"), {"ablat"}), fit);
  ASSERT_TRUE(ci.ok()) << ci.status().message();
  CompareConfint("metareg.confint", *ci, mr["confint_REML"]);
  const std::vector<double> ablat = Vec(mr["predict_REML"]["ablat"]);
  for (std::size_t i = 0; i < ablat.size(); ++i) {
    const StatusOr<Prediction> p = Predict(fit, std::span<const double>(&ablat[i], 1));
    ASSERT_TRUE(p.ok()) << p.status().message();
    ComparePrediction("metareg.predict", *p, mr["predict_REML"], i);
  }
}

}  // namespace
}  // namespace refract::stats::testing
