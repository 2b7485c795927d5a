#include "cohort_command.h"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>
#include <thread>

#include "cli_common.h"
#include "record_input.h"
#include "refract/io/text_file.h"
#include "refract/omop/cohort_output.h"
#include "refract/omop/csv_source.h"
#include "refract/omop/postgres_results.h"
#include "refract/omop/postgres_source.h"

namespace refract::cli {
namespace {

struct CohortOptions {
  std::string source;
  std::string rule = "both";
  std::string out;
  std::string report;
  std::string chart;
  std::string mapping;
  std::string run_id = "default";
  int threads = 0;
  bool markowitz_retrospective = false;
};

// A file written under a temporary name and renamed into place on Commit, so that a failed run
// leaves nothing half-written.
class AtomicFile {
 public:
  explicit AtomicFile(std::string path) : path_(std::move(path)), temp_(path_ + ".partial") {
    if (!path_.empty()) stream_.open(temp_, std::ios::binary);
  }
  ~AtomicFile() {
    if (!committed_ && !path_.empty()) {
      stream_.close();
      std::filesystem::remove(temp_);
    }
  }
  bool ok() const { return path_.empty() || static_cast<bool>(stream_); }
  std::ofstream& stream() { return stream_; }
  Status Commit() {
    if (path_.empty()) return Status::Ok();
    stream_.close();
    if (!stream_) return Status::InvalidArgument(path_ + ": cannot write");
    std::filesystem::rename(temp_, path_);
    committed_ = true;
    return Status::Ok();
  }

 private:
  std::string path_;
  std::string temp_;
  std::ofstream stream_;
  bool committed_ = false;
};

bool EndsWith(const std::string& text, std::string_view suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string UsageError(const CohortOptions& o) {
  if (!(o.source.starts_with("csv:") && o.source.size() > 4) &&
      !(o.source.starts_with("postgres:") && o.source.size() > 9))
    return "--source must be csv:DIR (a directory of OMOP CDM CSV files) or postgres:URI";
  if (!o.out.empty() && !o.out.starts_with("postgres:") && !EndsWith(o.out, ".ndjson") &&
      !EndsWith(o.out, ".csv"))
    return "--out must end in .ndjson or .csv, or be postgres:URI";
  if (!o.report.empty() && !EndsWith(o.report, ".md") && !EndsWith(o.report, ".json"))
    return "--report must end in .md or .json";
  return "";
}

std::vector<omop::OutcomeRule> RulesFor(const std::string& rule) {
  if (rule == "scores") return {omop::OutcomeRule::kScores};
  if (rule == "treatment-sequence") return {omop::OutcomeRule::kTreatmentSequence};
  return {omop::OutcomeRule::kScores, omop::OutcomeRule::kTreatmentSequence};
}

StatusOr<omop::OmopMapping> LoadMapping(const std::string& path) {
  if (path.empty()) return omop::ParseOmopMapping(EmbeddedOmopMappingText());
  StatusOr<std::string> text = ReadTextFile(path);
  if (!text.ok()) return Status::NotFound(path + ": cannot open file");
  StatusOr<omop::OmopMapping> mapping = omop::ParseOmopMapping(*text);
  if (!mapping.ok()) return mapping.status().WithPrefix(path + ": ");
  return mapping;
}

StatusOr<std::unique_ptr<omop::PersonSource>> OpenSource(const std::string& source) {
  if (source.starts_with("csv:")) return omop::OpenCsvSource(source.substr(4));
  StatusOr<omop::PostgresSpec> spec = omop::ParsePostgresSpec(source.substr(9));
  if (!spec.ok()) return spec.status();
  return omop::OpenPostgresSource(*spec);
}

// The results table writer for --out postgres:URI[?schema=NAME] (default schema "results").
StatusOr<std::unique_ptr<omop::PostgresResultsWriter>> OpenResultsTable(const CohortOptions& o) {
  if (!o.out.starts_with("postgres:")) return std::unique_ptr<omop::PostgresResultsWriter>();
  StatusOr<omop::PostgresSpec> spec = omop::ParsePostgresSpec(o.out.substr(9), "results");
  if (!spec.ok()) return spec.status();
  return omop::PostgresResultsWriter::Open(*spec, o.run_id);
}

Status Run(const CohortOptions& o) {
  StatusOr<omop::OmopMapping> mapping = LoadMapping(o.mapping);
  if (!mapping.ok()) return mapping.status();
  StatusOr<Engine> engine = LoadEngine("");
  if (!engine.ok()) return engine.status();
  StatusOr<std::unique_ptr<omop::PersonSource>> source = OpenSource(o.source);
  if (!source.ok()) return source.status();
  StatusOr<std::unique_ptr<omop::PostgresResultsWriter>> table = OpenResultsTable(o);
  if (!table.ok()) return table.status();
  AtomicFile out(*table ? "" : o.out), report(o.report), chart(o.chart);
  if (!out.ok() || !report.ok() || !chart.ok())
    return Status::InvalidArgument("cannot open an output file for writing");
  const bool csv = EndsWith(o.out, ".csv");
  if (csv) out.stream() << omop::ResultCsvHeader();
  omop::CohortOptions options;
  options.rules = RulesFor(o.rule);
  options.staging.markowitz_allow_retrospective = o.markowitz_retrospective;
  options.threads = o.threads > 0
                        ? o.threads
                        : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  const auto started = std::chrono::steady_clock::now();
  StatusOr<omop::PopulationSummary> summary =
      omop::RunCohort(**source, *mapping, *engine, options, [&](const omop::PersonResult& result) {
        if (*table) return (*table)->Write(result);
        if (!o.out.empty())
          out.stream() << (csv ? omop::ResultCsvRows(result) : omop::ResultNdjsonLine(result));
        return Status::Ok();
      });
  if (!summary.ok()) return summary.status();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!o.report.empty()) {
    report.stream() << (EndsWith(o.report, ".json") ? omop::ReportJson(*summary, *mapping)
                                                    : omop::ReportMarkdown(*summary, *mapping));
  }
  if (!o.chart.empty()) chart.stream() << omop::ReportSvg(*summary);
  if (*table) {
    if (Status status = (*table)->Commit(); !status.ok()) return status;
  }
  for (AtomicFile* file : {&out, &report, &chart}) {
    if (Status status = file->Commit(); !status.ok()) return status;
  }
  for (const std::string& warning : summary->source_warnings)
    fmt::print(stderr, "refract cohort: warning: {}\n", warning);
  fmt::print("{}\n{} persons in {:.2f} s ({:.0f} persons/s)", omop::kCohortDisclaimer,
             summary->persons, seconds, seconds > 0 ? summary->persons / seconds : 0.0);
  for (const auto& [status, count] : summary->status_counts) fmt::print("; {} {}", status, count);
  fmt::print("\n");
  return Status::Ok();
}

}  // namespace

void AddCohortCommand(CLI::App& app, int* exit_code) {
  auto options = std::make_shared<CohortOptions>();
  CLI::App* cmd = app.add_subcommand(
      "cohort", "Stage every person of an OMOP CDM database under every model (docs/omop.md)");
  cmd->add_option("--source", options->source,
                  "csv:DIR (a directory of OMOP CDM 5.4 CSV files) or postgres:URI[?schema=NAME]")
      ->required();
  cmd->add_option("--outcome-rule", options->rule, "scores, treatment-sequence or both (default)")
      ->check(CLI::IsMember({"scores", "treatment-sequence", "both"}));
  cmd->add_option("--out", options->out,
                  "per-person results: FILE.ndjson, FILE.csv or postgres:URI[?schema=NAME] (table "
                  "NAME.refract_cohort_results, default schema results)");
  cmd->add_option("--run-id", options->run_id,
                  "with --out postgres: the run's key in the results table; a rerun replaces it "
                  "(default: default)");
  cmd->add_option("--report", options->report, "population report: FILE.md or FILE.json");
  cmd->add_option("--chart", options->chart, "SVG chart of the report");
  cmd->add_option("--mapping", options->mapping,
                  "code tables (default: the built-in knowledge/omop/omop_mapping.json)");
  cmd->add_flag("--markowitz-retrospective", options->markowitz_retrospective,
                "Markowitz 2022 variant: accept retrospective antidepressant trials (results under "
                "model id markowitz_2022.allow_retrospective)");
  cmd->add_option("--threads", options->threads,
                  "threads in all, the reading and writing one included (default: the cores)")
      ->check(CLI::Range(1, 256));
  cmd->callback([options, exit_code] {
    if (std::string usage = UsageError(*options); !usage.empty()) {
      fmt::print(stderr, "refract cohort: {}\n", usage);
      *exit_code = kExitUsage;
      return;
    }
    Status status = Run(*options);
    if (!status.ok()) fmt::print(stderr, "refract cohort: {}\n", status.message());
    *exit_code = status.ok() ? kExitOk : kExitInvalidInput;
  });
}

}  // namespace refract::cli
