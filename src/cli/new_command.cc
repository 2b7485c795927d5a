#include "new_command.h"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "cli_common.h"
#include "patient_template.h"
#include "refract/io/patient_yaml.h"

namespace refract::cli {
namespace {

struct NewOptions {
  bool json = false;
  std::string output;
};

// The template as indented JSON, in the template's key order.
StatusOr<std::string> TemplateJson() {
  StatusOr<std::string> text = YamlToJsonText(PatientTemplateYaml(), 2);
  if (!text.ok()) return text.status();
  return *text + "\n";
}

Status WriteNewFile(const std::string& path, const std::string& text) {
  std::error_code error;
  if (std::filesystem::exists(path, error))
    return Status::FailedPrecondition(path + ": exists; not overwritten");
  std::ofstream file(path, std::ios::binary);
  file << text;
  if (!file) return Status::NotFound(path + ": cannot write");
  return Status::Ok();
}

}  // namespace

void AddNewCommand(CLI::App& app, int* exit_code) {
  auto options = std::make_shared<NewOptions>();
  CLI::App* command = app.add_subcommand(
      "new", "Write a commented patient-record template to fill in (YAML; --json for JSON)");
  command->add_flag("--json", options->json, "write the template as JSON (without comments)");
  command->add_option("-o,--output", options->output,
                      "write to this file (must not exist) instead of standard output");
  command->callback([options, exit_code] {
    StatusOr<std::string> text =
        options->json ? TemplateJson() : StatusOr<std::string>(std::string(PatientTemplateYaml()));
    Status written = text.ok() ? Status::Ok() : text.status();
    if (written.ok() && options->output.empty()) fmt::print("{}", *text);
    if (written.ok() && !options->output.empty()) written = WriteNewFile(options->output, *text);
    if (!written.ok()) {
      fmt::print(stderr, "refract: {}\n", written.message());
      *exit_code = kExitInvalidInput;
    }
  });
}

}  // namespace refract::cli
