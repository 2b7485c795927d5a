// Reader of knowledge/evidence_syntheses.json (format refract-knowledge/1, table
// "evidence_syntheses").
#include <algorithm>

#include "json_reader.h"
#include "knowledge_json_common.h"
#include "refract/io/options_json.h"

namespace refract {
namespace {

using io_internal::EnumTable;
using io_internal::ErrorList;
using io_internal::Need;
using io_internal::ObjectReader;
using io_internal::ReadProvenance;
using nlohmann::json;

const EnumTable<SynthesisScope> kScopes = {{"option", SynthesisScope::kOption},
                                           {"class", SynthesisScope::kClass},
                                           {"exploratory", SynthesisScope::kExploratory}};
const EnumTable<EvidencePopulation> kPopulations = {
    {"trd", EvidencePopulation::kTrd},
    {"inadequate_response", EvidencePopulation::kInadequateResponse},
    {"general_depression", EvidencePopulation::kGeneralDepression}};
const EnumTable<stats::Tau2Method> kMethods = {
    {"FE", stats::Tau2Method::kFe}, {"DL", stats::Tau2Method::kDl},
    {"HE", stats::Tau2Method::kHe}, {"SJ", stats::Tau2Method::kSj},
    {"ML", stats::Tau2Method::kMl}, {"REML", stats::Tau2Method::kReml},
    {"EB", stats::Tau2Method::kEb}, {"PM", stats::Tau2Method::kPm}};

std::vector<std::pair<std::string, std::vector<std::string>>> ReadSelect(ObjectReader& row,
                                                                         ErrorList& errors) {
  std::vector<std::pair<std::string, std::vector<std::string>>> select;
  const json* value = row.Object("select", Need::kRequired);
  if (!value) return select;
  ObjectReader object(*value, row.PathOf("select"), errors);
  for (const auto& [column, values] : value->items()) {
    std::vector<std::string> accepted =
        io_internal::ReadStringArray(object, column, Need::kRequired, errors);
    if (accepted.empty()) {
      if (values.is_array() && values.empty()) {
        errors.Add(object.PathOf(column), "must list at least one value");
      }
      continue;
    }
    select.emplace_back(column, std::move(accepted));
  }
  if (object.valid() && select.empty()) errors.Add(row.PathOf("select"), "selects nothing");
  return select;
}

SynthesisSpec ReadSpec(ObjectReader& row, ErrorList& errors) {
  SynthesisSpec spec;
  spec.id = row.String("id", Need::kRequired).value_or("");
  spec.label = row.String("label", Need::kRequired).value_or("");
  spec.interventions = io_internal::ReadStringArray(row, "interventions", Need::kRequired, errors);
  if (row.valid() && spec.interventions.empty())
    errors.Add(row.PathOf("interventions"), "is empty");
  spec.scope = row.Enum("scope", Need::kRequired, kScopes).value_or(SynthesisScope::kOption);
  spec.population = row.Enum("population", Need::kRequired, kPopulations)
                        .value_or(EvidencePopulation::kGeneralDepression);
  if (row.valid() && !row.Present("min_failed_treatments"))
    errors.Add(row.PathOf("min_failed_treatments"), "is required (an integer, or null)");
  spec.min_failed_treatments = row.Int("min_failed_treatments", Need::kOptional, 0, 100);
  if (std::string rule = PopulationRuleViolation(spec.population, spec.min_failed_treatments);
      !rule.empty())
    errors.Add(row.PathOf("population"), rule);
  spec.select = ReadSelect(row, errors);
  spec.one_effect_per_study = row.Bool("one_effect_per_study", Need::kRequired).value_or(true);
  spec.low_risk_of_bias_sensitivity =
      row.Bool("low_risk_of_bias_sensitivity", Need::kOptional).value_or(false);
  spec.method = row.Enum("method", Need::kRequired, kMethods).value_or(stats::Tau2Method::kReml);
  spec.compare_with = row.String("compare_with", Need::kOptional).value_or("");
  spec.note = row.String("note", Need::kOptional).value_or("");
  spec.provenance = ReadProvenance(row);
  return spec;
}

std::string ReadData(ObjectReader& reader, ErrorList& errors) {
  const json* value = reader.Object("data", Need::kRequired);
  if (!value) return "";
  ObjectReader data(*value, reader.PathOf("data"), errors);
  const std::string id = data.String("id", Need::kRequired).value_or("");
  const std::string version = data.String("version", Need::kRequired).value_or("");
  data.String("citation", Need::kRequired);
  data.RejectUnknownKeys();
  return id + "@" + version;
}

// The low-risk-of-bias filter of the sensitivity pools: {column: "rob", min, text, tag, source}.
void ReadLowRiskOfBias(ObjectReader& reader, SynthesesTable& table, ErrorList& errors) {
  const json* value = reader.Object("low_risk_of_bias", Need::kRequired);
  if (!value) return;
  ObjectReader filter(*value, reader.PathOf("low_risk_of_bias"), errors);
  const std::string column = filter.String("column", Need::kRequired).value_or("rob");
  if (column != "rob") errors.Add(filter.PathOf("column"), "'" + column + "' is not one of: rob");
  table.low_risk_min_rob = filter.Number("min", Need::kRequired, 0, 4).value_or(0);
  filter.String("text", Need::kRequired);
  table.low_risk_provenance = ReadProvenance(filter);
  filter.RejectUnknownKeys();
}

}  // namespace

StatusOr<SynthesesTable> LoadSyntheses(const std::string& text) {
  return io_internal::ReadKnowledgeTable<SynthesesTable>(
      text, "evidence_syntheses.json", "evidence_syntheses",
      [](ObjectReader& reader, SynthesesTable& table, ErrorList& errors) {
        table.data_version = ReadData(reader, errors);
        ReadLowRiskOfBias(reader, table, errors);
        table.specs = io_internal::ReadUniqueItems<SynthesisSpec>(
            reader, errors, [&](ObjectReader& row) { return ReadSpec(row, errors); });
        for (SynthesisSpec& spec : table.specs) spec.low_risk_min_rob = table.low_risk_min_rob;
      });
}

}  // namespace refract
