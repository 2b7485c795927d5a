#include "meta_command.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <optional>
#include <string>

#include "cli_common.h"
#include "meta_analyses_options.h"
#include "record_input.h"
#include "refract/engine/engine.h"
#include "refract/engine/meta_output.h"
#include "refract/evidence/funnel.h"
#include "refract/io/text_file.h"
#include "refract/report/forest_svg.h"
#include "refract/report/funnel_svg.h"

namespace refract::cli {
namespace {

struct MetaOptions {
  std::string file;
  std::string metapsy;
  std::string measure = "SMD";
  std::string method = "REML";
  bool knha = false;
  std::string by;
  bool json = false;
  bool rows = false;
  std::string forest;
  std::string funnel;
  std::string title;
  std::string favours;  // "LEFT|RIGHT"
  bool lower_is_better = false;
  std::string sep = ",";
  std::string decimal = ".";
  std::string dependency = "independent";
  bool one_per_study = false;
  double rho = 0.5;
  std::optional<double> min_rob;
  double level = 95;
  std::shared_ptr<MetaAnalysisOptions> analyses = std::make_shared<MetaAnalysisOptions>();
};

// Usage errors that CLI11's own checks cannot express; empty when the options are consistent.
std::string UsageError(const MetaOptions& o) {
  if (o.file.empty() == o.metapsy.empty()) return "give exactly one of FILE or --metapsy FILE";
  if (!o.metapsy.empty() && o.measure != "SMD") {
    return "--metapsy data are Hedges' g: --measure must be SMD";
  }
  if (o.sep.size() != 1) return "--sep must be a single character";
  if (!o.favours.empty() && std::count(o.favours.begin(), o.favours.end(), '|') != 1) {
    return "--favours must be two labels separated by '|', e.g. \"Favours CBT|Favours control\"";
  }
  if (!o.metapsy.empty() && o.lower_is_better) {
    return "--lower-is-better is for CSV input: Metapsy's g is already positive when it favours "
           "arm 1";
  }
  if (o.one_per_study && o.dependency == "three-level") {
    return "--one-per-study and --dependency three-level exclude each other";
  }
  if (o.min_rob && !o.metapsy.empty() && (*o.min_rob < 0 || *o.min_rob > 4)) {
    return "--min-rob must be between 0 and 4 for Metapsy's rob score";
  }
  if (auto analyses = ParseMetaAnalysisOptions(*o.analyses); !analyses.ok()) {
    return analyses.status().message();
  }
  return "";
}

MetaRequest RequestFor(const MetaOptions& o, std::string text) {
  MetaRequest request;
  request.format = o.metapsy.empty() ? MetaFormat::kCsv : MetaFormat::kMetapsy;
  request.text = std::move(text);
  request.measure = o.measure;
  request.method = o.method;
  request.knha = o.knha;
  request.by = o.by;
  request.separator = o.sep[0];
  request.decimal_mark = o.decimal[0];
  // CLI11 has checked the name against kMetaDependencies.
  if (StatusOr<MetaDependency> d = ParseMetaDependency(o.dependency); d.ok())
    request.dependency = *d;
  request.one_per_study = o.one_per_study;
  request.rho = o.rho;
  request.min_rob = o.min_rob;
  request.level = o.level;
  request.lower_is_better = o.lower_is_better;
  if (auto analyses = ParseMetaAnalysisOptions(*o.analyses); analyses.ok()) {
    request.analyses = std::move(*analyses);
  }
  return request;
}

// Reads the input file and pools it through the engine; errors are prefixed with the path.
StatusOr<MetaReport> Analyse(const MetaOptions& o) {
  const std::string& path = o.metapsy.empty() ? o.file : o.metapsy;
  StatusOr<std::string> text = ReadTextFile(path);
  if (!text.ok()) return Status::NotFound(path + ": cannot open file");
  StatusOr<Engine> engine = LoadEngine("");
  if (!engine.ok()) return engine.status();
  StatusOr<MetaResult> result = engine->Meta(RequestFor(o, std::move(*text)));
  if (!result.ok()) {
    if (!result.status().details().empty()) return result.status();
    return result.status().WithPrefix(path + ": ");
  }
  return MetaReport{std::move(*result), path, o.rows};
}

std::string AxisLabel(const MetaReport& report) {
  if (!report.log_ratio) return report.measure_label;
  return report.measure == "OR" ? "Odds Ratio" : "Risk Ratio";
}

// The plot's sign convention (the engine's: positive favours arm 1) and its default labels.
void SetConvention(const MetaOptions& o, const MetaReport& report, evidence::ForestData& forest) {
  const bool metapsy = report.format == "metapsy";
  std::string null_value = report.log_ratio ? "1" : "0";
  forest.favours_left = metapsy ? "Favours control" : "Favours arm 2";
  forest.favours_right = metapsy ? "Favours psychotherapy" : "Favours arm 1";
  if (!o.favours.empty()) {
    size_t bar = o.favours.find('|');
    forest.favours_left = o.favours.substr(0, bar);
    forest.favours_right = o.favours.substr(bar + 1);
  }
  forest.convention =
      metapsy ? "Sign convention: values above 0 favour arm 1 (psychotherapy): Metapsy's g, "
                "fewer symptoms than the control."
      : report.negated
          ? "Sign convention: values above " + null_value +
                " favour arm 1: effects of arm 1 vs arm 2 negated (outcome where lower is better)."
          : "Sign convention: values above " + null_value +
                " favour arm 1: effects of arm 1 vs arm 2 (outcome where higher is better).";
}

std::string TitleOf(const MetaOptions& o, const MetaReport& report) {
  return o.title.empty() ? fmt::format("{} ({})", report.source, report.measure) : o.title;
}

Status WriteFile(const std::string& path, const std::string& content, const char* what) {
  std::ofstream out(path, std::ios::binary);
  out << content;
  if (!out) return Status::InvalidArgument(path + ": cannot write the " + what);
  return Status::Ok();
}

Status WriteForest(const MetaOptions& o, const MetaReport& report) {
  evidence::ForestData forest =
      report.subgroups
          ? evidence::MakeSubgroupForestData(*report.subgroups, report.overall, report.records,
                                             AxisLabel(report), TitleOf(o, report))
          : evidence::MakeForestData(report.overall, report.records, AxisLabel(report),
                                     TitleOf(o, report));
  SetConvention(o, report, forest);
  return WriteFile(o.forest, report::RenderForestSvg(forest, {.exponentiate = report.log_ratio}),
                   "forest plot");
}

// The funnel plot; with --trimfill (an analysis the engine ran) the imputed studies are hollow.
Status WriteFunnel(const MetaOptions& o, const MetaReport& report) {
  evidence::FunnelData funnel =
      evidence::MakeFunnelData(report.overall, report.records, report.analyses.trimfill,
                               report.measure_label, TitleOf(o, report));
  return WriteFile(o.funnel, report::RenderFunnelSvg(funnel), "funnel plot");
}

// The requested plots, after the report was printed.
Status WritePlots(const MetaOptions& o, const MetaReport& report) {
  if (!o.forest.empty()) {
    if (Status s = WriteForest(o, report); !s.ok()) return s;
  }
  if (!o.funnel.empty()) return WriteFunnel(o, report);
  return Status::Ok();
}

int Run(const MetaOptions& o) {
  if (std::string usage = UsageError(o); !usage.empty()) {
    fmt::print(stderr, "refract meta: {}\n", usage);
    return kExitUsage;
  }
  StatusOr<MetaReport> report = Analyse(o);
  if (!report.ok()) {
    fmt::print(stderr, "refract meta: {}\n", MetaErrorMessage(report.status()));
    return report.status().details().empty() ? kExitInvalidInput : kExitUsage;
  }
  if (o.json) {
    std::ios::sync_with_stdio(false);
    WriteMetaJson(*report, std::cout);
    std::cout.flush();
  } else {
    fmt::print("{}", RenderMetaText(*report));
  }
  if (Status s = WritePlots(o, *report); !s.ok()) {
    fmt::print(stderr, "refract meta: {}\n", s.message());
    return kExitInvalidInput;
  }
  return kExitOk;
}

// Sorted, as CLI11 lists them in its usage error.
std::vector<std::string> MethodNames() {
  std::vector<std::string> names(std::begin(kMetaMethods), std::end(kMetaMethods));
  names.insert(names.end(), {"MH", "PETO"});
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

void AddMetaCommand(CLI::App& app, int* exit_code) {
  auto options = std::make_shared<MetaOptions>();
  CLI::App* cmd = app.add_subcommand(
      "meta",
      "Meta-analysis of study-level effects (CSV, see docs/meta-csv.md) or of Metapsy data");
  cmd->add_option("file", options->file, "study-level CSV file");
  cmd->add_option("--metapsy", options->metapsy, "Metapsy database CSV (semicolon, decimal comma)");
  cmd->add_option("--measure", options->measure, "effect measure (default SMD)")
      ->check(CLI::IsMember({"SMD", "MD", "RR", "OR", "RD", "ZCOR", "GEN"}));
  cmd->add_option("--method", options->method,
                  "tau^2 estimator, FE for a fixed-effect model; MH or PETO for 2x2 tables")
      ->check(CLI::IsMember(MethodNames()));
  cmd->add_flag("--knha", options->knha, "Knapp-Hartung (Sidik-Jonkman) t-based inference");
  cmd->add_option("--by", options->by, "pool separately by the values of this column");
  cmd->add_flag("--json", options->json, "JSON output (docs/meta-csv.md)");
  cmd->add_flag("--rows", options->rows, "JSON: include every pooled row (label, yi, vi, weight)");
  cmd->add_option("--forest", options->forest, "write an SVG forest plot to this file");
  cmd->add_option("--funnel", options->funnel,
                  "write an SVG contour-enhanced funnel plot to this file");
  cmd->add_option("--title", options->title, "title of the plots (default: file and measure)");
  cmd->add_option(
      "--favours", options->favours,
      "forest plot labels left|right of the null, e.g. \"Favours CBT|Favours control\"");
  cmd->add_flag(
      "--lower-is-better", options->lower_is_better,
      "CSV: negate effects so that positive favours arm 1 (symptom scores, adverse events)");
  cmd->add_option("--sep", options->sep, "CSV field separator (default ',')");
  cmd->add_option("--decimal", options->decimal, "decimal mark of the CSV (default '.')")
      ->check(CLI::IsMember({".", ","}));
  cmd->add_option("--dependency", options->dependency,
                  "effects of one study: independent (default), one-per-study, three-level")
      ->check(CLI::IsMember(
          std::vector<std::string>(std::begin(kMetaDependencies), std::end(kMetaDependencies))));
  cmd->add_flag(
      "--one-per-study", options->one_per_study,
      "sensitivity: average the effects within each study (= --dependency one-per-study)");
  cmd->add_option("--rho", options->rho, "assumed correlation of effects within a study (0.5)")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--min-rob", options->min_rob,
                  "sensitivity: keep rows whose 'rob' column is >= this (Metapsy: 3)");
  cmd->add_option("--level", options->level, "confidence level in % (default 95)")
      ->check(CLI::Range(50.0, 99.99));
  AddMetaAnalysisOptions(*cmd, options->analyses);
  cmd->callback([options, exit_code] { *exit_code = Run(*options); });
}

}  // namespace refract::cli
