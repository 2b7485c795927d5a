#include "assess_command.h"

#include <fmt/format.h>

#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>

#include "cli_common.h"
#include "refract/app/assess.h"
#include "refract/io/assessment_json.h"
#include "refract/io/patient_json.h"
#include "text_report.h"

namespace refract::cli {
namespace {

struct InputOptions {
  std::vector<std::string> paths;
  std::string knowledge_dir;
  std::string dose_convention = "atrq";
};

struct AssessOptions {
  InputOptions input;
  bool json = false;
  bool pretty = false;
  StagingOptions staging;
};

void AddInputOptions(CLI::App* command, InputOptions& input) {
  command
      ->add_option("files", input.paths,
                   "patient record files (refract-patient/1) or directories of *.json")
      ->required();
  command->add_option("--knowledge", input.knowledge_dir,
                      "directory with knowledge tables (default: the tables built into refract)");
  command
      ->add_option("--dose-table", input.dose_convention, "minimum-dose column: atrq, usual or ddd")
      ->check(CLI::IsMember({"atrq", "usual", "ddd"}));
}

// Runs `on_record` for every readable, valid record; reports every failure on stderr.
int ForEachRecord(const InputOptions& input,
                  const std::function<void(const std::string&, const PatientRecord&,
                                           const KnowledgeBase&)>& on_record) {
  StatusOr<KnowledgeBase> knowledge = LoadKnowledgeFor(input.knowledge_dir, input.dose_convention);
  if (!knowledge.ok()) {
    fmt::print(stderr, "refract: knowledge tables invalid:\n{}\n", knowledge.status().message());
    return kExitInvalidInput;
  }
  StatusOr<std::vector<std::string>> files = ExpandInputs(input.paths);
  if (!files.ok()) {
    fmt::print(stderr, "refract: {}\n", files.status().message());
    return kExitInvalidInput;
  }
  int exit_code = kExitOk;
  for (const std::string& file : *files) {
    StatusOr<std::string> text = ReadFile(file);
    StatusOr<PatientRecord> record =
        text.ok() ? ParsePatientJson(*text, *knowledge) : text.status();
    if (!record.ok()) {
      fmt::print(stderr, "{}: invalid patient record:\n{}\n", file, record.status().message());
      exit_code = kExitInvalidInput;
      continue;
    }
    on_record(file, *record, *knowledge);
  }
  return exit_code;
}

}  // namespace

void AddAssessCommand(CLI::App& app, int* exit_code) {
  auto options = std::make_shared<AssessOptions>();
  CLI::App* command = app.add_subcommand("assess",
                                         "Assess patient records: trial adequacy, staging under "
                                         "every model, what was never adequately tried");
  AddInputOptions(command, options->input);
  command->add_flag("--json", options->json,
                    "print refract-assessment/1 JSON, one object per line");
  command->add_flag("--pretty", options->pretty, "indent the JSON output");
  command->add_flag("--thase-rush-lenient", options->staging.thase_rush_lenient,
                    "Thase-Rush: the TCA may be one of the two Stage II classes (A3)");
  command->add_flag("--european-distinct-classes",
                    options->staging.european_require_distinct_classes,
                    "European model: TRD requires failures from two different classes (A4)");
  command->add_flag("--markowitz-retrospective", options->staging.markowitz_allow_retrospective,
                    "Markowitz 2022: accept retrospective antidepressant trials (A16)");
  command->add_flag("--conway-new-class", options->staging.conway_stage2_requires_new_class,
                    "Conway 2017: the third (Stage 2) failed trial must come from a new class (A21)");
  command->add_flag(
      "--sforzini-no-ect",
      [options](std::int64_t) { options->staging.sforzini_count_ect = false; },
      "Sforzini 2022: do not count a failed ECT course as one of the treatments (A18)");
  command->add_flag(
      "--markowitz-strict", options->staging.markowitz_require_combined_trial,
      "Markowitz 2022: also require a failed combined psychotherapy + medication trial");
  command->callback([options, exit_code] {
    *exit_code = ForEachRecord(options->input, [&](const std::string&, const PatientRecord& record,
                                                   const KnowledgeBase& knowledge) {
      const Assessment assessment = AssessPatient(record, knowledge, options->staging);
      if (options->json) {
        fmt::print("{}\n", AssessmentToJson(assessment, options->pretty));
      } else {
        fmt::print("{}\n", RenderTextReport(assessment));
      }
    });
  });
}

void AddValidateCommand(CLI::App& app, int* exit_code) {
  auto input = std::make_shared<InputOptions>();
  CLI::App* command =
      app.add_subcommand("validate", "Check patient records against refract-patient/1");
  AddInputOptions(command, *input);
  command->callback([input, exit_code] {
    *exit_code =
        ForEachRecord(*input, [](const std::string& file, const PatientRecord&,
                                 const KnowledgeBase&) { fmt::print("{}: valid\n", file); });
  });
}

}  // namespace refract::cli
