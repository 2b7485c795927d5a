#include "refract/omop/mapping.h"

#include <array>
#include <nlohmann/json.hpp>

namespace refract::omop {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 5> kRequiredParameters = {
    "drug_era_gap_days", "episode_gap_days", "combination_min_overlap_days",
    "procedure_course_gap_days", "sequence_max_days_after_end"};

// Collects field problems with their JSON paths.
class Reader {
 public:
  std::string Text(const json& object, const std::string& path, const char* key, bool required) {
    auto it = object.find(key);
    if (it == object.end() || !it->is_string()) {
      if (required) errors_.push_back({path + "." + key, "must be a string"});
      return "";
    }
    return it->get<std::string>();
  }

  CodeRef Ref(const json& row, const std::string& path) {
    CodeRef ref;
    ref.vocabulary = Text(row, path, "vocabulary", true);
    ref.code = Text(row, path, "code", true);
    ref.tag = Text(row, path, "tag", true);
    ref.source = Text(row, path, "source", true);
    if (!ref.tag.empty() && ref.tag != "V" && ref.tag != "U") {
      errors_.push_back({path + ".tag", "must be \"V\" or \"U\""});
    }
    if (auto it = row.find("concept_id"); it != row.end()) {
      if (it->is_number_integer()) {
        ref.concept_id = it->get<ConceptId>();
      } else {
        errors_.push_back({path + ".concept_id", "must be an integer"});
      }
    }
    return ref;
  }

  template <typename Enum>
  Enum Choice(const json& row, const std::string& path, const char* key,
              std::initializer_list<std::pair<std::string_view, Enum>> choices) {
    const std::string value = Text(row, path, key, true);
    for (const auto& [name, choice] : choices) {
      if (name == value) return choice;
    }
    if (!value.empty()) errors_.push_back({path + "." + key, "unknown value '" + value + "'"});
    return choices.begin()->second;
  }

  const json& Array(const json& document, const char* key) {
    static const json kEmpty = json::array();
    auto it = document.find(key);
    if (it == document.end() || !it->is_array()) {
      errors_.push_back({std::string("$.") + key, "must be an array"});
      return kEmpty;
    }
    return *it;
  }

  void Error(std::string path, std::string rule) {
    errors_.push_back({std::move(path), std::move(rule)});
  }
  std::vector<FieldError>& errors() { return errors_; }

 private:
  std::vector<FieldError> errors_;
};

std::string At(const char* table, size_t index) {
  return std::string("$.") + table + "[" + std::to_string(index) + "]";
}

void ReadConditions(const json& document, Reader& reader, OmopMapping& mapping) {
  const json& rows = reader.Array(document, "conditions");
  for (size_t i = 0; i < rows.size(); ++i) {
    const std::string path = At("conditions", i);
    ConditionCode code;
    code.ref = reader.Ref(rows[i], path);
    code.role = reader.Choice<ConditionRole>(rows[i], path, "role",
                                             {{"depression", ConditionRole::kDepression},
                                              {"bipolar", ConditionRole::kBipolar},
                                              {"psychosis", ConditionRole::kPsychosis}});
    code.severity = reader.Text(rows[i], path, "severity", false);
    mapping.conditions.push_back(std::move(code));
  }
}

void ReadIngredients(const json& document, Reader& reader, OmopMapping& mapping) {
  const json& rows = reader.Array(document, "ingredients");
  for (size_t i = 0; i < rows.size(); ++i) {
    const std::string path = At("ingredients", i);
    IngredientCode code;
    code.ref = reader.Ref(rows[i], path);
    code.agent = reader.Text(rows[i], path, "agent", true);
    code.kind = reader.Choice<IngredientKind>(rows[i], path, "kind",
                                              {{"antidepressant", IngredientKind::kAntidepressant},
                                               {"augmentation", IngredientKind::kAugmentation},
                                               {"esketamine", IngredientKind::kEsketamine}});
    mapping.ingredients.push_back(std::move(code));
  }
}

void ReadProcedures(const json& document, Reader& reader, OmopMapping& mapping) {
  const json& rows = reader.Array(document, "procedures");
  for (size_t i = 0; i < rows.size(); ++i) {
    const std::string path = At("procedures", i);
    ProcedureCode code;
    code.ref = reader.Ref(rows[i], path);
    code.kind = reader.Choice<ProcedureKind>(rows[i], path, "kind",
                                             {{"psychotherapy", ProcedureKind::kPsychotherapy},
                                              {"ect", ProcedureKind::kEct},
                                              {"rtms", ProcedureKind::kRtms}});
    code.modality = reader.Text(rows[i], path, "modality", false);
    code.format = reader.Text(rows[i], path, "format", false);
    mapping.procedures.push_back(std::move(code));
  }
}

void ReadInstruments(const json& document, Reader& reader, OmopMapping& mapping) {
  const json& rows = reader.Array(document, "instruments");
  for (size_t i = 0; i < rows.size(); ++i) {
    const std::string path = At("instruments", i);
    InstrumentCode code;
    code.ref = reader.Ref(rows[i], path);
    code.instrument = reader.Text(rows[i], path, "instrument", true);
    code.role = reader.Choice<InstrumentRole>(
        rows[i], path, "role",
        {{"total", InstrumentRole::kTotal}, {"item9", InstrumentRole::kItem9}});
    mapping.instruments.push_back(std::move(code));
  }
}

void ReadParameters(const json& document, Reader& reader, OmopMapping& mapping) {
  const json& rows = reader.Array(document, "parameters");
  for (size_t i = 0; i < rows.size(); ++i) {
    const std::string path = At("parameters", i);
    const std::string id = reader.Text(rows[i], path, "id", true);
    MappingParameter parameter;
    auto value = rows[i].find("value");
    if (value == rows[i].end() || !value->is_number_integer() || value->get<int>() < 0) {
      reader.Error(path + ".value", "must be a non-negative integer (days)");
    } else {
      parameter.value = value->get<int>();
    }
    parameter.tag = reader.Text(rows[i], path, "tag", true);
    parameter.source = reader.Text(rows[i], path, "source", true);
    mapping.parameters[id] = parameter;
  }
  for (std::string_view id : kRequiredParameters) {
    if (!mapping.parameters.contains(id)) {
      reader.Error("$.parameters", "missing parameter '" + std::string(id) + "'");
    }
  }
}

}  // namespace

int OmopMapping::Param(std::string_view id) const { return parameters.find(id)->second.value; }

StatusOr<OmopMapping> ParseOmopMapping(std::string_view json_text) {
  json document = json::parse(json_text, nullptr, false);
  if (document.is_discarded() || !document.is_object()) {
    return Status::InvalidArgument("omop mapping: not a JSON object");
  }
  Reader reader;
  OmopMapping mapping;
  if (reader.Text(document, "$", "format", true) != "refract-omop-mapping/1") {
    reader.Error("$.format", "must be \"refract-omop-mapping/1\"");
  }
  mapping.version = reader.Text(document, "$", "version", true);
  ReadConditions(document, reader, mapping);
  ReadIngredients(document, reader, mapping);
  ReadProcedures(document, reader, mapping);
  ReadInstruments(document, reader, mapping);
  ReadParameters(document, reader, mapping);
  const json generic = document.value("generic_psychotherapy", json::object());
  mapping.generic_psychotherapy_modality =
      reader.Text(generic, "$.generic_psychotherapy", "modality", true);
  mapping.generic_psychotherapy_source =
      reader.Text(generic, "$.generic_psychotherapy", "source", true);
  mapping.sequence_rule_source = reader.Text(document.value("sequence_rule", json::object()),
                                             "$.sequence_rule", "source", true);
  if (!reader.errors().empty()) return Status::InvalidFields(std::move(reader.errors()));
  return mapping;
}

VocabularyRequest MakeVocabularyRequest(const OmopMapping& mapping) {
  VocabularyRequest request;
  auto add = [&request](const CodeRef& ref) {
    request.codes.insert({ref.vocabulary, ref.code});
    if (ref.concept_id) request.ancestors.insert(*ref.concept_id);
  };
  for (const auto& row : mapping.conditions) add(row.ref);
  for (const auto& row : mapping.ingredients) add(row.ref);
  for (const auto& row : mapping.procedures) add(row.ref);
  for (const auto& row : mapping.instruments) add(row.ref);
  return request;
}

}  // namespace refract::omop
