// Reading patient records for the `assess`, `validate` and `options` commands: the shared input
// flags, the knowledge they load (embedded or `--knowledge DIR`), and the loop that parses every
// file, reports each invalid one on stderr and keeps going with the rest.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <string>
#include <vector>

#include "refract/domain/patient.h"
#include "refract/engine/engine.h"

namespace refract::cli {

struct InputOptions {
  std::vector<std::string> paths;
  std::string knowledge_dir;
  std::string dose_convention = "atrq";
};

// files (required), --knowledge, --dose-table.
void AddInputOptions(CLI::App* command, InputOptions& input);

// --knowledge and --dose-table alone, for commands that read their input another way.
void AddKnowledgeOptions(CLI::App* command, InputOptions& input);

// The engine over the embedded knowledge, or over that in `knowledge_dir` when it is non-empty.
StatusOr<Engine> LoadEngine(const std::string& knowledge_dir);

// The per-request options of the input flags (the dose table).
AssessOptions AssessOptionsFor(const InputOptions& input);

using RecordHandler =
    std::function<void(const std::string& file, const PatientRecord&, const Engine&)>;

// Loads the knowledge, then runs `on_record` for every readable, valid record. Returns kExitOk, or
// kExitInvalidInput when the knowledge or any input file was rejected (each reported on stderr).
int ForEachRecord(const InputOptions& input, const RecordHandler& on_record);

}  // namespace refract::cli
