// Reader of knowledge/ranking.json (format refract-knowledge/1, table "ranking").
#include <algorithm>
#include <set>

#include "json_reader.h"
#include "knowledge_json_common.h"
#include "refract/io/options_json.h"

namespace refract {
namespace {

using io_internal::ErrorList;
using io_internal::Need;
using io_internal::ObjectReader;
using io_internal::ReadProvenance;
using nlohmann::json;

// Calls `read` for each object element of the required array `key`.
template <typename Read>
void ForEachRow(ObjectReader& root, std::string_view key, ErrorList& errors, Read read) {
  const json* items = root.Array(key, Need::kRequired);
  if (!items) return;
  for (size_t i = 0; i < items->size(); ++i) {
    ObjectReader row(items->at(i), root.PathOf(key) + "[" + std::to_string(i) + "]", errors);
    if (!row.valid()) continue;
    read(row);
    row.RejectUnknownKeys();
  }
}

// Appends `item` to `rows`, reporting a duplicate id at the row's id.
template <typename Row>
void AddUnique(Row item, ObjectReader& row, std::vector<Row>& rows, ErrorList& errors) {
  const bool duplicate =
      std::any_of(rows.begin(), rows.end(), [&](const Row& other) { return other.id == item.id; });
  if (duplicate) errors.Add(row.PathOf("id"), "duplicate id '" + item.id + "'");
  rows.push_back(std::move(item));
}

void ReadWeight(ObjectReader& row, RankingKnowledge& ranking, ErrorList& errors) {
  Parameter weight;
  weight.id = row.String("id", Need::kRequired).value_or("");
  weight.value = row.Number("value", Need::kRequired, -100, 10000).value_or(0);
  weight.provenance = ReadProvenance(row);
  if (weight.id.empty()) return;
  if (!WeightId::Find(weight.id) && !weight.id.starts_with(kModeratorWeightPrefix)) {
    errors.Add(row.PathOf("id"), "'" + weight.id + "' is not a ranking weight id");
  } else if (!ranking.AddWeight(weight)) {
    errors.Add(row.PathOf("id"), "duplicate id '" + weight.id + "'");
  }
}

// Reads the string array `key` (a required one must not be empty); with `check_facts`, every id
// must be a fact, condition or situation id.
std::vector<std::string> ReadIds(ObjectReader& row, std::string_view key, Need need,
                                 bool check_facts, ErrorList& errors) {
  std::vector<std::string> ids = io_internal::ReadStringArray(row, key, need, errors);
  if (need == Need::kRequired && row.valid() && ids.empty()) {
    errors.Add(row.PathOf(key), "is empty");
  }
  for (size_t i = 0; check_facts && i < ids.size(); ++i) {
    if (!IsPatientFactId(ids[i])) {
      errors.Add(row.PathOf(key) + "[" + std::to_string(i) + "]",
                 "'" + ids[i] + "' is not a fact, condition or situation id");
    }
  }
  return ids;
}

void ReadModerator(ObjectReader& row, RankingKnowledge& ranking, ErrorList& errors) {
  Moderator moderator;
  moderator.id = row.String("id", Need::kRequired).value_or("");
  moderator.label = row.String("label", Need::kRequired).value_or("");
  moderator.fact = row.String("fact", Need::kRequired).value_or("");
  if (!moderator.fact.empty() && !IsPatientFactId(moderator.fact)) {
    errors.Add(row.PathOf("fact"), "'" + moderator.fact + "' is not a fact id");
  }
  moderator.options = ReadIds(row, "options", Need::kRequired, false, errors);
  moderator.strength = row.String("strength", Need::kRequired).value_or("");
  if (!moderator.strength.empty() &&
      !ranking.FindWeight(std::string(kModeratorWeightPrefix) + moderator.strength)) {
    errors.Add(row.PathOf("strength"), "'" + moderator.strength + "' has no weight '" +
                                           std::string(kModeratorWeightPrefix) +
                                           moderator.strength + "'");
  }
  moderator.finding = row.String("finding", Need::kRequired).value_or("");
  moderator.provenance = ReadProvenance(row);
  AddUnique(std::move(moderator), row, ranking.moderators, errors);
}

void ReadIndication(ObjectReader& row, RankingKnowledge& ranking, ErrorList& errors) {
  Indication indication;
  indication.id = row.String("id", Need::kRequired).value_or("");
  indication.label = row.String("label", Need::kRequired).value_or("");
  indication.options = ReadIds(row, "options", Need::kRequired, false, errors);
  indication.when_any = ReadIds(row, "when_any", Need::kRequired, true, errors);
  indication.unless_any = ReadIds(row, "unless_any", Need::kOptional, true, errors);
  indication.text = row.String("text", Need::kRequired).value_or("");
  indication.despite_failure = row.String("despite_failure", Need::kOptional).value_or("");
  indication.provenance = ReadProvenance(row);
  AddUnique(std::move(indication), row, ranking.indications, errors);
}

void ReadStepRule(ObjectReader& row, RankingKnowledge& ranking, ErrorList& errors) {
  StepRule rule;
  rule.id = row.String("id", Need::kRequired).value_or("");
  rule.options = ReadIds(row, "options", Need::kRequired, false, errors);
  rule.min_failed = row.Int("min_failed", Need::kRequired, 0, 20).value_or(0);
  rule.max_failed = row.Int("max_failed", Need::kRequired, 0, 20).value_or(0);
  if (rule.max_failed < rule.min_failed) {
    errors.Add(row.PathOf("max_failed"), "is below min_failed");
  }
  rule.unless_declined =
      io_internal::ReadStringArray(row, "unless_declined", Need::kOptional, errors);
  rule.unless_any = ReadIds(row, "unless_any", Need::kOptional, true, errors);
  rule.weight = row.String("weight", Need::kRequired).value_or("");
  if (!rule.weight.empty() && !ranking.FindWeight(rule.weight)) {
    errors.Add(row.PathOf("weight"), "'" + rule.weight + "' is not a weight of this table");
  }
  rule.text = row.String("text", Need::kRequired).value_or("");
  rule.provenance = ReadProvenance(row);
  AddUnique(std::move(rule), row, ranking.step_rules, errors);
}

void ReadMessage(ObjectReader& row, RankingKnowledge& ranking,
                 std::set<std::string, std::less<>>& given, ErrorList& errors) {
  const std::string id = row.String("id", Need::kRequired).value_or("");
  RankingMessage message{row.String("text", Need::kRequired).value_or(""), ReadProvenance(row)};
  if (id.empty()) return;
  RankingMessage* slot = ranking.messages.Find(id);
  if (!slot) {
    errors.Add(row.PathOf("id"), "'" + id + "' is not a ranking message id");
  } else if (given.contains(id)) {
    errors.Add(row.PathOf("id"), "duplicate id '" + id + "'");
  } else {
    given.insert(id);
    *slot = std::move(message);
  }
}

void CheckComplete(const RankingKnowledge& ranking,
                   const std::set<std::string, std::less<>>& given_messages,
                   const std::string& root, ErrorList& errors) {
  for (std::string_view id : kRequiredRankingWeights) {
    if (!ranking.FindWeight(id)) {
      errors.Add(root + ".weights", "missing the weight '" + std::string(id) + "'");
    }
  }
  for (std::string_view id : kRequiredRankingMessages) {
    if (!given_messages.contains(id)) {
      errors.Add(root + ".messages", "missing the message '" + std::string(id) + "'");
    }
  }
}

}  // namespace

StatusOr<RankingKnowledge> LoadRanking(const std::string& text) {
  return io_internal::ReadKnowledgeTable<RankingKnowledge>(
      text, "ranking.json", "ranking",
      [](ObjectReader& reader, RankingKnowledge& ranking, ErrorList& errors) {
        std::set<std::string, std::less<>> messages;
        ForEachRow(reader, "weights", errors,
                   [&](ObjectReader& row) { ReadWeight(row, ranking, errors); });
        ForEachRow(reader, "moderators", errors,
                   [&](ObjectReader& row) { ReadModerator(row, ranking, errors); });
        ForEachRow(reader, "indications", errors,
                   [&](ObjectReader& row) { ReadIndication(row, ranking, errors); });
        ForEachRow(reader, "step_rules", errors,
                   [&](ObjectReader& row) { ReadStepRule(row, ranking, errors); });
        ForEachRow(reader, "messages", errors,
                   [&](ObjectReader& row) { ReadMessage(row, ranking, messages, errors); });
        if (reader.valid()) CheckComplete(ranking, messages, reader.path(), errors);
      });
}

}  // namespace refract
