// RenderDependencyText (include/refract/engine/meta_dependency.h) and DependencyJson
// (meta_dependency_json.h): the dependency statement of every meta-analysis output.
#include <fmt/format.h>

#include <cmath>
#include <string>

#include "meta_dependency_json.h"
#include "refract/engine/meta_dependency.h"

namespace refract {
namespace {

using nlohmann::json;

json Number(double value) { return std::isfinite(value) ? json(value) : json(nullptr); }

std::string PValue(double p) {
  if (std::isnan(p)) return "NA";
  return p < 1e-4 ? "<.0001" : fmt::format("{:.4f}", p);
}

std::string Statement(const MetaDependencyResult& d) {
  switch (d.handling) {
    case MetaDependency::kOnePerStudy:
      return fmt::format(
          "one-per-study: the {} effects of {} studies averaged within each study (rho = {:g}) "
          "before pooling",
          d.effects, d.studies, d.rho.value_or(0));
    case MetaDependency::kThreeLevel:
      return fmt::format(
          "three-level: {} effects nested in {} studies (rma.mv, random = ~ 1 | study/es_id, "
          "REML); the models below treat effects as independent",
          d.effects, d.studies);
    case MetaDependency::kIndependent:
      break;
  }
  return fmt::format(
      "independent: {} effects from {} studies pooled as if independent{}", d.effects, d.studies,
      d.effects > d.studies ? " (see --dependency three-level | one-per-study)" : "");
}

std::string ThreeLevelText(const stats::ThreeLevelResult& r) {
  const bool t = r.options.test == stats::MvTest::kT;
  std::string out = fmt::format(
      "Three-Level Meta-Analysis Model (k = {}; studies = {}; method: REML; test: {})\n\n", r.k,
      r.clusters, t ? "t" : "z");
  out += "Variance Components:\n\n";
  out +=
      fmt::format("{:<11}{:>8}{:>8}{:>7}{:>9}  {}\n", "", "estim", "sqrt", "nlvls", "I^2", "level");
  out += fmt::format("{:<11}{:>8.4f}{:>8.4f}{:>7}{:>8.2f}%  between studies (study)\n", "sigma^2.1",
                     r.sigma2_between, std::sqrt(r.sigma2_between), r.clusters, r.i2_between);
  out += fmt::format("{:<11}{:>8.4f}{:>8.4f}{:>7}{:>8.2f}%  within studies (study/es_id)\n\n",
                     "sigma^2.2", r.sigma2_within, std::sqrt(r.sigma2_within), r.k, r.i2_within);
  out += fmt::format("I^2 (total): {:.2f}%; typical sampling variance {:.4f}\n", r.i2_total,
                     r.v_typical);
  out += fmt::format("Test for Heterogeneity:\nQ(df = {:g}) = {:.4f}, {}\n\n", r.qe_df, r.qe,
                     r.qe_p < 1e-4 ? "p-val < .0001" : "p-val = " + PValue(r.qe_p));
  out += fmt::format("{:>9}{:>9}{:>9}{}{:>9}{:>9}{:>9}{:>9}{:>9}\n", "estimate", "se",
                     t ? "tval" : "zval", t ? fmt::format("{:>6}", "df") : "", "pval", "ci.lb",
                     "ci.ub", "pi.lb", "pi.ub");
  out += fmt::format("{:>9.4f}{:>9.4f}{:>9.4f}{}{:>9}{:>9.4f}{:>9.4f}{:>9.4f}{:>9.4f}\n\n",
                     r.estimate, r.se, r.zval, t ? fmt::format("{:>6g}", r.ddf) : "",
                     PValue(r.pval), r.ci_lb, r.ci_ub, r.pi_lb, r.pi_ub);
  out += fmt::format("REML logLik {:.4f}, AIC {:.4f}; {} average-information iterations{}{}\n",
                     r.reml.ll, r.reml.aic, r.iterations,
                     r.step_halvings > 0 ? fmt::format(", {} step halvings", r.step_halvings) : "",
                     r.boundary ? "; a variance component is at its boundary (0)" : "");
  return out;
}

json ThreeLevelJson(const stats::ThreeLevelResult& r) {
  return {{"model", "rma.mv(yi, vi, random = ~ 1 | study/es_id, method = 'REML')"},
          {"test", r.options.test == stats::MvTest::kT ? "t" : "z"},
          {"k", r.k},
          {"studies", r.clusters},
          {"estimate", Number(r.estimate)},
          {"se", Number(r.se)},
          {"zval", Number(r.zval)},
          {"df", Number(r.ddf)},
          {"pval", Number(r.pval)},
          {"ci_lb", Number(r.ci_lb)},
          {"ci_ub", Number(r.ci_ub)},
          {"pi_lb", Number(r.pi_lb)},
          {"pi_ub", Number(r.pi_ub)},
          {"sigma2_between", Number(r.sigma2_between)},
          {"sigma2_within", Number(r.sigma2_within)},
          {"i2_total", Number(r.i2_total)},
          {"i2_between", Number(r.i2_between)},
          {"i2_within", Number(r.i2_within)},
          {"v_typical", Number(r.v_typical)},
          {"qe", Number(r.qe)},
          {"qe_df", Number(r.qe_df)},
          {"qe_p", Number(r.qe_p)},
          {"log_likelihood", Number(r.reml.ll)},
          {"aic", Number(r.reml.aic)},
          {"bic", Number(r.reml.bic)},
          {"aicc", Number(r.reml.aicc)},
          {"solver",
           {{"algorithm", "average-information REML"},
            {"iterations", r.iterations},
            {"converged", r.converged},
            {"step_halvings", r.step_halvings},
            {"boundary", r.boundary}}}};
}

}  // namespace

std::string RenderDependencyText(const MetaDependencyResult& dependency) {
  std::string out = "Dependency: " + Statement(dependency) + "\n";
  if (dependency.three_level) out += "\n" + ThreeLevelText(*dependency.three_level);
  return out;
}

json DependencyJson(const MetaDependencyResult& d) {
  json out = {{"handling", MetaDependencyName(d.handling)},
              {"effects", d.effects},
              {"studies", d.studies},
              {"rho", d.rho ? json(*d.rho) : json(nullptr)}};
  out["three_level"] = d.three_level ? ThreeLevelJson(*d.three_level) : json(nullptr);
  return out;
}

}  // namespace refract
