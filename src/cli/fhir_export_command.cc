#include "fhir_export_command.h"

#include <fmt/format.h>

#include <memory>

#include "cli_common.h"
#include "record_input.h"
#include "refract/fhir/fhir_export.h"

namespace refract::cli {
namespace {

struct FhirExportOptions {
  InputOptions input;
  std::string record;
  std::string out;
};

}  // namespace

void AddFhirExportCommand(CLI::App& fhir, int* exit_code) {
  auto options = std::make_shared<FhirExportOptions>();
  CLI::App* command = fhir.add_subcommand(
      "export",
      "Write a patient record's assessment as a FHIR R4 Bundle (decision support for a clinician)");
  command->add_option("record", options->record, "patient record file (JSON or YAML; - for stdin)")
      ->required();
  command->add_option("--out", options->out, "write the bundle to this file (replaced whole)");
  AddKnowledgeOptions(command, options->input);
  command->callback([options, exit_code] {
    options->input.paths = {options->record};
    bool failed = false;
    *exit_code = ForEachRecord(options->input, [&](const std::string&, const PatientRecord& record,
                                                   const Engine& engine) {
      StatusOr<Assessment> assessment = engine.Assess(record, AssessOptionsFor(options->input));
      Status written = assessment.status();
      if (assessment.ok()) {
        const std::string text =
            fhir::ExportBundle(engine, record, *assessment, fhir::ExportOptions{}).dump(1) + "\n";
        if (options->out.empty()) {
          fmt::print("{}", text);
        } else {
          written = WriteWhole(options->out, text);
        }
      }
      if (!written.ok()) {
        fmt::print(stderr, "refract fhir export: {}\n", written.message());
        failed = true;
      }
    });
    if (failed) *exit_code = kExitInvalidInput;
  });
}

}  // namespace refract::cli
