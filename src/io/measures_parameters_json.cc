#include <filesystem>

#include "knowledge_json_common.h"
#include "refract/io/instrument_json.h"
#include "refract/io/text_file.h"

namespace refract {
namespace {

using io_internal::ErrorList;
using io_internal::Need;
using io_internal::ObjectReader;
using measures::MeasuresParameters;
using nlohmann::json;

constexpr const char* kParametersFile = "measures_parameters.json";

// One parameter {value, tag, source} of `section`; its id is "<section name>.<key>". `integer`: the
// value feeds exact integer arithmetic (percent thresholds, points, counts).
Parameter ReadParameter(ObjectReader& section, const std::string& name, const char* key, double min,
                        double max, bool integer, ErrorList& errors) {
  Parameter parameter;
  parameter.id = name + "." + key;
  const json* value = section.Object(key, Need::kRequired);
  if (!value) return parameter;
  ObjectReader row(*value, section.PathOf(key), errors);
  parameter.value =
      integer ? row.Int("value", Need::kRequired, static_cast<int>(min), static_cast<int>(max))
                    .value_or(0)
              : row.Number("value", Need::kRequired, min, max).value_or(0);
  parameter.provenance = io_internal::ReadProvenance(row);
  row.RejectUnknownKeys();
  return parameter;
}

// Calls read(section, name) on the required object `name` of `root`, then rejects unknown keys.
template <typename Read>
void ReadSection(ObjectReader& root, const std::string& name, ErrorList& errors, Read read) {
  const json* value = root.Object(name, Need::kRequired);
  if (!value) return;
  ObjectReader section(*value, root.PathOf(name), errors);
  if (!section.valid()) return;
  read(section, name);
  section.RejectUnknownKeys();
}

void ReadModalities(ObjectReader& section, measures::NotOnTrackParameters& rules,
                    ErrorList& errors) {
  const json* value = section.Object("early_worsening_modalities", Need::kRequired);
  if (!value) return;
  ObjectReader row(*value, section.PathOf("early_worsening_modalities"), errors);
  rules.early_worsening_modalities =
      io_internal::ReadStringArray(row, "value", Need::kRequired, errors);
  rules.early_worsening_modalities_provenance = io_internal::ReadProvenance(row);
  row.RejectUnknownKeys();
}

void ReadNotOnTrack(ObjectReader& section, const std::string& name,
                    measures::NotOnTrackParameters& rules, ErrorList& errors) {
  auto read = [&](const char* key, double min, double max, bool integer) {
    return ReadParameter(section, name, key, min, max, integer, errors);
  };
  rules.instrument = section.String("instrument", Need::kRequired).value_or("");
  rules.min_elapsed = read("min_elapsed", 1, 520, true);
  rules.max_reduction_pct = read("max_reduction_pct", 1, 100, true);
  rules.case_at_least = read("case_at_least", 1, 1000, true);
  rules.etr_boundary_percentile = read("etr_boundary_percentile", 0.5, 0.9999, false);
  rules.early_worsening_window_sessions = read("early_worsening_window_sessions", 1, 100, true);
  ReadModalities(section, rules, errors);
}

void ReadSections(ObjectReader& root, MeasuresParameters& parameters, ErrorList& errors) {
  ReadSection(root, "talking_therapies", errors,
              [&](ObjectReader& section, const std::string& name) {
                auto read = [&](const char* key, int max) {
                  return ReadParameter(section, name, key, 1, max, true, errors);
                };
                parameters.talking_therapies = {read("phq9_caseness", 27),
                                                read("gad7_caseness", 21),
                                                read("phq9_reliable_change", 27),
                                                read("gad7_reliable_change", 21),
                                                read("gad7_reliable_change_bischoff", 21),
                                                read("min_sessions", 100)};
              });
  ReadSection(root, "jacobson_truax", errors, [&](ObjectReader& section, const std::string& name) {
    parameters.jacobson_truax = {
        ReadParameter(section, name, "z", 0.5, 5, false, errors),
        ReadParameter(section, name, "sd_multiplier", 0.5, 5, false, errors)};
  });
  ReadSection(root, "not_on_track", errors, [&](ObjectReader& section, const std::string& name) {
    ReadNotOnTrack(section, name, parameters.not_on_track, errors);
  });
}

void ReadParameters(const std::string& text, MeasuresParameters& parameters, ErrorList& errors) {
  const std::string root = std::string(kParametersFile) + ":$";
  std::optional<json> document = io_internal::ParseDocument(text, root, errors);
  if (!document) return;
  ObjectReader reader(*document, root, errors);
  if (!reader.valid()) return;
  if (auto format = reader.String("format", Need::kRequired);
      format && *format != kMeasuresParametersFormat) {
    errors.Add(reader.PathOf("format"), std::string("must be '") + kMeasuresParametersFormat + "'");
  }
  parameters.version = reader.String("version", Need::kRequired).value_or("");
  reader.String("description", Need::kOptional);
  ReadSections(reader, parameters, errors);
  reader.RejectUnknownKeys();
}

}  // namespace

StatusOr<MeasuresParameters> LoadMeasuresParameters(const std::string& text) {
  MeasuresParameters parameters;
  ErrorList errors;
  ReadParameters(text, parameters, errors);
  if (!errors.empty()) return errors.ToStatus();
  return parameters;
}

StatusOr<MeasuresKnowledge> LoadMeasures(const MeasuresTexts& texts) {
  StatusOr<std::vector<measures::InstrumentDefinition>> instruments =
      LoadInstruments(texts.instruments);
  StatusOr<MeasuresParameters> parameters = LoadMeasuresParameters(texts.parameters);
  if (!instruments.ok() || !parameters.ok()) {
    std::string message = instruments.ok() ? "" : instruments.status().message();
    if (!parameters.ok()) message += (message.empty() ? "" : "\n") + parameters.status().message();
    return Status::InvalidArgument(message);
  }
  return MeasuresKnowledge{std::move(*instruments), std::move(*parameters)};
}

StatusOr<MeasuresTexts> ReadMeasuresDirectory(const std::string& knowledge_directory) {
  const std::filesystem::path directory(knowledge_directory);
  std::error_code error;
  MeasuresTexts texts;
  for (const auto& entry : std::filesystem::directory_iterator(directory / "instruments", error)) {
    if (entry.path().extension() != ".json") continue;
    StatusOr<std::string> text = ReadTextFile(entry.path().string());
    if (!text.ok()) return text.status();
    texts.instruments[entry.path().stem().string()] = std::move(*text);
  }
  if (error) {
    return Status::NotFound((directory / "instruments").string() + ": cannot read the folder");
  }
  StatusOr<std::string> parameters = ReadTextFile((directory / kParametersFile).string());
  if (!parameters.ok()) return parameters.status();
  texts.parameters = std::move(*parameters);
  return texts;
}

}  // namespace refract
