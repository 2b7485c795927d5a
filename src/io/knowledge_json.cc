#include "refract/io/knowledge_json.h"

#include <set>

#include "json_reader.h"
#include "knowledge_json_common.h"
#include "refract/io/instrument_json.h"
#include "refract/io/text_file.h"
#include "refract/knowledge/names.h"

namespace refract {
namespace {

using io_internal::EnumTable;
using io_internal::ErrorList;
using io_internal::Need;
using io_internal::ObjectReader;
using io_internal::ReadProvenance;
using io_internal::ReadRange;
using nlohmann::json;

constexpr const char* kTables[] = {"antidepressants", "augmenters", "psychotherapies",
                                   "adverse_effects", "parameters"};

const EnumTable<DrugClass> kDrugClasses = {{"ssri", DrugClass::kSsri},
                                           {"snri", DrugClass::kSnri},
                                           {"tca", DrugClass::kTca},
                                           {"maoi", DrugClass::kMaoi},
                                           {"ndri", DrugClass::kNdri},
                                           {"nassa", DrugClass::kNassa},
                                           {"serotonin_modulator", DrugClass::kSerotoninModulator},
                                           {"melatonergic", DrugClass::kMelatonergic},
                                           {"nri", DrugClass::kNri},
                                           {"other", DrugClass::kOther}};
const EnumTable<AugmenterClass> kAugmenterClasses = {
    {"lithium", AugmenterClass::kLithium},
    {"atypical_antipsychotic", AugmenterClass::kAtypicalAntipsychotic},
    {"thyroid_hormone", AugmenterClass::kThyroid},
    {"other", AugmenterClass::kOther}};

// Optional [{name, tag, source}]: brands and other names clinicians write for the entry.
std::vector<NameAlias> ReadAliases(ObjectReader& row, ErrorList& errors) {
  std::vector<NameAlias> aliases;
  const json* array = row.Array("aliases", Need::kOptional);
  if (!array) return aliases;
  for (size_t i = 0; i < array->size(); ++i) {
    ObjectReader alias(array->at(i), row.PathOf("aliases") + "[" + std::to_string(i) + "]", errors);
    if (!alias.valid()) continue;
    NameAlias entry;
    entry.name = alias.String("name", Need::kRequired).value_or("");
    entry.provenance = ReadProvenance(alias);
    alias.RejectUnknownKeys();
    aliases.push_back(std::move(entry));
  }
  return aliases;
}

// Optional {value, tag, source}: the licensed adult maximum daily dose, at or above every minimum.
void ReadMaxDose(ObjectReader& row, Antidepressant& drug, ErrorList& errors) {
  const json* value = row.Object("max_dose_mg", Need::kOptional);
  if (!value) return;
  ObjectReader max_reader(*value, row.PathOf("max_dose_mg"), errors);
  drug.max_dose_mg = max_reader.Number("value", Need::kRequired, 0.001, 10000);
  drug.max_dose_provenance = ReadProvenance(max_reader);
  max_reader.RejectUnknownKeys();
  for (const auto& [convention, mg] : drug.min_dose_mg) {
    if (drug.max_dose_mg && *drug.max_dose_mg < mg)
      errors.Add(max_reader.PathOf("value"), "is below the " + convention + " minimum dose");
  }
}

void ReadAntidepressant(ObjectReader& row, KnowledgeBase& kb, ErrorList& errors) {
  Antidepressant drug;
  drug.id = row.String("id", Need::kRequired).value_or("");
  drug.name = row.String("name", Need::kRequired).value_or("");
  drug.drug_class = row.Enum("class", Need::kRequired, kDrugClasses).value_or(DrugClass::kOther);
  if (const json* doses = row.Object("min_dose_mg", Need::kRequired)) {
    ObjectReader dose_reader(*doses, row.PathOf("min_dose_mg"), errors);
    for (const char* convention : {"atrq", "usual", "ddd"}) {
      if (auto mg = dose_reader.Number(convention, Need::kOptional, 0.001, 10000)) {
        drug.min_dose_mg[convention] = *mg;
      }
    }
    dose_reader.RejectUnknownKeys();
    if (drug.min_dose_mg.empty())
      errors.Add(row.PathOf("min_dose_mg"), "must give at least one dose");
  }
  ReadMaxDose(row, drug, errors);
  drug.serum_window = ReadRange(row, "serum_window_ng_ml", errors);
  drug.oral = row.Bool("oral", Need::kOptional).value_or(true);
  drug.molecule = row.String("molecule", Need::kOptional).value_or("");
  drug.aliases = ReadAliases(row, errors);
  row.String("note", Need::kOptional);
  drug.provenance = ReadProvenance(row);
  kb.antidepressants.push_back(std::move(drug));
}

void ReadAugmenter(ObjectReader& row, KnowledgeBase& kb, ErrorList& errors) {
  AugmentingAgent agent;
  agent.id = row.String("id", Need::kRequired).value_or("");
  agent.name = row.String("name", Need::kRequired).value_or("");
  agent.augmenter_class =
      row.Enum("class", Need::kRequired, kAugmenterClasses).value_or(AugmenterClass::kOther);
  agent.min_dose_mg = row.Number("min_dose_mg", Need::kOptional, 0.000001, 10000);
  agent.min_serum_mmol_l = row.Number("min_serum_mmol_l", Need::kOptional, 0.01, 5);
  if (row.valid() && agent.min_dose_mg.has_value() == agent.min_serum_mmol_l.has_value()) {
    errors.Add(row.path(), "must give exactly one of min_dose_mg or min_serum_mmol_l");
  }
  agent.threshold_range = ReadRange(row, "threshold_range", errors);
  agent.aliases = ReadAliases(row, errors);
  agent.provenance = ReadProvenance(row);
  kb.augmenters.push_back(std::move(agent));
}

void ReadPsychotherapy(ObjectReader& row, KnowledgeBase& kb, ErrorList& errors) {
  PsychotherapyModality modality;
  modality.id = row.String("id", Need::kRequired).value_or("");
  modality.name = row.String("name", Need::kRequired).value_or("");
  modality.evidence_based = row.Bool("evidence_based", Need::kRequired).value_or(false);
  modality.aliases = ReadAliases(row, errors);
  modality.provenance = ReadProvenance(row);
  kb.psychotherapies.push_back(std::move(modality));
}

void ReadAdverseEffect(ObjectReader& row, KnowledgeBase& kb, ErrorList& errors) {
  AdverseEffect effect;
  effect.id = row.String("id", Need::kRequired).value_or("");
  effect.name = row.String("name", Need::kRequired).value_or("");
  effect.aliases = ReadAliases(row, errors);
  effect.provenance = ReadProvenance(row);
  kb.adverse_effects.push_back(std::move(effect));
}

void ReadParameter(ObjectReader& row, KnowledgeBase& kb, ErrorList& errors) {
  Parameter parameter;
  parameter.id = row.String("id", Need::kRequired).value_or("");
  parameter.value = row.Number("value", Need::kRequired, -1e9, 1e9).value_or(0);
  parameter.range = ReadRange(row, "range", errors);
  parameter.provenance = ReadProvenance(row);
  Parameter* slot = kb.parameters.Find(parameter.id);
  if (!slot) {
    errors.Add(row.PathOf("id"), "unknown parameter id '" + parameter.id + "'");
  } else if (!slot->id.empty()) {
    errors.Add(row.PathOf("id"), "duplicate parameter id '" + parameter.id + "'");
  } else {
    *slot = std::move(parameter);
  }
}

using RowReader = void (*)(ObjectReader&, KnowledgeBase&, ErrorList&);

RowReader RowReaderFor(const std::string& table) {
  if (table == "antidepressants") return ReadAntidepressant;
  if (table == "augmenters") return ReadAugmenter;
  if (table == "psychotherapies") return ReadPsychotherapy;
  if (table == "adverse_effects") return ReadAdverseEffect;
  return ReadParameter;
}

void ReadTable(const std::string& table, const std::string& text, KnowledgeBase& kb,
               ErrorList& errors) {
  const std::string root = table + ".json:$";
  json document = json::parse(text, nullptr, false);
  if (document.is_discarded()) {
    errors.Add(root, "not valid JSON");
    return;
  }
  ObjectReader reader(document, root, errors);
  kb.version +=
      (kb.version.empty() ? "" : ",") + io_internal::ReadTableHeader(reader, table, errors);
  if (const json* items = reader.Array("items", Need::kRequired)) {
    std::set<std::string, std::less<>> ids;
    for (size_t i = 0; i < items->size(); ++i) {
      ObjectReader row(items->at(i), reader.PathOf("items") + "[" + std::to_string(i) + "]",
                       errors);
      if (!row.valid()) continue;
      const json& id = items->at(i).contains("id") ? items->at(i)["id"] : json();
      if (id.is_string() && !ids.insert(id.get<std::string>()).second && table != "parameters") {
        errors.Add(row.PathOf("id"), "duplicate id '" + id.get<std::string>() + "'");
      }
      RowReaderFor(table)(row, kb, errors);
      row.RejectUnknownKeys();
    }
  }
  reader.RejectUnknownKeys();
}

// ",phq9@2026.12.1,..." for the trial-outcome instruments, whose thresholds staging reads.
std::string TrialOutcomeVersions(const std::vector<measures::InstrumentDefinition>& instruments) {
  std::string versions;
  for (const measures::InstrumentDefinition& instrument : instruments) {
    if (instrument.trial_outcome) versions += "," + instrument.id + "@" + instrument.version;
  }
  return versions;
}

// Every name (id, display name, alias) must name one entry of its table.
void CheckNamesUnambiguous(const KnowledgeBase& kb, ErrorList& errors) {
  const std::pair<const char*, std::vector<NameCandidate>> tables[] = {
      {"antidepressants.json", NameCandidates(kb.antidepressants)},
      {"augmenters.json", NameCandidates(kb.augmenters)},
      {"psychotherapies.json", NameCandidates(kb.psychotherapies)},
      {"adverse_effects.json", NameCandidates(kb.adverse_effects)}};
  for (const auto& [table, candidates] : tables) {
    for (const std::string& name : AmbiguousNames(candidates))
      errors.Add(table, "the name " + name + " names more than one entry");
  }
}

// Partial response must lie below response: together they split the improvement into three
// categories (trial outcomes and measures change alike).
void CheckOutcomeBoundaries(const KnowledgeBase& kb, ErrorList& errors) {
  const Parameter& response = kb.Param("outcome.response_pct");
  const Parameter& partial = kb.Param("outcome.partial_response_pct");
  if (response.id.empty() || partial.id.empty()) return;  // reported as missing
  if (partial.value >= response.value) {
    errors.Add("parameters.json",
               "outcome.partial_response_pct must be below outcome.response_pct");
  }
}

}  // namespace

StatusOr<KnowledgeBase> LoadKnowledge(
    const KnowledgeTexts& texts, const std::vector<measures::InstrumentDefinition>& instruments) {
  KnowledgeBase kb;
  ErrorList errors;
  kb.instruments = measures::TrialOutcomeInstruments(instruments);
  if (kb.instruments.empty()) {
    errors.Add("instruments", "no instrument definition is marked trial_outcome");
  }
  for (const char* table : kTables) {
    auto it = texts.find(table);
    if (it == texts.end()) {
      errors.Add(std::string(table) + ".json", "table missing");
      continue;
    }
    ReadTable(table, it->second, kb, errors);
  }
  for (std::string_view id : kRequiredParameters) {
    if (kb.parameters.Find(id)->id.empty())
      errors.Add("parameters.json", "missing parameter '" + std::string(id) + "'");
  }
  CheckOutcomeBoundaries(kb, errors);
  CheckNamesUnambiguous(kb, errors);
  kb.version += TrialOutcomeVersions(instruments);
  if (!errors.empty()) return errors.ToStatus();
  return kb;
}

StatusOr<KnowledgeBase> LoadKnowledge(const KnowledgeTexts& texts) {
  StatusOr<std::vector<measures::InstrumentDefinition>> instruments =
      LoadInstruments(EmbeddedMeasuresTexts().instruments);
  if (!instruments.ok()) return instruments.status();
  return LoadKnowledge(texts, *instruments);
}

StatusOr<KnowledgeTexts> ReadKnowledgeDirectory(const std::string& directory) {
  KnowledgeTexts texts;
  for (const char* table : kTables) {
    StatusOr<std::string> text = ReadTextFile(directory + "/" + table + ".json");
    if (!text.ok()) return Status::NotFound(text.status().message() + " knowledge table");
    texts[table] = std::move(*text);
  }
  return texts;
}

}  // namespace refract
