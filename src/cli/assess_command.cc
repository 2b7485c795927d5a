#include "assess_command.h"

#include <fmt/format.h>

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>

#include "cli_common.h"
#include "record_input.h"
#include "refract/app/next_steps.h"
#include "refract/io/assessment_json.h"
#include "refract/report/trajectory_svg.h"
#include "summary_report.h"
#include "text_report.h"

namespace refract::cli {
namespace {

struct AssessCommandOptions {
  InputOptions input;
  bool json = false;
  bool pretty = false;
  bool full = false;
  std::string chart_dir;
  StagingOptions staging;
};

std::string SafeFileName(const std::string& text) {
  std::string name;
  for (char c : text) name += std::isalnum(static_cast<unsigned char>(c)) || c == '-' ? c : '_';
  return name;
}

// Writes <dir>/<patient>-<instrument>.svg for every instrument with at least one total.
Status WriteCharts(const std::string& directory, const PatientRecord& record,
                   const Assessment& assessment, const MeasuresKnowledge& measures) {
  std::error_code error;
  std::filesystem::create_directories(directory, error);
  for (const InstrumentSeries& series : assessment.measures.series) {
    const measures::InstrumentDefinition* instrument =
        measures::FindInstrument(measures.instruments, series.instrument_id);
    if (!instrument) continue;
    const std::string svg = report::RenderTrajectorySvg(series, *instrument, record);
    if (svg.empty()) continue;
    const std::string path =
        directory + "/" + SafeFileName(record.id) + "-" + series.instrument_id + ".svg";
    std::ofstream file(path, std::ios::binary);
    file << svg;
    if (!file) return Status::NotFound(path + ": cannot write chart");
  }
  return Status::Ok();
}

}  // namespace

void AddAssessCommand(CLI::App& app, int* exit_code) {
  auto options = std::make_shared<AssessCommandOptions>();
  CLI::App* command = app.add_subcommand("assess",
                                         "Assess patient records: trial adequacy, staging under "
                                         "every model, what was never adequately tried, measures "
                                         "and the ranked next-step options");
  AddInputOptions(command, options->input);
  command->add_flag("--json", options->json,
                    "print refract-assessment/1 JSON, one object per line");
  command->add_flag("--pretty", options->pretty, "indent the JSON output");
  command->add_flag("--full", options->full,
                    "print the full report (every adequacy check, each model's reasons and "
                    "assumptions, the options in detail) instead of the one-page summary");
  command->add_option(
      "--chart", options->chart_dir,
      "write an SVG trajectory chart per patient and instrument into this directory");
  command->add_flag("--thase-rush-lenient", options->staging.thase_rush_lenient,
                    "Thase-Rush: the TCA may be one of the two Stage II classes");
  command->add_flag("--european-distinct-classes",
                    options->staging.european_require_distinct_classes,
                    "European model: TRD requires failures from two different classes");
  command->add_flag("--markowitz-retrospective", options->staging.markowitz_allow_retrospective,
                    "Markowitz 2022: accept retrospective antidepressant trials");
  command->add_flag("--conway-new-class", options->staging.conway_stage2_requires_new_class,
                    "Conway 2017: the third (Stage 2) failed trial must come from a new class");
  command->add_flag(
      "--sforzini-no-ect", [options](std::int64_t) { options->staging.sforzini_count_ect = false; },
      "Sforzini 2022: do not count a failed ECT course as one of the treatments");
  command->add_flag(
      "--markowitz-strict", options->staging.markowitz_require_combined_trial,
      "Markowitz 2022: also require a failed combined psychotherapy + medication trial");
  command->callback([options, exit_code] {
    bool chart_failed = false;
    *exit_code = ForEachRecord(
        options->input, [&](const std::string&, const PatientRecord& record, const Engine& engine) {
          refract::AssessOptions assess = AssessOptionsFor(options->input);
          assess.staging = options->staging;
          StatusOr<Assessment> assessed = engine.Assess(record, assess);
          if (!assessed.ok()) {
            fmt::print(stderr, "refract: {}\n", assessed.status().message());
            chart_failed = true;
            return;
          }
          const Assessment& assessment = *assessed;
          if (!options->chart_dir.empty()) {
            Status written = WriteCharts(options->chart_dir, record, assessment, engine.measures());
            if (!written.ok()) {
              fmt::print(stderr, "refract: {}\n", written.message());
              chart_failed = true;
            }
          }
          if (options->json) {
            fmt::print("{}\n", AssessmentToJson(assessment, options->pretty));
          } else if (options->full) {
            fmt::print("{}\n", RenderTextReport(assessment));
          } else {
            fmt::print("{}\n", RenderSummaryReport(record, assessment));
          }
        });
    if (chart_failed) *exit_code = kExitInvalidInput;
  });
}

void AddValidateCommand(CLI::App& app, int* exit_code) {
  auto input = std::make_shared<InputOptions>();
  CLI::App* command =
      app.add_subcommand("validate", "Check patient records against refract-patient/1");
  AddInputOptions(command, *input);
  command->callback([input, exit_code] {
    *exit_code = ForEachRecord(*input, [](const std::string& file, const PatientRecord&,
                                          const Engine&) { fmt::print("{}: valid\n", file); });
  });
}

}  // namespace refract::cli
