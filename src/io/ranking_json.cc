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

constexpr char kModeratorPrefix[] = "moderator.";

bool Contains(const std::vector<std::string_view>& ids, std::string_view id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

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

void ReadWeight(ObjectReader& row, RankingKnowledge& ranking, ErrorList& errors) {
  Parameter weight;
  weight.id = row.String("id", Need::kRequired).value_or("");
  weight.value = row.Number("value", Need::kRequired, -100, 10000).value_or(0);
  weight.provenance = ReadProvenance(row);
  if (weight.id.empty()) return;
  if (!Contains(kRequiredRankingWeights, weight.id) && !weight.id.starts_with(kModeratorPrefix)) {
    errors.Add(row.PathOf("id"), "'" + weight.id + "' is not a ranking weight id");
  }
  if (!ranking.weights.emplace(weight.id, weight).second) {
    errors.Add(row.PathOf("id"), "duplicate id '" + weight.id + "'");
  }
}

void ReadModerator(ObjectReader& row, RankingKnowledge& ranking, ErrorList& errors) {
  Moderator moderator;
  moderator.id = row.String("id", Need::kRequired).value_or("");
  moderator.label = row.String("label", Need::kRequired).value_or("");
  moderator.fact = row.String("fact", Need::kRequired).value_or("");
  if (!moderator.fact.empty() && !IsPatientFactId(moderator.fact)) {
    errors.Add(row.PathOf("fact"), "'" + moderator.fact + "' is not a fact id");
  }
  moderator.options = io_internal::ReadStringArray(row, "options", Need::kRequired, errors);
  if (row.valid() && moderator.options.empty()) errors.Add(row.PathOf("options"), "is empty");
  moderator.strength = row.String("strength", Need::kRequired).value_or("");
  if (!moderator.strength.empty() &&
      !ranking.weights.contains(kModeratorPrefix + moderator.strength)) {
    errors.Add(row.PathOf("strength"), "'" + moderator.strength + "' has no weight '" +
                                           kModeratorPrefix + moderator.strength + "'");
  }
  moderator.finding = row.String("finding", Need::kRequired).value_or("");
  moderator.provenance = ReadProvenance(row);
  const bool duplicate =
      std::any_of(ranking.moderators.begin(), ranking.moderators.end(),
                  [&](const Moderator& other) { return other.id == moderator.id; });
  if (duplicate) errors.Add(row.PathOf("id"), "duplicate id '" + moderator.id + "'");
  ranking.moderators.push_back(std::move(moderator));
}

// Reads the required non-empty string array `key`; with `check_facts`, every id must be a fact id.
std::vector<std::string> ReadIds(ObjectReader& row, std::string_view key, bool check_facts,
                                 ErrorList& errors) {
  std::vector<std::string> ids = io_internal::ReadStringArray(row, key, Need::kRequired, errors);
  if (row.valid() && ids.empty()) errors.Add(row.PathOf(key), "is empty");
  for (size_t i = 0; check_facts && i < ids.size(); ++i) {
    if (!IsPatientFactId(ids[i])) {
      errors.Add(row.PathOf(key) + "[" + std::to_string(i) + "]",
                 "'" + ids[i] + "' is not a fact, condition or situation id");
    }
  }
  return ids;
}

// The optional array `key` of fact, condition or situation ids.
std::vector<std::string> ReadOptionalFactIds(ObjectReader& row, std::string_view key,
                                             ErrorList& errors) {
  std::vector<std::string> ids = io_internal::ReadStringArray(row, key, Need::kOptional, errors);
  for (size_t i = 0; i < ids.size(); ++i) {
    if (!IsPatientFactId(ids[i])) {
      errors.Add(row.PathOf(key) + "[" + std::to_string(i) + "]",
                 "'" + ids[i] + "' is not a fact, condition or situation id");
    }
  }
  return ids;
}

void ReadIndication(ObjectReader& row, RankingKnowledge& ranking, ErrorList& errors) {
  Indication indication;
  indication.id = row.String("id", Need::kRequired).value_or("");
  indication.label = row.String("label", Need::kRequired).value_or("");
  indication.options = ReadIds(row, "options", false, errors);
  indication.when_any = ReadIds(row, "when_any", true, errors);
  indication.unless_any = ReadOptionalFactIds(row, "unless_any", errors);
  indication.text = row.String("text", Need::kRequired).value_or("");
  indication.provenance = ReadProvenance(row);
  const bool duplicate =
      std::any_of(ranking.indications.begin(), ranking.indications.end(),
                  [&](const Indication& other) { return other.id == indication.id; });
  if (duplicate) errors.Add(row.PathOf("id"), "duplicate id '" + indication.id + "'");
  ranking.indications.push_back(std::move(indication));
}

void ReadStepRule(ObjectReader& row, RankingKnowledge& ranking, ErrorList& errors) {
  StepRule rule;
  rule.id = row.String("id", Need::kRequired).value_or("");
  rule.options = ReadIds(row, "options", false, errors);
  rule.min_failed = row.Int("min_failed", Need::kRequired, 0, 20).value_or(0);
  rule.max_failed = row.Int("max_failed", Need::kRequired, 0, 20).value_or(0);
  if (rule.max_failed < rule.min_failed) {
    errors.Add(row.PathOf("max_failed"), "is below min_failed");
  }
  rule.unless_declined =
      io_internal::ReadStringArray(row, "unless_declined", Need::kOptional, errors);
  rule.unless_any = ReadOptionalFactIds(row, "unless_any", errors);
  rule.weight = row.String("weight", Need::kRequired).value_or("");
  if (!rule.weight.empty() && !ranking.weights.contains(rule.weight)) {
    errors.Add(row.PathOf("weight"), "'" + rule.weight + "' is not a weight of this table");
  }
  rule.text = row.String("text", Need::kRequired).value_or("");
  rule.provenance = ReadProvenance(row);
  ranking.step_rules.push_back(std::move(rule));
}

void ReadMessage(ObjectReader& row, RankingKnowledge& ranking, ErrorList& errors) {
  const std::string id = row.String("id", Need::kRequired).value_or("");
  RankingMessage message{row.String("text", Need::kRequired).value_or(""), ReadProvenance(row)};
  if (id.empty()) return;
  if (!Contains(kRequiredRankingMessages, id)) {
    errors.Add(row.PathOf("id"), "'" + id + "' is not a ranking message id");
  }
  if (!ranking.messages.emplace(id, std::move(message)).second) {
    errors.Add(row.PathOf("id"), "duplicate id '" + id + "'");
  }
}

void CheckComplete(const RankingKnowledge& ranking, const std::string& root, ErrorList& errors) {
  for (std::string_view id : kRequiredRankingWeights) {
    if (!ranking.weights.contains(id)) {
      errors.Add(root + ".weights", "missing the weight '" + std::string(id) + "'");
    }
  }
  for (std::string_view id : kRequiredRankingMessages) {
    if (!ranking.messages.contains(id)) {
      errors.Add(root + ".messages", "missing the message '" + std::string(id) + "'");
    }
  }
}

}  // namespace

StatusOr<RankingKnowledge> LoadRanking(const std::string& text) {
  return io_internal::ReadKnowledgeTable<RankingKnowledge>(
      text, "ranking.json", "ranking",
      [](ObjectReader& reader, RankingKnowledge& ranking, ErrorList& errors) {
        ForEachRow(reader, "weights", errors,
                   [&](ObjectReader& row) { ReadWeight(row, ranking, errors); });
        ForEachRow(reader, "moderators", errors,
                   [&](ObjectReader& row) { ReadModerator(row, ranking, errors); });
        ForEachRow(reader, "indications", errors,
                   [&](ObjectReader& row) { ReadIndication(row, ranking, errors); });
        ForEachRow(reader, "step_rules", errors,
                   [&](ObjectReader& row) { ReadStepRule(row, ranking, errors); });
        ForEachRow(reader, "messages", errors,
                   [&](ObjectReader& row) { ReadMessage(row, ranking, errors); });
        if (reader.valid()) CheckComplete(ranking, reader.path(), errors);
      });
}

}  // namespace refract
