#include "record_input.h"

#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "cli_common.h"
#include "refract/io/text_file.h"

namespace refract::cli {
StatusOr<Engine> LoadEngine(const std::string& knowledge_dir) {
  if (knowledge_dir.empty()) return Engine::Create(EmbeddedKnowledgeSource());
  StatusOr<KnowledgeSource> source = ReadKnowledgeSource(knowledge_dir);
  if (!source.ok()) return source.status();
  return Engine::Create(*source);
}

AssessOptions AssessOptionsFor(const InputOptions& input) {
  AssessOptions options;
  options.dose_convention = input.dose_convention;
  return options;
}

namespace {

StatusOr<std::string> ReadInput(const std::string& file) {
  if (file != kStdinPath) return ReadTextFile(file);
  std::ostringstream content;
  content << std::cin.rdbuf();
  return content.str();
}

// YAML for *.yaml and *.yml; standard input is YAML unless it starts like a JSON object; every
// other file is JSON whatever its extension.
bool IsYaml(const std::string& file, const std::string& text) {
  if (file == kStdinPath) {
    const size_t first = text.find_first_not_of(" \t\r\n");
    return first == std::string::npos || text[first] != '{';
  }
  const std::string extension = std::filesystem::path(file).extension().string();
  return extension == ".yaml" || extension == ".yml";
}

StatusOr<PatientRecord> ParseRecordFile(const std::string& file, const Engine& engine) {
  StatusOr<std::string> text = ReadInput(file);
  if (!text.ok()) return text.status();
  return engine.ParseRecord(*text, IsYaml(file, *text) ? RecordSyntax::kYaml : RecordSyntax::kJson);
}

}  // namespace

void AddInputOptions(CLI::App* command, InputOptions& input) {
  command
      ->add_option("files", input.paths,
                   "patient record files (refract-patient/1, JSON or YAML; - for standard "
                   "input) or directories of *.json, *.yaml and *.yml")
      ->required();
  AddKnowledgeOptions(command, input);
}

void AddKnowledgeOptions(CLI::App* command, InputOptions& input) {
  command->add_option("--knowledge", input.knowledge_dir,
                      "directory with knowledge tables (default: the tables built into refract)");
  command
      ->add_option("--dose-table", input.dose_convention, "minimum-dose column: atrq, usual or ddd")
      ->check(CLI::IsMember({"atrq", "usual", "ddd"}));
}

int ForEachRecord(const InputOptions& input, const RecordHandler& on_record) {
  StatusOr<Engine> engine = LoadEngine(input.knowledge_dir);
  if (!engine.ok()) {
    fmt::print(stderr, "refract: knowledge tables invalid:\n{}\n", engine.status().message());
    return kExitInvalidInput;
  }
  StatusOr<std::vector<std::string>> files = ExpandInputs(input.paths);
  if (!files.ok()) {
    fmt::print(stderr, "refract: {}\n", files.status().message());
    return kExitInvalidInput;
  }
  int exit_code = kExitOk;
  for (const std::string& file : *files) {
    StatusOr<PatientRecord> record = ParseRecordFile(file, *engine);
    if (!record.ok()) {
      fmt::print(stderr, "{}: invalid patient record:\n{}\n", file, record.status().message());
      exit_code = kExitInvalidInput;
      continue;
    }
    on_record(file, *record, *engine);
  }
  return exit_code;
}

}  // namespace refract::cli
