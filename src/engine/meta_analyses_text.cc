// Text of the further analyses, laid out as metafor 3.8-1 prints them (print.list.rma for
// leave1out/cumul, print.regtest, print.confint.rma, print.rma.uni for meta-regression and
// trim-and-fill, print.rma.mh / print.rma.peto).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>

#include "meta_analyses_internal.h"

namespace refract::meta_analyses {
namespace {

std::string PValue(double p) {
  if (std::isnan(p)) return "NA";
  return p < 1e-4 ? "<.0001" : fmt::format("{:.4f}", p);
}

std::string PText(double p) { return p < 1e-4 ? "p-val < .0001" : "p-val = " + PValue(p); }

std::string StatName(const stats::RmaResult& fit) {
  return fit.options.test == stats::TestType::kKnha ? "tval" : "zval";
}

void AppendSubsetTable(const std::vector<LabelledSubsetFit>& rows, const std::string& stat,
                       std::string& out) {
  out +=
      fmt::format("{:<24}{:>9}{:>8}{:>9}{:>8}{:>9}{:>9}{:>9}{:>8}{:>8}{:>8}{:>8}\n", "", "estimate",
                  "se", stat, "pval", "ci.lb", "ci.ub", "Q", "Qp", "tau2", "I2", "H2");
  int fallbacks = 0;
  for (const LabelledSubsetFit& row : rows) {
    const stats::SubsetFit& f = row.fit;
    fallbacks += f.solver == stats::Tau2Solver::kSafeguarded;
    out += fmt::format(
        "{:<24.24}{:>9.4f}{:>8.4f}{:>9.4f}{:>8}{:>9.4f}{:>9.4f}{:>9.4f}{:>8}{:>8.4f}{:>8.2f}"
        "{:>8.4f}\n",
        row.label, f.estimate, f.se, f.zval, PValue(f.pval), f.ci_lb, f.ci_ub, f.q, PValue(f.q_p),
        f.tau2, f.i2, f.h2);
  }
  if (fallbacks > 0) {
    out += fmt::format(
        "note: in {} of these fits Fisher scoring did not converge; the safeguarded optimiser "
        "found the REML optimum\n",
        fallbacks);
  }
}

void AppendCoefficients(const MetaRegression& m, std::string& out) {
  const stats::RmaResult& fit = m.fit;
  out += fmt::format("Model Results:\n\n{:<16}{:>10}{:>10}{:>10}{:>9}{:>10}{:>10}\n", "",
                     "estimate", "se", StatName(fit), "pval", "ci.lb", "ci.ub");
  for (size_t j = 0; j < fit.p; ++j) {
    out += fmt::format("{:<16.16}{:>10.4f}{:>10.4f}{:>10.4f}{:>9}{:>10.4f}{:>10.4f}\n",
                       m.coefficients[j], fit.estimate[j], fit.se[j], fit.zval[j],
                       PValue(fit.pval[j]), fit.ci_lb[j], fit.ci_ub[j]);
  }
}

void AppendRegression(const MetaRegression& m, std::string& out) {
  const stats::RmaResult& fit = m.fit;
  out += fmt::format("\nMeta-regression, mods = ~ {}\n", m.formula);
  out += fmt::format("Mixed-Effects Model (k = {}; tau^2 estimator: {})\n\n", fit.k,
                     stats::Tau2MethodName(fit.options.method));
  out += FallbackNote(fit, "the meta-regression");
  out +=
      fmt::format("tau^2 (estimated amount of residual heterogeneity):     {:.4f} (SE = {:.4f})\n",
                  fit.tau2, fit.se_tau2);
  out += fmt::format("tau (square root of estimated tau^2 value):             {:.4f}\n", fit.tau);
  out += fmt::format("I^2 (residual heterogeneity / unaccounted variability): {:.2f}%\n", fit.i2);
  out += fmt::format("H^2 (unaccounted variability / sampling variability):   {:.2f}\n", fit.h2);
  out += fmt::format("R^2 (amount of heterogeneity accounted for):            {:.2f}%\n\n", fit.r2);
  out += fmt::format("Test for Residual Heterogeneity:\nQE(df = {:g}) = {:.4f}, {}\n\n", fit.qe_df,
                     fit.qe, PText(fit.qe_p));
  out += fmt::format("Test of Moderators (coefficients 2:{}):\n", fit.p);
  if (fit.options.test == stats::TestType::kKnha) {
    out += fmt::format("F(df1 = {:g}, df2 = {:g}) = {:.4f}, {}\n\n", fit.qm_df1, fit.qm_df2, fit.qm,
                       PText(fit.qm_p));
  } else {
    out += fmt::format("QM(df = {:g}) = {:.4f}, {}\n\n", fit.qm_df1, fit.qm, PText(fit.qm_p));
  }
  AppendCoefficients(m, out);
  if (m.predictions.empty()) return;
  out += fmt::format(
      "\nPredicted effects (predict(fit, newmods = ...)):\n{:<24}{:>9}{:>9}{:>9}"
      "{:>9}{:>9}{:>9}\n",
      "newmods", "pred", "se", "ci.lb", "ci.ub", "pi.lb", "pi.ub");
  for (size_t i = 0; i < m.predictions.size(); ++i) {
    const stats::Prediction& p = m.predictions[i];
    out += fmt::format("{:<24}{:>9.4f}{:>9.4f}{:>9.4f}{:>9.4f}{:>9.4f}{:>9.4f}\n",
                       fmt::format("{}", fmt::join(m.predict_at[i], ", ")), p.pred, p.se, p.ci_lb,
                       p.ci_ub, p.pi_lb, p.pi_ub);
  }
}

void AppendRegTest(const stats::RegTestResult& r, std::string& out) {
  out += "\nRegression Test for Funnel Plot Asymmetry (Egger; regtest)\n\n";
  out += "Model:     mixed-effects meta-regression model\nPredictor: standard error\n\n";
  const bool t = std::isfinite(r.ddf);
  out += fmt::format("Test for Funnel Plot Asymmetry: {} = {:.4f}{}, p = {:.4f}\n", t ? "t" : "z",
                     r.zval, t ? fmt::format(", df = {:g}", r.ddf) : "", r.pval);
  out += fmt::format("Limit Estimate (as sei -> 0):   b = {:.4f} (CI: {:.4f}, {:.4f})\n",
                     r.limit_estimate, r.limit_ci_lb, r.limit_ci_ub);
}

void AppendTrimFill(const stats::TrimFillResult& t, std::string& out) {
  const stats::RmaResult& fit = t.fit;
  out += fmt::format(
      "\nTrim-and-fill (estimator L0)\n\nEstimated number of missing studies on the "
      "{} side: {} (SE = {:.4f})\n\n",
      t.side == stats::FunnelSide::kLeft ? "left" : "right", t.k0, t.se_k0);
  out += FallbackNote(fit, "the trim-and-fill refit");
  out += fmt::format("Random-Effects Model (k = {}; tau^2 estimator: {})\n\n", fit.k,
                     stats::Tau2MethodName(fit.options.method));
  out += fmt::format("tau^2 (estimated amount of total heterogeneity): {:.4f} (SE = {:.4f})\n",
                     fit.tau2, fit.se_tau2);
  out += fmt::format("I^2 (total heterogeneity / total variability):   {:.2f}%\n\n", fit.i2);
  out += fmt::format("Test for Heterogeneity:\nQ(df = {:g}) = {:.4f}, {}\n\n", fit.qe_df, fit.qe,
                     PText(fit.qe_p));
  out +=
      fmt::format("{:>9}{:>9}{:>9}{:>9}{:>9}{:>9}\n{:>9.4f}{:>9.4f}{:>9.4f}{:>9}{:>9.4f}{:>9.4f}\n",
                  "estimate", "se", StatName(fit), "pval", "ci.lb", "ci.ub", fit.estimate[0],
                  fit.se[0], fit.zval[0], PValue(fit.pval[0]), fit.ci_lb[0], fit.ci_ub[0]);
}

std::string Bound(double value, stats::BoundQualifier q, bool lower) {
  const char* sign = q == stats::BoundQualifier::kExact ? "" : (lower ? "<" : ">");
  return fmt::format("{}{:.4f}", sign, value);
}

void AppendConfint(const stats::HeterogeneityConfint& c, std::string& out) {
  out += "\nQ-profile confidence intervals (confint):\n\n";
  out += fmt::format("{:<8}{:>10}{:>10}{:>10}\n", "", "estimate", "ci.lb", "ci.ub");
  const std::pair<const char*, const stats::Interval*> rows[] = {
      {"tau^2", &c.tau2}, {"tau", &c.tau}, {"I^2(%)", &c.i2}, {"H^2", &c.h2}};
  for (const auto& [name, interval] : rows) {
    out += fmt::format("{:<8}{:>10.4f}{:>10}{:>10}\n", name, interval->estimate,
                       Bound(interval->ci_lb, c.lb_sign, true),
                       Bound(interval->ci_ub, c.ub_sign, false));
  }
}

void AppendInfluence(const std::vector<LabelledInfluence>& rows, std::string& out) {
  out += "\nInfluence diagnostics (influence), * = influential by metafor's rules:\n\n";
  out += fmt::format("{:<24}{:>9}{:>8}{:>8}{:>8}{:>9}{:>9}{:>8}{:>8}{:>8}{:>4}\n", "", "rstudent",
                     "dffits", "cook.d", "cov.r", "tau2.del", "QE.del", "hat", "weight", "dfbs",
                     "inf");
  for (const LabelledInfluence& r : rows) {
    const stats::InfluenceRow& i = r.row;
    out += fmt::format(
        "{:<24.24}{:>9.4f}{:>8.4f}{:>8.4f}{:>8.4f}{:>9.4f}{:>9.4f}{:>8.4f}{:>8.4f}{:>8.4f}{:>4}\n",
        r.label, i.rstudent, i.dffits, i.cook_d, i.cov_r, i.tau2_del, i.qe_del, i.hat, i.weight,
        i.dfbetas, i.influential ? "*" : "");
  }
}

std::string Optional(const std::optional<double>& value) {
  return value ? fmt::format("{:.4f}", *value) : "NA";
}

}  // namespace

std::string FallbackNote(const stats::RmaResult& fit, const std::string& what) {
  if (fit.solver != stats::Tau2Solver::kSafeguarded) return "";
  return fmt::format(
      "note: Fisher scoring did not converge for {}; the safeguarded optimiser "
      "found the {} optimum\n\n",
      what, stats::Tau2MethodName(fit.options.method));
}

void AppendTablesText(const TablePooling& t, std::string& out) {
  const stats::TablePoolResult& r = t.result;
  const bool ratio = t.measure != "RD";
  out += fmt::format("{} Fixed-Effects Model (k = {})\n\n",
                     t.method == "MH" ? "Mantel-Haenszel" : "Peto", r.k);
  out += fmt::format("I^2 (total heterogeneity / total variability):  {:.2f}%\n", r.i2);
  out += fmt::format("H^2 (total variability / sampling variability): {:.2f}\n\n", r.h2);
  out += fmt::format("Test for Heterogeneity:\nQ(df = {}) = {:.4f}, {}\n\n", r.k_yi - 1, r.qe,
                     PText(r.qe_p));
  out +=
      fmt::format("Model Results{}:\n\n{:>9}{:>9}{:>9}{:>9}{:>9}{:>9}\n",
                  ratio ? " (log scale)" : "", "estimate", "se", "zval", "pval", "ci.lb", "ci.ub");
  out += fmt::format("{:>9}{:>9}{:>9}{:>9}{:>9}{:>9}\n", Optional(r.estimate), Optional(r.se),
                     Optional(r.zval), r.pval ? PValue(*r.pval) : "NA", Optional(r.ci_lb),
                     Optional(r.ci_ub));
  if (ratio && r.estimate) {
    out += fmt::format("\nModel Results ({} scale):\n\n{:>9}{:>9}{:>9}\n{:>9.4f}{:>9.4f}{:>9.4f}\n",
                       t.measure, "estimate", "ci.lb", "ci.ub", std::exp(*r.estimate),
                       std::exp(*r.ci_lb), std::exp(*r.ci_ub));
  }
  if (r.cmh) {
    out += fmt::format("\nCochran-Mantel-Haenszel Test:    CMH = {:.4f}, df = 1, {}\n",
                       r.cmh->statistic, PText(r.cmh->pval));
  }
  if (r.tarone) {
    out += fmt::format("Tarone's Test for Heterogeneity: X^2 = {:.4f}, df = {}, {}\n",
                       r.tarone->statistic, r.k - 1, PText(r.tarone->pval));
  }
}

void AppendModeratorTestText(const ModeratorTest& test, std::string& out) {
  const stats::RmaResult& fit = test.fit;
  out += fmt::format(
      "Mixed-effects moderator test, common tau^2 (QM; rma(mods = ~ {})): QM(df = {:g}) = "
      "{:.4f}, {}; tau^2 = {:.4f}\n",
      test.column, fit.qm_df1, fit.qm, PText(fit.qm_p), fit.tau2);
  out += FallbackNote(fit, "the moderator test");
}

void AppendText(const MetaResult& result, std::string& out) {
  const MetaAnalysesResult& a = result.analyses;
  const std::string stat = StatName(result.overall.fit);
  if (a.leave1out) {
    out += "\nLeave-one-out analysis (leave1out), each row without that study:\n\n";
    AppendSubsetTable(*a.leave1out, stat, out);
  }
  if (a.cumulative) {
    out += fmt::format("\nCumulative meta-analysis (cumul), ordered by {}:\n\n",
                       a.cumulative_order.empty() ? "input order" : a.cumulative_order);
    AppendSubsetTable(*a.cumulative, stat, out);
  }
  if (a.regression) AppendRegression(*a.regression, out);
  if (a.regtest) AppendRegTest(*a.regtest, out);
  if (a.trimfill) AppendTrimFill(*a.trimfill, out);
  if (a.confint) AppendConfint(*a.confint, out);
  if (a.influence) AppendInfluence(*a.influence, out);
}

}  // namespace refract::meta_analyses
