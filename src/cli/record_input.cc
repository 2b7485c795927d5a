#include "record_input.h"

#include <fmt/format.h>

#include <cstdio>

#include "cli_common.h"
#include "refract/io/options_json.h"
#include "refract/io/patient_json.h"
#include "refract/io/text_file.h"

namespace refract::cli {
namespace {

StatusOr<LoadedKnowledge> LoadAll(const InputOptions& input) {
  StatusOr<MeasuresKnowledge> measures = LoadMeasuresFor(input.knowledge_dir);
  if (!measures.ok()) return measures.status();
  StatusOr<KnowledgeBase> knowledge =
      LoadKnowledgeFor(input.knowledge_dir, input.dose_convention, *measures);
  if (!knowledge.ok()) return knowledge.status();
  StatusOr<OptionsTexts> texts = input.knowledge_dir.empty()
                                     ? StatusOr<OptionsTexts>(EmbeddedOptionsTexts())
                                     : ReadOptionsDirectory(input.knowledge_dir);
  if (!texts.ok()) return texts.status();
  StatusOr<std::shared_ptr<const OptionsKnowledge>> options = LoadOptions(*texts, *knowledge);
  if (!options.ok()) return options.status();
  return LoadedKnowledge{std::move(*knowledge), std::move(*measures), std::move(*options)};
}

}  // namespace

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

int ForEachRecord(const InputOptions& input, const RecordHandler& on_record) {
  StatusOr<LoadedKnowledge> loaded = LoadAll(input);
  if (!loaded.ok()) {
    fmt::print(stderr, "refract: knowledge tables invalid:\n{}\n", loaded.status().message());
    return kExitInvalidInput;
  }
  StatusOr<std::vector<std::string>> files = ExpandInputs(input.paths);
  if (!files.ok()) {
    fmt::print(stderr, "refract: {}\n", files.status().message());
    return kExitInvalidInput;
  }
  int exit_code = kExitOk;
  for (const std::string& file : *files) {
    StatusOr<std::string> text = ReadTextFile(file);
    StatusOr<PatientRecord> record =
        text.ok()
            ? ParsePatientJson(*text, loaded->staging, loaded->measures, loaded->options->catalogue)
            : text.status();
    if (!record.ok()) {
      fmt::print(stderr, "{}: invalid patient record:\n{}\n", file, record.status().message());
      exit_code = kExitInvalidInput;
      continue;
    }
    on_record(file, *record, *loaded);
  }
  return exit_code;
}

}  // namespace refract::cli
