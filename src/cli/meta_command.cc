#include "meta_command.h"

#include <fmt/format.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "cli_common.h"
#include "meta_output.h"
#include "refract/evidence/csv_reader.h"
#include "refract/evidence/meta_csv.h"
#include "refract/evidence/metapsy.h"
#include "refract/evidence/pooling.h"
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
  bool one_per_study = false;
  double rho = 0.5;
  std::optional<double> min_rob;
  double level = 95;
};

const std::map<std::string, stats::Tau2Method>& Methods() {
  static const std::map<std::string, stats::Tau2Method> kMethods = {
      {"FE", stats::Tau2Method::kFe}, {"DL", stats::Tau2Method::kDl},
      {"HE", stats::Tau2Method::kHe}, {"SJ", stats::Tau2Method::kSj},
      {"ML", stats::Tau2Method::kMl}, {"REML", stats::Tau2Method::kReml},
      {"EB", stats::Tau2Method::kEb}, {"PM", stats::Tau2Method::kPm}};
  return kMethods;
}

// Usage errors that CLI11's own checks cannot express; empty when the options are consistent.
std::string UsageError(const MetaOptions& o) {
  if (o.file.empty() == o.metapsy.empty()) return "give exactly one of FILE or --metapsy FILE";
  if (!o.metapsy.empty() && o.measure != "SMD") {
    return "--metapsy data are Hedges' g: --measure must be SMD";
  }
  if (o.sep.size() != 1) return "--sep must be a single character";
  if (o.min_rob && !o.metapsy.empty() && (*o.min_rob < 0 || *o.min_rob > 4)) {
    return "--min-rob must be between 0 and 4 for Metapsy's rob score";
  }
  return "";
}

StatusOr<MetaReport> LoadMetapsy(const MetaOptions& o, evidence::EffectRecords& records) {
  StatusOr<evidence::MetapsyData> data = evidence::LoadMetapsyFile(o.metapsy);
  if (!data.ok()) return data.status();
  records = std::move(data->comparisons);
  MetaReport report;
  report.source = o.metapsy;
  report.format = "metapsy";
  report.given = data->from_database;
  report.computed = data->recomputed;
  report.skipped = std::move(data->skipped);
  return report;
}

StatusOr<MetaReport> LoadCsv(const MetaOptions& o, evidence::EffectRecords& records) {
  StatusOr<evidence::MetaMeasure> measure = evidence::ParseMetaMeasure(o.measure);
  if (!measure.ok()) return measure.status();
  evidence::CsvDialect dialect{.delimiter = o.sep[0], .decimal_mark = o.decimal[0]};
  StatusOr<evidence::CsvTable> table = evidence::ReadCsvFile(o.file, dialect);
  if (!table.ok()) return table.status();
  StatusOr<evidence::MetaCsvData> data =
      evidence::MapMetaCsv(*table, *measure, dialect.decimal_mark);
  if (!data.ok()) return Status::InvalidArgument(o.file + ": " + data.status().message());
  records = std::move(data->records);
  MetaReport report;
  report.source = o.file;
  report.format = "csv";
  report.log_ratio = evidence::IsLogRatio(*measure);
  report.measure_label = evidence::MetaMeasureLabel(*measure);
  report.given = data->given;
  report.computed = data->computed;
  report.skipped = std::move(data->skipped);
  return report;
}

// Sensitivity filters, then the k >= 2 rule.
Status ApplySensitivity(const MetaOptions& o, MetaReport& report,
                        evidence::EffectRecords& records) {
  if (o.min_rob) {
    StatusOr<evidence::EffectRecords> kept = evidence::KeepAtLeast(records, "rob", *o.min_rob);
    if (!kept.ok()) return Status::InvalidArgument(report.source + ": " + kept.status().message());
    records = std::move(*kept);
    report.min_rob = o.min_rob;
  }
  if (o.one_per_study) {
    records = evidence::AverageWithinStudy(records, o.rho, o.by);
    report.rho = o.rho;
  }
  if (records.size() < 2) {
    return Status::InvalidArgument(
        fmt::format("{}: k = {} effect(s) to pool ({} row(s) without effect size data); a "
                    "meta-analysis needs k >= 2",
                    report.source, records.size(), report.skipped.size()));
  }
  return Status::Ok();
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

StatusOr<MetaReport> Analyse(const MetaOptions& o) {
  evidence::EffectRecords records;
  StatusOr<MetaReport> report = o.metapsy.empty() ? LoadCsv(o, records) : LoadMetapsy(o, records);
  if (!report.ok()) return report;
  report->measure = o.measure;
  if (!o.metapsy.empty()) report->measure_label = "Hedges' g";
  if (Status s = ApplySensitivity(o, *report, records); !s.ok()) return s;
  stats::RmaOptions options;
  options.method = Methods().at(o.method);
  options.test = o.knha ? stats::TestType::kKnha : stats::TestType::kZ;
  options.level = o.level / 100;
  StatusOr<evidence::PooledEstimate> overall = evidence::Pool(records, options);
  if (!overall.ok())
    return Status::InvalidArgument(report->source + ": " + overall.status().message());
  report->overall = std::move(*overall);
  if (!o.by.empty()) {
    StatusOr<evidence::SubgroupAnalysis> groups = evidence::PoolBySubgroup(records, o.by, options);
    if (!groups.ok())
      return Status::InvalidArgument(report->source + ": " + groups.status().message());
    report->subgroups = std::move(*groups);
  }
  return report;
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

std::vector<std::string> Keys(const std::map<std::string, stats::Tau2Method>& map) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : map) keys.push_back(key);
  return keys;
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
      ->check(CLI::IsMember(Keys(Methods())));
  cmd->add_flag("--knha", options->knha, "Knapp-Hartung (Sidik-Jonkman) t-based inference");
  cmd->add_option("--by", options->by, "pool separately by the values of this column");
  cmd->add_flag("--json", options->json, "JSON output (docs/meta-csv.md)");
  cmd->add_option("--forest", options->forest, "write an SVG forest plot to this file");
  cmd->add_option("--sep", options->sep, "CSV field separator (default ',')");
  cmd->add_option("--decimal", options->decimal, "decimal mark of the CSV (default '.')")
      ->check(CLI::IsMember({".", ","}));
  cmd->add_flag("--one-per-study", options->one_per_study,
                "sensitivity: average the effects within each study");
  cmd->add_option("--rho", options->rho, "assumed correlation of effects within a study (0.5)")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--min-rob", options->min_rob,
                  "sensitivity: keep rows whose 'rob' column is >= this (Metapsy: 3)");
  cmd->add_option("--level", options->level, "confidence level in % (default 95)")
      ->check(CLI::Range(50.0, 99.99));
  cmd->callback([options, exit_code] { *exit_code = Run(*options); });
}

}  // namespace refract::cli
