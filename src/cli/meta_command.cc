#include "meta_command.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <string>

#include "cli_common.h"
#include "record_input.h"
#include "refract/engine/engine.h"
#include "refract/engine/meta_output.h"
#include "refract/io/text_file.h"
#include "refract/report/forest_svg.h"

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
  std::string forest;
  std::string sep = ",";
  std::string decimal = ".";
  std::string dependency = "independent";
  bool one_per_study = false;
  double rho = 0.5;
  std::optional<double> min_rob;
  double level = 95;
};

// Usage errors that CLI11's own checks cannot express; empty when the options are consistent.
std::string UsageError(const MetaOptions& o) {
  if (o.file.empty() == o.metapsy.empty()) return "give exactly one of FILE or --metapsy FILE";
  if (!o.metapsy.empty() && o.measure != "SMD") {
    return "--metapsy data are Hedges' g: --measure must be SMD";
  }
  if (o.sep.size() != 1) return "--sep must be a single character";
  if (o.one_per_study && o.dependency == "three-level") {
    return "--one-per-study and --dependency three-level exclude each other";
  }
  if (o.min_rob && !o.metapsy.empty() && (*o.min_rob < 0 || *o.min_rob > 4)) {
    return "--min-rob must be between 0 and 4 for Metapsy's rob score";
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
  if (!result.ok()) return result.status().WithPrefix(path + ": ");
  return MetaReport{std::move(*result), path};
}

Status WriteForest(const MetaOptions& o, const MetaReport& report) {
  std::string axis = report.measure_label;
  if (report.log_ratio) axis = report.measure == "OR" ? "Odds Ratio" : "Risk Ratio";
  evidence::ForestData forest = evidence::MakeForestData(
      report.overall, axis, fmt::format("{} ({})", report.source, report.measure));
  std::string svg = report::RenderForestSvg(forest, {.exponentiate = report.log_ratio});
  std::ofstream out(o.forest, std::ios::binary);
  out << svg;
  if (!out) return Status::InvalidArgument(o.forest + ": cannot write the forest plot");
  return Status::Ok();
}

int Run(const MetaOptions& o) {
  if (std::string usage = UsageError(o); !usage.empty()) {
    fmt::print(stderr, "refract meta: {}\n", usage);
    return kExitUsage;
  }
  StatusOr<MetaReport> report = Analyse(o);
  if (!report.ok()) {
    fmt::print(stderr, "refract meta: {}\n", report.status().message());
    return kExitInvalidInput;
  }
  fmt::print("{}", o.json ? RenderMetaJson(*report) : RenderMetaText(*report));
  if (o.forest.empty()) return kExitOk;
  if (Status s = WriteForest(o, *report); !s.ok()) {
    fmt::print(stderr, "refract meta: {}\n", s.message());
    return kExitInvalidInput;
  }
  return kExitOk;
}

// Sorted, as CLI11 lists them in its usage error.
std::vector<std::string> MethodNames() {
  std::vector<std::string> names(std::begin(kMetaMethods), std::end(kMetaMethods));
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
  cmd->add_option("--method", options->method, "tau^2 estimator, FE for a fixed-effect model")
      ->check(CLI::IsMember(MethodNames()));
  cmd->add_flag("--knha", options->knha, "Knapp-Hartung (Sidik-Jonkman) t-based inference");
  cmd->add_option("--by", options->by, "pool separately by the values of this column");
  cmd->add_flag("--json", options->json, "JSON output (docs/meta-csv.md)");
  cmd->add_option("--forest", options->forest, "write an SVG forest plot to this file");
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
  cmd->callback([options, exit_code] { *exit_code = Run(*options); });
}

}  // namespace refract::cli
