// The Refract engine: one library object that the command line, the HTTP server and the FHIR and
// OMOP adapters all call (the OSRM pattern). It owns the loaded knowledge, immutable after Create,
// so one Engine is shared by many threads without locks (tests/engine/engine_threads_test.cc runs
// it under ThreadSanitizer).
//
// Every entry point takes a request and per-request options; nothing a request chooses (the
// dose table, the staging variants) is written into shared state: the knowledge for every dose
// table is built once at Create. Every record goes through the same rules whatever adapter made
// it (AssessPatient normalises the record's order and checks its references and dates,
// domain/record_rules.h), so a record from JSON, YAML, the store or FHIR gives one result.
//
// The engine does no file I/O: the knowledge comes in as texts (KnowledgeSource), read by the
// caller (ReadKnowledgeSource for a directory, EmbeddedKnowledgeSource for the built-in tables).
//
// Example:
//   StatusOr<Engine> engine = Engine::Create(EmbeddedKnowledgeSource());
//   StatusOr<PatientRecord> record = engine->ParseRecord(text, RecordSyntax::kJson);
//   StatusOr<Assessment> assessment = engine->Assess(*record, AssessOptions{});
#pragma once

#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "refract/app/assess.h"
#include "refract/base/status.h"
#include "refract/engine/meta.h"
#include "refract/io/instrument_json.h"
#include "refract/io/knowledge_json.h"
#include "refract/io/options_json.h"
#include "refract/measures/score.h"

namespace refract {

// The knowledge tables as texts: staging knowledge, instruments and measures parameters, and the
// options tables (interventions, ranking, syntheses, Metapsy rows).
struct KnowledgeSource {
  KnowledgeTexts staging;
  MeasuresTexts measures;
  OptionsTexts options;
};

// The tables built into the binary.
KnowledgeSource EmbeddedKnowledgeSource();
// The tables in a knowledge directory (the layout of knowledge/). kNotFound names a missing file.
StatusOr<KnowledgeSource> ReadKnowledgeSource(const std::string& directory);

// The minimum-dose columns a request can choose (knowledge/antidepressants.json).
inline constexpr std::string_view kDoseConventions[] = {"atrq", "usual", "ddd"};

struct AssessOptions {
  std::string dose_convention = "atrq";
  StagingOptions staging;
  bool rank_options = true;  // add the next-step options (Assessment::options)
  // What to assess (app/assess.h): less than kAll for callers that read less, such as a population
  // run. The options are ranked only with kAll (they rest on the trial view's words).
  AssessParts parts = AssessParts::kAll;
  // The record's measures already analysed, to use instead of analysing them again: see
  // AssessPatient (app/assess.h) for the record they must come from. Not used when the options
  // are ranked.
  const MeasuresReport* analysed_measures = nullptr;
};

enum class RecordSyntax { kJson, kYaml };

// One administration to score: the instrument id, items in item order (nullopt = unanswered) or a
// total, the self-harm item's raw value with a total, and the variant rated for items that have
// them (HAM-D item 16: "A" by history or "B" by measurement).
struct ScoreRequest {
  std::string instrument;
  std::vector<std::optional<int>> items;
  std::optional<int> total;
  std::optional<int> safety_item;
  std::map<int, std::string> variants;
};

struct ScoreResult {
  const measures::InstrumentDefinition* instrument = nullptr;  // owned by the engine
  measures::ScoredAdministration scored;
};

// A model the engine stages under, for the API's model list.
struct ModelInfo {
  std::string id;
  std::string name;
};

class Engine {
 public:
  // Parses and checks every table; the errors name the table, the path and the rule.
  static StatusOr<Engine> Create(const KnowledgeSource& source);

  // Reads a refract-patient/1 document (JSON or YAML). kInvalidArgument with one FieldError per
  // problem (status.details()).
  StatusOr<PatientRecord> ParseRecord(std::string_view text, RecordSyntax syntax) const;
  // The same for a JSON document already parsed.
  StatusOr<PatientRecord> ReadRecord(const nlohmann::json& document) const;

  // Stages, measures, reports the trials as options.parts asks, and ranks the next-step options
  // (unless !options.rank_options or options.parts is not kAll).
  // kInvalidArgument for an unknown dose convention or a record that breaks the record rules.
  StatusOr<Assessment> Assess(const PatientRecord& record, const AssessOptions& options) const;

  // Scores one administration. kNotFound for an unknown instrument (the message lists the ids),
  // kInvalidArgument for an item out of range, a missing or unknown variant.
  StatusOr<ScoreResult> Score(const ScoreRequest& request) const;

  // Pools the effects of a study-level document (include/refract/engine/meta.h); needs no
  // knowledge table.
  StatusOr<MetaResult> Meta(const MetaRequest& request) const;

  const std::string& knowledge_version() const;
  std::vector<ModelInfo> Models() const;
  std::vector<std::string> InstrumentIds() const;

  // The loaded knowledge (the "atrq" dose table), for adapters that list ids.
  const KnowledgeBase& knowledge() const;
  // The knowledge with `dose_convention`'s minimum-dose column, or nullptr for an unknown one.
  const KnowledgeBase* KnowledgeFor(std::string_view dose_convention) const;
  const MeasuresKnowledge& measures() const;
  const OptionsKnowledge& options() const;

  // The JSON text the engine was created from for one knowledge table: "antidepressants",
  // "augmenters", "psychotherapies", "interventions" or "adverse_effects" (for the web app's
  // forms). nullopt for any other name. Kept byte for byte; valid as long as the engine.
  std::optional<std::string_view> KnowledgeTableText(std::string_view name) const;
  // The JSON text of instrument `id` (knowledge/instruments/<id>.json), or nullopt.
  std::optional<std::string_view> InstrumentText(std::string_view id) const;
  // The loaded definition of instrument `id` (with its patient-facing `wording`, where the
  // knowledge gives one), or nullptr.
  const measures::InstrumentDefinition* Instrument(std::string_view id) const;

 private:
  struct State;
  explicit Engine(std::shared_ptr<const State> state) : state_(std::move(state)) {}
  std::shared_ptr<const State> state_;
};

}  // namespace refract
