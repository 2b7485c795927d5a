#include "refract/io/instrument_json.h"

#include <algorithm>

#include "instrument_checks.h"
#include "knowledge_json_common.h"

namespace refract {
namespace {

using io_internal::EnumTable;
using io_internal::ErrorList;
using io_internal::Need;
using io_internal::ObjectReader;
using io_internal::ReadIntArray;
using io_internal::ReadProvenance;
using io_internal::ReadStringArray;
using measures::InstrumentDefinition;
using nlohmann::json;

constexpr int kMaxScore = 1000;

const EnumTable<measures::Direction> kDirections = {
    {"higher_worse", measures::Direction::kHigherWorse},
    {"higher_better", measures::Direction::kHigherBetter}};
const EnumTable<measures::Rater> kRaters = {{"self", measures::Rater::kSelf},
                                            {"clinician", measures::Rater::kClinician}};
const EnumTable<measures::Aggregation> kAggregations = {
    {"sum", measures::Aggregation::kSum},
    {"domain_max", measures::Aggregation::kDomainMax},
    {"subscales", measures::Aggregation::kSubscales}};
const EnumTable<measures::MissingPolicy> kMissingPolicies = {
    {"complete", measures::MissingPolicy::kComplete},
    {"prorate", measures::MissingPolicy::kProrate},
    {"domain", measures::MissingPolicy::kDomain}};
const EnumTable<measures::CutoffScope> kCutoffScopes = {
    {"total", measures::CutoffScope::kTotal}, {"any_item", measures::CutoffScope::kAnyItem}};

std::string Indexed(const std::string& path, size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

// Calls read(row) for every object of the array `key`, then rejects the row's unknown keys.
template <typename Read>
void ForEachRow(ObjectReader& reader, std::string_view key, Need need, ErrorList& errors,
                Read read) {
  const json* rows = reader.Array(key, need);
  if (!rows) return;
  for (size_t i = 0; i < rows->size(); ++i) {
    ObjectReader row((*rows)[i], Indexed(reader.PathOf(key), i), errors);
    if (!row.valid()) continue;
    read(row);
    row.RejectUnknownKeys();
  }
}

measures::ItemDefinition ReadItem(ObjectReader& row, ErrorList& errors) {
  measures::ItemDefinition item;
  item.number = row.Int("number", Need::kRequired, 1, kMaxScore).value_or(0);
  item.label = row.String("label", Need::kOptional).value_or("");
  item.min = row.Int("min", Need::kRequired, 0, kMaxScore).value_or(0);
  item.max = row.Int("max", Need::kRequired, 0, kMaxScore).value_or(0);
  item.scored = row.Bool("scored", Need::kOptional).value_or(true);
  item.not_assessed_code = row.Int("not_assessed_code", Need::kOptional, 0, kMaxScore);
  item.variants = ReadStringArray(row, "variants", Need::kOptional, errors);
  item.loinc = row.String("loinc", Need::kOptional).value_or("");
  item.text = row.String("text", Need::kOptional).value_or("");
  item.provenance = ReadProvenance(row);
  return item;
}

void ReadAggregation(ObjectReader& reader, InstrumentDefinition& instrument, ErrorList& errors) {
  const json* value = reader.Object("aggregation", Need::kRequired);
  if (!value) return;
  ObjectReader row(*value, reader.PathOf("aggregation"), errors);
  instrument.aggregation =
      row.Enum("rule", Need::kRequired, kAggregations).value_or(measures::Aggregation::kSum);
  ForEachRow(row, "domains", Need::kOptional, errors, [&](ObjectReader& domain) {
    instrument.domains.push_back(
        {domain.String("name", Need::kRequired).value_or(""),
         ReadIntArray(domain, "items", Need::kRequired, 1, kMaxScore, errors)});
  });
  ForEachRow(row, "subscales", Need::kOptional, errors, [&](ObjectReader& subscale) {
    measures::Subscale scale;
    scale.id = subscale.String("id", Need::kRequired).value_or("");
    scale.name = subscale.String("name", Need::kRequired).value_or("");
    scale.items = ReadIntArray(subscale, "items", Need::kRequired, 1, kMaxScore, errors);
    scale.direction = subscale.Enum("direction", Need::kRequired, kDirections)
                          .value_or(measures::Direction::kHigherWorse);
    scale.provenance = ReadProvenance(subscale);
    instrument.subscales.push_back(std::move(scale));
  });
  instrument.aggregation_provenance = ReadProvenance(row);
  row.RejectUnknownKeys();
}

void ReadMissing(ObjectReader& reader, InstrumentDefinition& instrument, ErrorList& errors) {
  const json* value = reader.Object("missing", Need::kRequired);
  if (!value) return;
  ObjectReader row(*value, reader.PathOf("missing"), errors);
  instrument.missing.policy = row.Enum("rule", Need::kRequired, kMissingPolicies)
                                  .value_or(measures::MissingPolicy::kComplete);
  instrument.missing.max_missing =
      row.Int("max_missing", Need::kOptional, 1, kMaxScore).value_or(0);
  instrument.missing.provenance = ReadProvenance(row);
  row.RejectUnknownKeys();
}

// Rows of {id, <value_key>, default?, tag, source} -> Parameters; the default's id goes to
// `chosen`.
void ReadThresholds(ObjectReader& reader, std::string_view key, std::string_view value_key,
                    const InstrumentDefinition& instrument, std::vector<Parameter>& rows,
                    std::string& chosen, ErrorList& errors) {
  ForEachRow(reader, key, Need::kOptional, errors, [&](ObjectReader& row) {
    Parameter parameter;
    parameter.id = row.String("id", Need::kRequired).value_or("");
    parameter.value = row.Int(value_key, Need::kRequired, 0, kMaxScore).value_or(0);
    if (row.Bool("default", Need::kOptional).value_or(false)) {
      if (!chosen.empty()) errors.Add(row.PathOf("default"), "only one row may be the default");
      chosen = parameter.id;
    }
    parameter.provenance = ReadProvenance(row);
    rows.push_back(std::move(parameter));
  });
  if (!rows.empty() && chosen.empty()) {
    errors.Add(reader.PathOf(key), "one row must be the default (" + instrument.id + ")");
  }
}

void ReadBandSchemes(ObjectReader& reader, InstrumentDefinition& instrument, ErrorList& errors) {
  ForEachRow(reader, "band_schemes", Need::kOptional, errors, [&](ObjectReader& row) {
    measures::BandScheme scheme;
    scheme.id = row.String("id", Need::kRequired).value_or("");
    scheme.name = row.String("name", Need::kRequired).value_or("");
    if (row.Bool("default", Need::kOptional).value_or(false)) {
      if (!instrument.default_band_scheme.empty()) {
        errors.Add(row.PathOf("default"), "only one band scheme may be the default");
      }
      instrument.default_band_scheme = scheme.id;
    }
    ForEachRow(row, "bands", Need::kRequired, errors, [&](ObjectReader& band) {
      scheme.bands.push_back({band.Int("min", Need::kRequired, 0, kMaxScore).value_or(0),
                              band.String("label", Need::kRequired).value_or("")});
    });
    scheme.provenance = ReadProvenance(row);
    instrument.band_schemes.push_back(std::move(scheme));
  });
  if (!instrument.band_schemes.empty() && instrument.default_band_scheme.empty()) {
    errors.Add(reader.PathOf("band_schemes"), "one band scheme must be the default");
  }
}

void ReadSafetyItem(ObjectReader& reader, InstrumentDefinition& instrument, ErrorList& errors) {
  const json* value = reader.Object("safety_item", Need::kOptional);
  if (!value) return;
  ObjectReader row(*value, reader.PathOf("safety_item"), errors);
  measures::SafetyItem item;
  item.item = row.Int("item", Need::kRequired, 1, kMaxScore).value_or(1);
  // An item instrument takes the range from the item; a totals-only one states it.
  const Need range_need = instrument.totals_only ? Need::kRequired : Need::kOptional;
  item.min = row.Int("min", range_need, 0, kMaxScore).value_or(0);
  item.max = row.Int("max", range_need, 0, kMaxScore).value_or(0);
  if (!instrument.totals_only && (row.Has("min") || row.Has("max"))) {
    errors.Add(row.path(),
               "min/max come from the item; state them only for a totals-only instrument");
  }
  item.alert_at = row.Int("alert_at", Need::kRequired, 1, kMaxScore).value_or(1);
  item.urgent_at = row.Int("urgent_at", Need::kRequired, 1, kMaxScore).value_or(1);
  item.provenance = ReadProvenance(row);
  row.RejectUnknownKeys();
  if (const measures::ItemDefinition* defined = instrument.FindItem(item.item)) {
    item.min = defined->min;
    item.max = defined->max;
  }
  instrument.safety_item = item;
}

void ReadCutoffs(ObjectReader& reader, InstrumentDefinition& instrument, ErrorList& errors) {
  ForEachRow(reader, "cutoffs", Need::kOptional, errors, [&](ObjectReader& row) {
    measures::Cutoff cutoff;
    cutoff.id = row.String("id", Need::kRequired).value_or("");
    cutoff.label = row.String("label", Need::kRequired).value_or("");
    cutoff.scope =
        row.Enum("scope", Need::kRequired, kCutoffScopes).value_or(measures::CutoffScope::kTotal);
    const std::optional<int> at_least = row.Int("at_least", Need::kOptional, 0, kMaxScore);
    const std::optional<int> at_most = row.Int("at_most", Need::kOptional, 0, kMaxScore);
    if (at_least.has_value() == at_most.has_value()) {
      errors.Add(row.path(), "give exactly one of at_least or at_most");
    }
    cutoff.comparison = at_least ? measures::Comparison::kAtLeast : measures::Comparison::kAtMost;
    cutoff.value = at_least.value_or(at_most.value_or(0));
    cutoff.provenance = ReadProvenance(row);
    instrument.cutoffs.push_back(std::move(cutoff));
  });
}

void ReadOptionalRules(ObjectReader& reader, InstrumentDefinition& instrument, ErrorList& errors) {
  if (const json* value = reader.Object("significant_improvement", Need::kOptional)) {
    ObjectReader row(*value, reader.PathOf("significant_improvement"), errors);
    measures::SignificantImprovementRule rule;
    rule.max_total = row.Int("max_total", Need::kRequired, 0, kMaxScore).value_or(0);
    rule.min_reduction_pct = row.Int("min_reduction_pct", Need::kRequired, 1, 100).value_or(100);
    rule.provenance = ReadProvenance(row);
    row.RejectUnknownKeys();
    instrument.significant_improvement = rule;
  }
  if (const json* value = reader.Object("percentage_multiplier", Need::kOptional)) {
    ObjectReader row(*value, reader.PathOf("percentage_multiplier"), errors);
    Parameter multiplier;
    multiplier.id = instrument.id + ".percentage_multiplier";
    multiplier.value = row.Int("value", Need::kRequired, 1, 100).value_or(1);
    multiplier.provenance = ReadProvenance(row);
    row.RejectUnknownKeys();
    instrument.percentage_multiplier = multiplier;
  }
}

// `wording`: {stem, responses: [{value, label}], attribution, tag, source}. With it every scored
// item needs its `text`, and each value of the items' range one response label; without it no
// item has a text.
void ReadWording(ObjectReader& reader, InstrumentDefinition& instrument, ErrorList& errors) {
  const json* value = reader.Object("wording", Need::kOptional);
  for (size_t i = 0; i < instrument.items.size(); ++i) {
    const measures::ItemDefinition& item = instrument.items[i];
    const std::string path = Indexed(reader.PathOf("items"), i) + ".text";
    if (!value && !item.text.empty()) errors.Add(path, "needs the instrument's `wording`");
    if (value && item.scored && item.text.empty()) errors.Add(path, "required with `wording`");
  }
  if (!value) return;
  ObjectReader row(*value, reader.PathOf("wording"), errors);
  measures::Wording wording;
  wording.stem = row.String("stem", Need::kRequired).value_or("");
  wording.attribution = row.String("attribution", Need::kRequired).value_or("");
  ForEachRow(row, "responses", Need::kRequired, errors, [&](ObjectReader& response) {
    const int number = static_cast<int>(wording.responses.size());
    const std::optional<int> given = response.Int("value", Need::kRequired, 0, kMaxScore);
    if (given && *given != number)
      errors.Add(response.PathOf("value"),
                 "must be " + std::to_string(number) + " (the values in order from 0)");
    wording.responses.push_back({number, response.String("label", Need::kRequired).value_or("")});
  });
  for (const measures::ItemDefinition& item : instrument.items) {
    if (item.scored && item.max + 1 != static_cast<int>(wording.responses.size())) {
      errors.Add(row.PathOf("responses"), "needs one label per value of every scored item");
      break;
    }
  }
  wording.provenance = ReadProvenance(row);
  row.RejectUnknownKeys();
  instrument.wording = std::move(wording);
}

void ReadHeader(ObjectReader& reader, InstrumentDefinition& instrument) {
  instrument.id = reader.String("id", Need::kRequired).value_or("");
  instrument.version = reader.String("version", Need::kRequired).value_or("");
  instrument.name = reader.String("name", Need::kRequired).value_or("");
  instrument.full_name = reader.String("full_name", Need::kRequired).value_or("");
  instrument.rater =
      reader.Enum("rater", Need::kRequired, kRaters).value_or(measures::Rater::kSelf);
  instrument.time_frame = reader.String("time_frame", Need::kRequired).value_or("");
  instrument.licensing = reader.String("licensing", Need::kRequired).value_or("");
  instrument.loinc_panel = reader.String("loinc_panel", Need::kOptional).value_or("");
  instrument.loinc_total = reader.String("loinc_total", Need::kOptional).value_or("");
  instrument.totals_only = reader.Bool("totals_only", Need::kOptional).value_or(false);
  instrument.trial_outcome = reader.Bool("trial_outcome", Need::kOptional).value_or(false);
  instrument.provenance = ReadProvenance(reader);
}

void ReadBody(ObjectReader& reader, InstrumentDefinition& instrument, ErrorList& errors) {
  if (instrument.aggregation == measures::Aggregation::kSubscales) {
    if (reader.Has("direction")) errors.Add(reader.PathOf("direction"), "is given per subscale");
  } else {
    instrument.direction = reader.Enum("direction", Need::kRequired, kDirections)
                               .value_or(measures::Direction::kHigherWorse);
  }
  std::vector<int> range =
      ReadIntArray(reader, "total_range", Need::kOptional, 0, kMaxScore, errors);
  if (range.size() == 2) {
    instrument.total_min = range[0];
    instrument.total_max = range[1];
  } else if (reader.Has("total_range")) {
    errors.Add(reader.PathOf("total_range"), "must be [min, max]");
  }
  ForEachRow(reader, "items", Need::kOptional, errors,
             [&](ObjectReader& row) { instrument.items.push_back(ReadItem(row, errors)); });
  ReadMissing(reader, instrument, errors);
  ReadBandSchemes(reader, instrument, errors);
  ReadThresholds(reader, "remission", "max_total", instrument, instrument.remission,
                 instrument.default_remission, errors);
  ReadThresholds(reader, "reliable_change", "points", instrument, instrument.reliable_change,
                 instrument.default_reliable_change, errors);
  ReadSafetyItem(reader, instrument, errors);
  ReadCutoffs(reader, instrument, errors);
  ReadOptionalRules(reader, instrument, errors);
  ReadWording(reader, instrument, errors);
}

void ReadInstrument(const std::string& key, const std::string& text,
                    std::vector<InstrumentDefinition>& instruments, ErrorList& errors) {
  const std::string root = "instruments/" + key + ".json:$";
  std::optional<json> document = io_internal::ParseDocument(text, root, errors);
  if (!document) return;
  ObjectReader reader(*document, root, errors);
  if (!reader.valid()) return;
  if (auto format = reader.String("format", Need::kRequired);
      format && *format != kInstrumentFormat) {
    errors.Add(reader.PathOf("format"), std::string("must be '") + kInstrumentFormat + "'");
  }
  InstrumentDefinition instrument;
  ReadHeader(reader, instrument);
  if (instrument.id != key)
    errors.Add(reader.PathOf("id"), "must equal the file name '" + key + "'");
  ReadAggregation(reader, instrument, errors);
  ReadBody(reader, instrument, errors);
  reader.RejectUnknownKeys();
  io_internal::CheckInstrument(instrument, root, errors);
  instruments.push_back(std::move(instrument));
}

}  // namespace

StatusOr<std::vector<InstrumentDefinition>> LoadInstruments(const InstrumentTexts& texts) {
  std::vector<InstrumentDefinition> instruments;
  ErrorList errors;
  if (texts.empty()) errors.Add("instruments", "no instrument definitions");
  for (const auto& [key, text] : texts) ReadInstrument(key, text, instruments, errors);
  if (!errors.empty()) return errors.ToStatus();
  return instruments;
}

}  // namespace refract
