// `refract fhir import BUNDLE.json [--out RECORD.json] [--report REPORT.json] [--patient ID]
// [--as-of DATE]`: the record goes to --out (else standard output), the mapping report to --report
// (else one line per resource on standard error). A rejected bundle prints one "path: rule" line
// per problem and exits 1, writing nothing.
#include "fhir_command.h"

#include <fmt/format.h>

#include <cstdio>
#include <memory>

#include "cli_common.h"
#include "record_input.h"
#include "refract/app/assess.h"
#include "refract/fhir/fhir_import.h"
#include "refract/io/text_file.h"

namespace refract::cli {
namespace {

struct FhirImportOptions {
  std::string bundle;
  std::string out;
  std::string report;
  std::string patient;
  std::string as_of;
  std::string knowledge_dir;
};

void PrintReport(const std::vector<fhir::MappingEntry>& report) {
  for (const nlohmann::json& entry : fhir::MappingReportJson(report)) {
    const std::string mapped = entry["mapped_to"].get<std::string>();
    fmt::print(stderr, "{:8} {}{}: {}\n", entry["disposition"].get<std::string>(),
               entry["resource"].get<std::string>(), mapped.empty() ? "" : " -> " + mapped,
               entry["reason"].get<std::string>());
  }
}

int RunFhirImport(const FhirImportOptions& options) {
  StatusOr<std::string> text = ReadTextFile(options.bundle);
  if (!text.ok()) {
    fmt::print(stderr, "refract fhir import: {}\n", text.status().message());
    return kExitInvalidInput;
  }
  const nlohmann::json bundle = nlohmann::json::parse(*text, nullptr, false);
  if (bundle.is_discarded()) {
    fmt::print(stderr, "refract fhir import: {}: not valid JSON\n", options.bundle);
    return kExitInvalidInput;
  }
  StatusOr<Engine> engine = LoadEngine(options.knowledge_dir);
  if (!engine.ok()) {
    fmt::print(stderr, "refract: knowledge tables invalid:\n{}\n", engine.status().message());
    return kExitInvalidInput;
  }
  StatusOr<fhir::ImportResult> result =
      fhir::ImportBundle(*engine, bundle, {options.patient, options.as_of});
  if (!result.ok()) {
    fmt::print(stderr, "refract fhir import: {} rejected:\n{}\n", options.bundle,
               result.status().message());
    return kExitInvalidInput;
  }
  const std::string record = result->record_json.dump(1) + "\n";
  if (options.out.empty()) {
    fmt::print("{}", record);
  } else if (Status written = WriteWhole(options.out, record); !written.ok()) {
    fmt::print(stderr, "refract fhir import: {}\n", written.message());
    return kExitInvalidInput;
  }
  if (options.report.empty()) {
    PrintReport(result->report);
  } else if (Status written =
                 WriteWhole(options.report, fhir::MappingReportJson(result->report).dump(1) + "\n");
             !written.ok()) {
    fmt::print(stderr, "refract fhir import: {}\n", written.message());
    return kExitInvalidInput;
  }
  fmt::print(stderr, "{}\n", kDecisionSupportDisclaimer);
  return kExitOk;
}

}  // namespace

CLI::App& FhirCommandGroup(CLI::App& app) {
  for (CLI::App* existing :
       app.get_subcommands([](CLI::App* sub) { return sub->get_name() == "fhir"; })) {
    return *existing;
  }
  CLI::App* group =
      app.add_subcommand("fhir", "FHIR R4: import a Bundle, export a record (docs/fhir.md)");
  group->require_subcommand(1);
  return *group;
}

void AddFhirImportCommand(CLI::App& app, int* exit_code) {
  auto options = std::make_shared<FhirImportOptions>();
  CLI::App* command = FhirCommandGroup(app).add_subcommand(
      "import", "Convert a FHIR R4 Bundle into a refract-patient/1 record and a mapping report");
  command->add_option("bundle", options->bundle, "the Bundle (JSON)")->required();
  command->add_option("--out", options->out, "write the record here (default: standard output)");
  command->add_option("--report", options->report,
                      "write the mapping report (JSON) here (default: text on standard error)");
  command->add_option("--patient", options->patient,
                      "the Patient id, when the bundle holds several");
  command->add_option("--as-of", options->as_of,
                      "the staging date (default: Bundle.timestamp, else the latest date)");
  command->add_option("--knowledge", options->knowledge_dir, "directory with knowledge tables");
  command->callback([options, exit_code] { *exit_code = RunFhirImport(*options); });
}

}  // namespace refract::cli
