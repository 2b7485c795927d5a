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
  if (!moderator.fact.empty() && !Contains(kFactIds, moderator.fact)) {
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
        ForEachRow(reader, "messages", errors,
                   [&](ObjectReader& row) { ReadMessage(row, ranking, errors); });
        if (reader.valid()) CheckComplete(ranking, reader.path(), errors);
      });
}

}  // namespace refract
