#include "refract/engine/meta_output.h"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

#include "meta_analyses_internal.h"
#include "meta_dependency_json.h"

namespace refract {
namespace {

using nlohmann::json;

// metafor's p-value style: "<.0001" below 1e-4.
std::string PValue(double p) {
  if (std::isnan(p)) return "NA";
  return p < 1e-4 ? "<.0001" : fmt::format("{:.4f}", p);
}

std::string PText(double p) { return p < 1e-4 ? "p-val < .0001" : "p-val = " + PValue(p); }

bool IsKnha(const stats::RmaResult& fit) { return fit.options.test == stats::TestType::kKnha; }

std::string ModelHeading(const stats::RmaResult& fit) {
  if (fit.options.method == stats::Tau2Method::kFe) {
    return fmt::format("Fixed-Effects Model (k = {})", fit.k);
  }
  return fmt::format("Random-Effects Model (k = {}; tau^2 estimator: {})", fit.k,
                     stats::Tau2MethodName(fit.options.method));
}

void AppendHeterogeneity(const stats::RmaResult& fit, std::string& out) {
  if (fit.options.method != stats::Tau2Method::kFe) {
    out += fmt::format("tau^2 (estimated amount of total heterogeneity): {:.4f} (SE = {:.4f})\n",
                       fit.tau2, fit.se_tau2);
    out += fmt::format("tau (square root of estimated tau^2 value):      {:.4f}\n", fit.tau);
  }
  out += fmt::format("I^2 (total heterogeneity / total variability):   {:.2f}%\n", fit.i2);
  out += fmt::format("H^2 (total variability / sampling variability):  {:.2f}\n\n", fit.h2);
  out += fmt::format("Test for Heterogeneity:\nQ(df = {}) = {:.4f}, {}\n\n", fit.qe_df, fit.qe,
                     PText(fit.qe_p));
}

void AppendModelResults(const MetaReport& report, const evidence::PooledEstimate& pooled,
                        std::string& out) {
  const stats::RmaResult& fit = pooled.fit;
  out += "Model Results:\n\n";
  if (IsKnha(fit)) {
    out += fmt::format("{:>9}{:>9}{:>9}{:>6}{:>9}{:>9}{:>9}\n", "estimate", "se", "tval", "df",
                       "pval", "ci.lb", "ci.ub");
    out += fmt::format("{:>9.4f}{:>9.4f}{:>9.4f}{:>6g}{:>9}{:>9.4f}{:>9.4f}\n\n", fit.estimate[0],
                       fit.se[0], fit.zval[0], fit.ddf, PValue(fit.pval[0]), fit.ci_lb[0],
                       fit.ci_ub[0]);
  } else {
    out += fmt::format("{:>9}{:>9}{:>9}{:>9}{:>9}{:>9}\n", "estimate", "se", "zval", "pval",
                       "ci.lb", "ci.ub");
    out += fmt::format("{:>9.4f}{:>9.4f}{:>9.4f}{:>9}{:>9.4f}{:>9.4f}\n\n", fit.estimate[0],
                       fit.se[0], fit.zval[0], PValue(fit.pval[0]), fit.ci_lb[0], fit.ci_ub[0]);
  }
  const stats::Prediction& p = pooled.prediction;
  out += fmt::format("Prediction interval: [{:.4f}, {:.4f}]\n", p.pi_lb, p.pi_ub);
  if (report.log_ratio) {
    out += fmt::format("Exponentiated ({}): {:.4f} [{:.4f}, {:.4f}], PI [{:.4f}, {:.4f}]\n",
                       report.measure, std::exp(p.pred), std::exp(p.ci_lb), std::exp(p.ci_ub),
                       std::exp(p.pi_lb), std::exp(p.pi_ub));
  }
}

void AppendSubgroups(const evidence::SubgroupAnalysis& analysis, std::string& out) {
  out += fmt::format("\nSubgroups by {} (each with its own tau^2):\n\n", analysis.column);
  out += fmt::format("{:<16}{:>5}{:>8}{:>9}{:>9}{:>9}{:>9}{:>9}{:>8}{:>9}\n", "group", "k",
                     "studies", "estimate", "ci.lb", "ci.ub", "pi.lb", "pi.ub", "I^2", "tau^2");
  for (const evidence::SubgroupResult& g : analysis.groups) {
    if (!g.pooled) {
      out += fmt::format("{:<16}  not pooled: {}\n", g.group, g.error);
      continue;
    }
    const stats::RmaResult& fit = g.pooled->fit;
    const stats::Prediction& p = g.pooled->prediction;
    out +=
        fmt::format("{:<16}{:>5}{:>8}{:>9.4f}{:>9.4f}{:>9.4f}{:>9.4f}{:>9.4f}{:>7.1f}%{:>9.4f}\n",
                    g.group, g.pooled->k, g.pooled->studies, fit.estimate[0], fit.ci_lb[0],
                    fit.ci_ub[0], p.pi_lb, p.pi_ub, fit.i2, fit.tau2);
  }
  if (analysis.q_between) {
    out += fmt::format(
        "\nTest for subgroup differences, separate tau^2 (Q_between): Q(df = {:g}) = {:.4f}, {}\n",
        *analysis.q_between_df, *analysis.q_between, PText(*analysis.q_between_p));
  }
  for (const evidence::SubgroupResult& g : analysis.groups) {
    if (g.pooled) out += meta_analyses::FallbackNote(g.pooled->fit, "subgroup " + g.group);
  }
}

json Number(double value) { return std::isfinite(value) ? json(value) : json(nullptr); }

json PooledJson(const evidence::PooledEstimate& pooled, bool log_ratio) {
  const stats::RmaResult& fit = pooled.fit;
  const stats::Prediction& p = pooled.prediction;
  json out = {{"k", pooled.k},
              {"studies", pooled.studies},
              {"estimate", Number(fit.estimate[0])},
              {"se", Number(fit.se[0])},
              {"zval", Number(fit.zval[0])},
              {"pval", Number(fit.pval[0])},
              {"ci_lb", Number(fit.ci_lb[0])},
              {"ci_ub", Number(fit.ci_ub[0])},
              {"pi_lb", Number(p.pi_lb)},
              {"pi_ub", Number(p.pi_ub)},
              {"tau2", Number(fit.tau2)},
              {"tau", Number(fit.tau)},
              {"se_tau2", Number(fit.se_tau2)},
              {"i2", Number(fit.i2)},
              {"h2", Number(fit.h2)},
              {"qe", Number(fit.qe)},
              {"qe_df", Number(fit.qe_df)},
              {"qe_p", Number(fit.qe_p)},
              {"ddf", Number(fit.ddf)}};
  out.update(meta_analyses::SolverJson(fit));
  if (log_ratio) {
    out["exp"] = {{"estimate", std::exp(p.pred)},
                  {"ci_lb", std::exp(p.ci_lb)},
                  {"ci_ub", std::exp(p.ci_ub)},
                  {"pi_lb", std::exp(p.pi_lb)},
                  {"pi_ub", std::exp(p.pi_ub)}};
  }
  return out;
}

// `text` with every line after the first indented by `indent` spaces.
std::string Indented(const std::string& text, int indent) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    out += c;
    if (c == '\n') out.append(static_cast<size_t>(indent), ' ');
  }
  return out;
}

// "rows": one compact object per line, written as they are formatted (no tree of all rows).
void WriteRows(const MetaReport& report, const evidence::PooledEstimate& pooled, int indent,
               std::ostream& out) {
  const std::string pad(static_cast<size_t>(indent), ' ');
  out << ",\n" << pad << "\"rows\": [";
  for (size_t i = 0; i < pooled.rows.size(); ++i) {
    const evidence::EffectRecord& r = report.records[pooled.rows[i]];
    json row = {{"label", r.label},
                {"study", r.study},
                {"line", r.line},
                {"yi", r.yi},
                {"vi", r.vi},
                {"weight_pct", Number(pooled.fit.weights_pct[i])},
                {"source", r.source == evidence::EffectSource::kGiven ? "given" : "computed"}};
    out << (i == 0 ? "\n" : ",\n") << pad << "  " << row.dump();
  }
  out << (pooled.rows.empty() ? "]" : "\n" + pad + "]");
}

// One pooled estimate as a JSON object at `indent`, with its rows when the report asks for them.
void WritePooled(const MetaReport& report, const evidence::PooledEstimate& pooled, json extra,
                 int indent, std::ostream& out) {
  json summary = PooledJson(pooled, report.log_ratio);
  summary.update(extra);
  std::string text = Indented(summary.dump(2), indent);
  text.pop_back();  // the closing brace, reopened for the rows
  out << text;
  if (report.rows) WriteRows(report, pooled, indent + 2, out);
  out << "\n" << std::string(static_cast<size_t>(indent), ' ') << "}";
}

void WriteSubgroups(const MetaReport& report, const evidence::SubgroupAnalysis& analysis,
                    std::ostream& out) {
  out << ",\n  \"subgroups\": {\n    \"column\": " << json(analysis.column).dump();
  if (analysis.q_between) {
    json test = {{"label", "test for subgroup differences, separate tau^2 (Q_between)"},
                 {"q", *analysis.q_between},
                 {"df", *analysis.q_between_df},
                 {"p", *analysis.q_between_p}};
    out << ",\n    \"test_of_differences\": " << test.dump();
  }
  if (report.analyses.subgroup_moderator_test) {
    json test = meta_analyses::ModeratorTestJson(*report.analyses.subgroup_moderator_test);
    out << ",\n    \"moderator_test\": " << test.dump();
  }
  out << ",\n    \"groups\": [";
  for (size_t i = 0; i < analysis.groups.size(); ++i) {
    const evidence::SubgroupResult& g = analysis.groups[i];
    out << (i == 0 ? "\n      " : ",\n      ");
    if (g.pooled) {
      WritePooled(report, *g.pooled, {{"group", g.group}}, 6, out);
    } else {
      out << json{{"group", g.group}, {"error", g.error}}.dump();
    }
  }
  out << "\n    ]\n  }";
}

// The further analyses ("leave1out", "trimfill", "tables", ...), one member each, formatted whole:
// the largest hold one entry per pooled effect and are only computed when requested.
void WriteAnalyses(const MetaReport& report, std::ostream& out) {
  json analyses = json::object();
  meta_analyses::AddJson(report, analyses);
  for (const auto& [name, value] : analyses.items()) {
    out << ",\n  " << json(name).dump() << ": " << Indented(value.dump(2), 2);
  }
}

}  // namespace

std::string RenderMetaText(const MetaReport& report) {
  std::string out =
      fmt::format("Meta-analysis of {} ({}, measure {}): {} effects given, {} computed",
                  report.source, report.format, report.measure, report.given, report.computed);
  out += report.skipped.empty() ? "\n" : fmt::format(", {} rows skipped\n", report.skipped.size());
  for (const std::string& skipped : report.skipped) out += "  skipped " + skipped + "\n";
  if (report.negated) {
    out += "Effects negated (outcome where lower is better): positive favours arm 1\n";
  }
  if (report.min_rob) out += fmt::format("Sensitivity: only rob >= {:g}\n", *report.min_rob);
  if (report.rho)
    out += fmt::format("Sensitivity: one effect per study (rho = {:g})\n", *report.rho);
  out += RenderDependencyText(report.dependency);
  if (report.analyses.tables) {
    out += "\n";
    meta_analyses::AppendTablesText(*report.analyses.tables, out);
    return out;
  }
  out += "\n" + ModelHeading(report.overall.fit) + "\n\n";
  out += meta_analyses::FallbackNote(report.overall.fit, "the pooled model");
  AppendHeterogeneity(report.overall.fit, out);
  AppendModelResults(report, report.overall, out);
  if (report.subgroups) AppendSubgroups(*report.subgroups, out);
  if (report.analyses.subgroup_moderator_test) {
    meta_analyses::AppendModeratorTestText(*report.analyses.subgroup_moderator_test, out);
  }
  meta_analyses::AppendText(report, out);
  return out;
}

void WriteMetaJson(const MetaReport& report, std::ostream& out) {
  const stats::RmaResult& fit = report.overall.fit;
  json head = {
      {"input",
       {{"file", report.source},
        {"format", report.format},
        {"measure", report.measure},
        {"given", report.given},
        {"computed", report.computed},
        {"negated", report.negated},
        {"skipped", report.skipped}}},
      {"model",
       {{"method", stats::Tau2MethodName(fit.options.method)},
        {"test", IsKnha(fit) ? "knha" : "z"},
        {"level", fit.options.level}}},
      {"sensitivity",
       {{"min_rob", report.min_rob ? json(*report.min_rob) : json(nullptr)},
        {"one_per_study_rho", report.rho ? json(*report.rho) : json(nullptr)}}},
      {"dependency", DependencyJson(report.dependency)},
  };
  std::string text = head.dump(2);
  text.resize(text.size() - 2);  // "\n}": reopened for the pooled results
  out << text << ",\n  \"overall\": ";
  WritePooled(report, report.overall, json::object(), 2, out);
  if (report.subgroups) WriteSubgroups(report, *report.subgroups, out);
  WriteAnalyses(report, out);
  out << "\n}\n";
}

std::string RenderMetaJson(const MetaReport& report) {
  std::ostringstream out;
  WriteMetaJson(report, out);
  return out.str();
}

}  // namespace refract
