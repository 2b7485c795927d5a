#include "options_command.h"

#include <fmt/format.h>

#include <memory>

#include "cli_common.h"
#include "options_text.h"
#include "record_input.h"
#include "refract/app/next_steps.h"
#include "refract/io/assessment_json.h"

namespace refract::cli {
namespace {

struct OptionsCommandOptions {
  InputOptions input;
  std::string explain;
  bool json = false;
  bool pretty = false;
};

std::string ListIds(const OptionsKnowledge& knowledge) {
  std::vector<std::string> ids;
  for (const Intervention& option : knowledge.catalogue.interventions) ids.push_back(option.id);
  return fmt::format("{}", fmt::join(ids, ", "));
}

void PrintText(const Assessment& assessment, const std::string& explain) {
  if (explain.empty()) {
    fmt::print("{}\n{}{}\n", kDecisionSupportDisclaimer, RenderOptions(assessment), "");
    return;
  }
  if (const OptionResult* result = assessment.options->Find(explain)) {
    fmt::print("{}\n", RenderOptionTrace(assessment, *result));
    return;
  }
  fmt::print("patient {}: no option is ranked: {}\n", assessment.patient_id,
             assessment.options->not_applicable_reason);
}

}  // namespace

void AddOptionsCommand(CLI::App& app, int* exit_code) {
  auto options = std::make_shared<OptionsCommandOptions>();
  CLI::App* command = app.add_subcommand(
      "options", "Ranked next-step options for each patient record (decision support)");
  AddInputOptions(command, options->input);
  command->add_option("--explain", options->explain,
                      "show the full trace of one option (an id of knowledge/interventions.json)");
  command->add_flag("--json", options->json, "print refract-options/1 JSON, one object per line");
  command->add_flag("--pretty", options->pretty, "indent the JSON output");
  command->callback([options, exit_code] {
    bool unknown_id = false;
    bool invalid = false;
    *exit_code = ForEachRecord(
        options->input, [&](const std::string&, const PatientRecord& record, const Engine& engine) {
          if (unknown_id) return;
          if (!options->explain.empty() &&
              !engine.options().catalogue.FindIntervention(options->explain)) {
            fmt::print(stderr, "refract options: --explain '{}' is not an option id; ids: {}\n",
                       options->explain, ListIds(engine.options()));
            unknown_id = true;
            return;
          }
          StatusOr<Assessment> assessed = engine.Assess(record, AssessOptionsFor(options->input));
          if (!assessed.ok()) {
            fmt::print(stderr, "refract: {}\n", assessed.status().message());
            invalid = true;
            return;
          }
          const Assessment& assessment = *assessed;
          if (options->json) {
            fmt::print("{}\n", OptionsToJson(assessment, options->explain, options->pretty));
          } else {
            PrintText(assessment, options->explain);
          }
        });
    if (invalid) *exit_code = kExitInvalidInput;
    if (unknown_id) *exit_code = kExitUsage;
  });
}

}  // namespace refract::cli
