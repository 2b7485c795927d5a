#include "administration_json.h"

#include <algorithm>

#include "name_lookup.h"

namespace refract::io_internal {
namespace {

using nlohmann::json;

void ReadItems(ObjectReader& reader, const measures::InstrumentDefinition& instrument,
               Administration& administration, ErrorList& errors) {
  const json* items = reader.Array("items", Need::kOptional);
  if (!items) return;
  const std::string path = reader.PathOf("items");
  if (instrument.totals_only) {
    errors.Add(path, instrument.name + " is recorded as a total only (its items are copyrighted)");
    return;
  }
  const size_t scored = static_cast<size_t>(
      std::count_if(instrument.items.begin(), instrument.items.end(),
                    [](const measures::ItemDefinition& item) { return item.scored; }));
  const bool scored_only = items->size() == scored && scored != instrument.items.size();
  if (items->size() != instrument.items.size() && !scored_only) {
    errors.Add(path, "must list the " + std::to_string(scored) + " scored items or all " +
                         std::to_string(instrument.items.size()) + " items of " + instrument.name +
                         " (got " + std::to_string(items->size()) + ")");
    return;
  }
  size_t next = 0;
  for (const measures::ItemDefinition& item : instrument.items) {
    if (scored_only && !item.scored) {
      administration.items.push_back(std::nullopt);
      continue;
    }
    const size_t i = next++;
    const json& value = items->at(i);
    const std::string item_path = path + "[" + std::to_string(i) + "]";
    if (value.is_null()) {
      administration.items.push_back(std::nullopt);
    } else if (!value.is_number_integer()) {
      errors.Add(item_path, "must be an integer or null (unanswered)");
    } else if (value.get<long long>() < item.min || value.get<long long>() > item.max) {
      errors.Add(item_path, "item " + std::to_string(item.number) + " must be between " +
                                std::to_string(item.min) + " and " + std::to_string(item.max) +
                                " (got " + value.dump() + "); values are never clamped");
    } else {
      administration.items.push_back(value.get<int>());
    }
  }
}

void ReadVariants(ObjectReader& reader, const measures::InstrumentDefinition& instrument,
                  Administration& administration, ErrorList& errors) {
  for (const measures::ItemDefinition& item : instrument.items) {
    if (item.variants.empty()) continue;
    const std::string key = "item" + std::to_string(item.number) + "_variant";
    std::optional<std::string> variant = reader.String(key, Need::kOptional);
    const size_t index = static_cast<size_t>(item.number - 1);
    const bool answered = index < administration.items.size() && administration.items[index] &&
                          *administration.items[index] != item.not_assessed_code;
    if (!variant && answered) {
      errors.Add(reader.PathOf(key), "is required when item " + std::to_string(item.number) +
                                         " is answered (which variant was rated)");
    }
    if (!variant) continue;
    if (std::find(item.variants.begin(), item.variants.end(), *variant) == item.variants.end()) {
      errors.Add(reader.PathOf(key),
                 "'" + *variant + "' is not a variant of item " + std::to_string(item.number));
      continue;
    }
    administration.variants[item.number] = *variant;
  }
}

Administration ReadAdministration(const json& value, const std::string& path,
                                  const RecordDates& dates,
                                  const std::vector<measures::InstrumentDefinition>& instruments,
                                  ErrorList& errors) {
  Administration administration;
  ObjectReader reader(value, path, errors);
  if (!reader.valid()) return administration;
  administration.instrument = reader.String("instrument", Need::kRequired).value_or("");
  if (auto date = ReadRecordDate(reader, "date", Need::kRequired, dates, errors)) {
    administration.date = date->value;
    administration.date_partial = date->partial;
  }
  administration.treatment = reader.String("treatment", Need::kOptional).value_or("");
  administration.session = reader.Int("session", Need::kOptional, 0, 1000);
  const measures::InstrumentDefinition* instrument =
      measures::FindInstrument(instruments, administration.instrument);
  if (!instrument) {
    if (!administration.instrument.empty()) {
      std::vector<std::string> ids;
      for (const measures::InstrumentDefinition& known : instruments) ids.push_back(known.id);
      errors.Add(reader.PathOf("instrument"),
                 UnknownIdRule({"instrument", "instruments"}, administration.instrument, ids));
    }
    return administration;
  }
  ReadItems(reader, *instrument, administration, errors);
  ReadVariants(reader, *instrument, administration, errors);
  administration.total =
      reader.Int("total", Need::kOptional, instrument->total_min, instrument->total_max);
  const bool has_items = reader.Has("items");
  if (has_items == administration.total.has_value() && reader.Has("total") == has_items) {
    errors.Add(path, "must give either items[] or total, not both and not neither");
  }
  if (instrument->safety_item) {
    administration.safety_item = reader.Int(
        "safety_item", Need::kOptional, instrument->safety_item->min, instrument->safety_item->max);
    if (administration.safety_item && has_items) {
      errors.Add(reader.PathOf("safety_item"),
                 "only for total-only administrations (items[] already "
                 "holds the self-harm item)");
    }
  }
  reader.RejectUnknownKeys();
  return administration;
}

}  // namespace

std::vector<Administration> ReadAdministrations(
    const json& array, const RecordDates& dates,
    const std::vector<measures::InstrumentDefinition>& instruments, ErrorList& errors) {
  std::vector<Administration> administrations;
  for (size_t i = 0; i < array.size(); ++i) {
    administrations.push_back(ReadAdministration(
        array.at(i), "$.assessments[" + std::to_string(i) + "]", dates, instruments, errors));
  }
  return administrations;
}

}  // namespace refract::io_internal
