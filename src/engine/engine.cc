// The engine facade (include/refract/engine/engine.h): knowledge built once per dose table,
// records parsed and assessed through one path.
#include "refract/engine/engine.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "refract/app/next_steps.h"
#include "refract/domain/record_rules.h"
#include "refract/io/patient_json.h"
#include "refract/io/patient_yaml.h"

namespace refract {

struct Engine::State {
  std::map<std::string, KnowledgeBase, std::less<>> by_dose_convention;
  MeasuresKnowledge measures;
  std::shared_ptr<const OptionsKnowledge> options;
  std::vector<ModelInfo> models;
  std::map<std::string, std::string, std::less<>> table_texts;  // KnowledgeTableText
  std::map<std::string, std::string, std::less<>> instrument_texts;

  const KnowledgeBase& Default() const { return by_dose_convention.at("atrq"); }
};

namespace {

// The models in report order, read off staging an empty record (the staging target is the only
// place that names them).
std::vector<ModelInfo> ListModels(const KnowledgeBase& knowledge,
                                  const MeasuresKnowledge& measures) {
  PatientRecord empty;
  empty.id = "model-list";
  empty.as_of = empty.episode.onset;
  std::vector<ModelInfo> models;
  for (const ModelResult& result :
       AssessPatient(empty, knowledge, measures, StagingOptions{}).staging) {
    models.push_back({result.model_id, result.name});
  }
  return models;
}

// The texts KnowledgeTableText serves: the staging tables the web app's forms list and the
// interventions table.
std::map<std::string, std::string, std::less<>> TableTexts(const KnowledgeSource& source) {
  std::map<std::string, std::string, std::less<>> texts;
  for (const char* name : {"antidepressants", "augmenters", "psychotherapies", "adverse_effects"}) {
    auto text = source.staging.find(name);
    if (text != source.staging.end()) texts.emplace(name, text->second);
  }
  texts.emplace("interventions", source.options.interventions);
  return texts;
}

std::optional<std::string_view> Lookup(const std::map<std::string, std::string, std::less<>>& map,
                                       std::string_view key) {
  auto found = map.find(key);
  if (found == map.end()) return std::nullopt;
  return std::string_view(found->second);
}

std::string JoinIds(const std::vector<std::string>& ids) {
  return fmt::format("{}", fmt::join(ids, ", "));
}

}  // namespace

KnowledgeSource EmbeddedKnowledgeSource() {
  return {EmbeddedKnowledgeTexts(), EmbeddedMeasuresTexts(), EmbeddedOptionsTexts()};
}

StatusOr<KnowledgeSource> ReadKnowledgeSource(const std::string& directory) {
  StatusOr<KnowledgeTexts> staging = ReadKnowledgeDirectory(directory);
  if (!staging.ok()) return staging.status();
  StatusOr<MeasuresTexts> measures = ReadMeasuresDirectory(directory);
  if (!measures.ok()) return measures.status();
  StatusOr<OptionsTexts> options = ReadOptionsDirectory(directory);
  if (!options.ok()) return options.status();
  return KnowledgeSource{std::move(*staging), std::move(*measures), std::move(*options)};
}

StatusOr<Engine> Engine::Create(const KnowledgeSource& source) {
  auto state = std::make_shared<State>();
  StatusOr<MeasuresKnowledge> measures = LoadMeasures(source.measures);
  if (!measures.ok()) return measures.status();
  state->measures = std::move(*measures);
  StatusOr<KnowledgeBase> knowledge = LoadKnowledge(source.staging, state->measures.instruments);
  if (!knowledge.ok()) return knowledge.status();
  for (std::string_view convention : kDoseConventions) {
    KnowledgeBase table = *knowledge;
    table.dose_convention = std::string(convention);
    state->by_dose_convention.emplace(std::string(convention), std::move(table));
  }
  StatusOr<std::shared_ptr<const OptionsKnowledge>> options =
      LoadOptions(source.options, state->Default());
  if (!options.ok()) return options.status();
  state->options = std::move(*options);
  state->models = ListModels(state->Default(), state->measures);
  state->table_texts = TableTexts(source);
  state->instrument_texts.insert(source.measures.instruments.begin(),
                                 source.measures.instruments.end());
  return Engine(std::move(state));
}

StatusOr<PatientRecord> Engine::ParseRecord(std::string_view text, RecordSyntax syntax) const {
  const auto parse = syntax == RecordSyntax::kYaml ? ParsePatientYaml : ParsePatientJson;
  return parse(text, state_->Default(), state_->measures, state_->options->catalogue);
}

StatusOr<PatientRecord> Engine::ReadRecord(const nlohmann::json& document) const {
  return ReadPatientJson(document, state_->Default(), state_->measures, state_->options->catalogue);
}

StatusOr<Assessment> Engine::Assess(const PatientRecord& record,
                                    const AssessOptions& options) const {
  const KnowledgeBase* knowledge = KnowledgeFor(options.dose_convention);
  if (!knowledge) {
    return Status::InvalidFields(
        {{"dose_convention",
          fmt::format("'{}' is not one of: atrq, usual, ddd", options.dose_convention)}});
  }
  if (Status valid = ValidateRecord(record); !valid.ok()) return valid;
  if (!options.rank_options || options.parts != AssessParts::kAll) {
    return AssessPatient(record, *knowledge, state_->measures, options.staging, options.parts,
                         options.analysed_measures);
  }
  return AssessPatient(record, *knowledge, state_->measures, state_->options, options.staging);
}

StatusOr<ScoreResult> Engine::Score(const ScoreRequest& request) const {
  const measures::InstrumentDefinition* instrument =
      measures::FindInstrument(state_->measures.instruments, request.instrument);
  if (!instrument) {
    return Status::NotFound(fmt::format("unknown instrument '{}' (one of: {})", request.instrument,
                                        JoinIds(InstrumentIds())));
  }
  measures::ItemResponses responses;
  responses.items = request.items;
  responses.total = request.total;
  responses.safety_item = request.safety_item;
  responses.variants = request.variants;
  StatusOr<measures::ScoredAdministration> scored = measures::Score(*instrument, responses);
  if (!scored.ok()) return scored.status();
  return ScoreResult{instrument, std::move(*scored)};
}

const std::string& Engine::knowledge_version() const { return state_->Default().version; }

std::vector<ModelInfo> Engine::Models() const { return state_->models; }

std::vector<std::string> Engine::InstrumentIds() const {
  std::vector<std::string> ids;
  for (const auto& instrument : state_->measures.instruments) ids.push_back(instrument.id);
  return ids;
}

const KnowledgeBase& Engine::knowledge() const { return state_->Default(); }

const KnowledgeBase* Engine::KnowledgeFor(std::string_view dose_convention) const {
  auto table = state_->by_dose_convention.find(dose_convention);
  return table == state_->by_dose_convention.end() ? nullptr : &table->second;
}
const MeasuresKnowledge& Engine::measures() const { return state_->measures; }
const OptionsKnowledge& Engine::options() const { return *state_->options; }

std::optional<std::string_view> Engine::KnowledgeTableText(std::string_view name) const {
  return Lookup(state_->table_texts, name);
}

std::optional<std::string_view> Engine::InstrumentText(std::string_view id) const {
  return Lookup(state_->instrument_texts, id);
}

const measures::InstrumentDefinition* Engine::Instrument(std::string_view id) const {
  return measures::FindInstrument(state_->measures.instruments, id);
}

}  // namespace refract
