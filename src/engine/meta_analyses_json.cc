// JSON of the further analyses (docs/meta-csv.md, "Further analyses"): one member per analysis,
// named and shaped after the metafor result it matches. Non-finite numbers are null.
#include <cmath>

#include "meta_analyses_internal.h"

namespace refract::meta_analyses {
namespace {

using nlohmann::json;

json Number(double value) { return std::isfinite(value) ? json(value) : json(nullptr); }

json Optional(const std::optional<double>& value) { return value ? Number(*value) : json(nullptr); }

json Numbers(const std::vector<double>& values) {
  json out = json::array();
  for (double v : values) out.push_back(Number(v));
  return out;
}

std::string SolverName(stats::Tau2Solver solver) {
  switch (solver) {
    case stats::Tau2Solver::kClosedForm:
      return "closed_form";
    case stats::Tau2Solver::kFisherScoring:
      return "fisher_scoring";
    case stats::Tau2Solver::kSafeguarded:
      return "safeguarded";
    case stats::Tau2Solver::kZeroin:
      return "zeroin";
  }
  return "";
}

json SubsetRows(const std::vector<LabelledSubsetFit>& rows) {
  json out = json::array();
  for (const LabelledSubsetFit& row : rows) {
    const stats::SubsetFit& f = row.fit;
    out.push_back({{"label", row.label},
                   {"estimate", Number(f.estimate)},
                   {"se", Number(f.se)},
                   {"zval", Number(f.zval)},
                   {"pval", Number(f.pval)},
                   {"ci_lb", Number(f.ci_lb)},
                   {"ci_ub", Number(f.ci_ub)},
                   {"q", Number(f.q)},
                   {"q_p", Number(f.q_p)},
                   {"tau2", Number(f.tau2)},
                   {"i2", Number(f.i2)},
                   {"h2", Number(f.h2)},
                   {"solver", SolverName(f.solver)},
                   {"fallback", f.solver == stats::Tau2Solver::kSafeguarded}});
  }
  return out;
}

json FitJson(const stats::RmaResult& fit) {
  json out = {{"k", fit.k},
              {"estimate", Numbers(fit.estimate)},
              {"se", Numbers(fit.se)},
              {"zval", Numbers(fit.zval)},
              {"pval", Numbers(fit.pval)},
              {"ci_lb", Numbers(fit.ci_lb)},
              {"ci_ub", Numbers(fit.ci_ub)},
              {"tau2", Number(fit.tau2)},
              {"se_tau2", Number(fit.se_tau2)},
              {"i2", Number(fit.i2)},
              {"h2", Number(fit.h2)},
              {"r2", Number(fit.r2)},
              {"qe", Number(fit.qe)},
              {"qe_df", Number(fit.qe_df)},
              {"qe_p", Number(fit.qe_p)},
              {"qm", Number(fit.qm)},
              {"qm_df", Number(fit.qm_df1)},
              {"qm_df2", Number(fit.qm_df2)},
              {"qm_p", Number(fit.qm_p)}};
  out.update(SolverJson(fit));
  return out;
}

json RegressionJson(const MetaRegression& m) {
  json out = FitJson(m.fit);
  out["formula"] = m.formula;
  out["coefficients"] = m.coefficients;
  out["factors"] = m.factor_columns;
  json predictions = json::array();
  for (size_t i = 0; i < m.predictions.size(); ++i) {
    const stats::Prediction& p = m.predictions[i];
    predictions.push_back({{"x", Numbers(m.predict_at[i])},
                           {"pred", Number(p.pred)},
                           {"se", Number(p.se)},
                           {"ci_lb", Number(p.ci_lb)},
                           {"ci_ub", Number(p.ci_ub)},
                           {"pi_lb", Number(p.pi_lb)},
                           {"pi_ub", Number(p.pi_ub)}});
  }
  out["predictions"] = std::move(predictions);
  return out;
}

json RegTestJson(const stats::RegTestResult& r) {
  return {{"model", "rma"},
          {"predictor", "sei"},
          {"zval", Number(r.zval)},
          {"pval", Number(r.pval)},
          {"ddf", Number(r.ddf)},
          {"limit_estimate", Number(r.limit_estimate)},
          {"limit_ci_lb", Number(r.limit_ci_lb)},
          {"limit_ci_ub", Number(r.limit_ci_ub)}};
}

json TrimFillJson(const stats::TrimFillResult& t) {
  json out = FitJson(t.fit);
  out["side"] = t.side == stats::FunnelSide::kLeft ? "left" : "right";
  out["k0"] = t.k0;
  out["se_k0"] = Number(t.se_k0);
  out["filled_yi"] = Numbers(t.filled_yi);
  out["filled_vi"] = Numbers(t.filled_vi);
  return out;
}

std::string Qualifier(stats::BoundQualifier q) {
  return q == stats::BoundQualifier::kExact   ? "exact"
         : q == stats::BoundQualifier::kBelow ? "below"
                                              : "above";
}

json ConfintJson(const stats::HeterogeneityConfint& c) {
  auto interval = [](const stats::Interval& i) {
    return json{
        {"estimate", Number(i.estimate)}, {"ci_lb", Number(i.ci_lb)}, {"ci_ub", Number(i.ci_ub)}};
  };
  return {{"type", "Q-profile"},
          {"tau2", interval(c.tau2)},
          {"tau", interval(c.tau)},
          {"i2", interval(c.i2)},
          {"h2", interval(c.h2)},
          {"lb_sign", Qualifier(c.lb_sign)},
          {"ub_sign", Qualifier(c.ub_sign)}};
}

json InfluenceJson(const std::vector<LabelledInfluence>& rows) {
  json out = json::array();
  for (const LabelledInfluence& r : rows) {
    const stats::InfluenceRow& i = r.row;
    out.push_back({{"label", r.label},
                   {"rstudent", Number(i.rstudent)},
                   {"dffits", Number(i.dffits)},
                   {"cook_d", Number(i.cook_d)},
                   {"cov_r", Number(i.cov_r)},
                   {"tau2_del", Number(i.tau2_del)},
                   {"qe_del", Number(i.qe_del)},
                   {"hat", Number(i.hat)},
                   {"weight", Number(i.weight)},
                   {"dfbetas", Number(i.dfbetas)},
                   {"influential", i.influential}});
  }
  return out;
}

json TestJson(const std::optional<stats::TestStatistic>& t) {
  if (!t) return nullptr;
  return {{"statistic", Number(t->statistic)}, {"p", Number(t->pval)}};
}

json TablesJson(const TablePooling& t) {
  const stats::TablePoolResult& r = t.result;
  return {{"method", t.method},
          {"measure", t.measure},
          {"k", r.k},
          {"estimate", Optional(r.estimate)},
          {"se", Optional(r.se)},
          {"zval", Optional(r.zval)},
          {"pval", Optional(r.pval)},
          {"ci_lb", Optional(r.ci_lb)},
          {"ci_ub", Optional(r.ci_ub)},
          {"qe", Number(r.qe)},
          {"qe_df", r.k_yi - 1},
          {"qe_p", Number(r.qe_p)},
          {"i2", Number(r.i2)},
          {"h2", Number(r.h2)},
          {"cochran_mantel_haenszel", TestJson(r.cmh)},
          {"tarone", TestJson(r.tarone)},
          {"breslow_day", TestJson(r.breslow_day)}};
}

}  // namespace

json SolverJson(const stats::RmaResult& fit) {
  return {{"solver", SolverName(fit.solver)},
          {"fallback", fit.solver == stats::Tau2Solver::kSafeguarded}};
}

json ModeratorTestJson(const ModeratorTest& test) {
  json out = {{"label", "mixed-effects moderator test, common tau^2 (QM)"},
              {"levels", test.levels},
              {"q", Number(test.fit.qm)},
              {"df", Number(test.fit.qm_df1)},
              {"p", Number(test.fit.qm_p)},
              {"tau2", Number(test.fit.tau2)}};
  out.update(SolverJson(test.fit));
  return out;
}

void AddJson(const MetaResult& result, json& out) {
  const MetaAnalysesResult& a = result.analyses;
  if (a.leave1out) out["leave1out"] = SubsetRows(*a.leave1out);
  if (a.cumulative) {
    out["cumulative"] = {
        {"order", a.cumulative_order.empty() ? json(nullptr) : json(a.cumulative_order)},
        {"rows", SubsetRows(*a.cumulative)}};
  }
  if (a.regression) out["meta_regression"] = RegressionJson(*a.regression);
  if (a.regtest) out["regtest"] = RegTestJson(*a.regtest);
  if (a.trimfill) out["trimfill"] = TrimFillJson(*a.trimfill);
  if (a.confint) out["confint"] = ConfintJson(*a.confint);
  if (a.influence) out["influence"] = InfluenceJson(*a.influence);
  if (a.tables) out["tables"] = TablesJson(*a.tables);
}

}  // namespace refract::meta_analyses
