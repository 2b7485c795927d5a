#include "name_lookup.h"

#include <algorithm>

#include "refract/base/edit_distance.h"

namespace refract::io_internal {
namespace {

std::vector<std::string> UniqueIds(const std::vector<NameCandidate>& candidates) {
  std::vector<std::string> ids;
  for (const NameCandidate& candidate : candidates) {
    if (std::find(ids.begin(), ids.end(), candidate.id) == ids.end()) ids.push_back(candidate.id);
  }
  return ids;
}

std::string Accepted(const IdKind& kind, const std::vector<std::string>& ids) {
  if (ids.size() > kListAllAtMost) return " (accepted ids: refract ids " + kind.ids_kind + ")";
  std::string listed;
  for (const std::string& id : ids) listed += (listed.empty() ? "" : ", ") + id;
  return " (accepted ids: " + listed + "; refract ids " + kind.ids_kind + ")";
}

std::string Listed(const std::vector<std::string>& shown) {
  if (shown.empty()) return "";
  std::string text = ": did you mean ";
  for (size_t i = 0; i < shown.size(); ++i)
    text += (i == 0 ? "" : (i + 1 == shown.size() ? " or " : ", ")) + shown[i];
  return text + "?";
}

}  // namespace

std::string UnknownIdRule(const IdKind& kind, std::string_view value,
                          const std::vector<NameCandidate>& candidates) {
  std::vector<std::string> texts;
  for (const NameCandidate& candidate : candidates) texts.push_back(NormalizeName(candidate.text));
  std::vector<std::string> shown;
  for (const std::string& nearest : NearestCandidates(NormalizeName(value), texts)) {
    const NameCandidate& candidate = candidates[static_cast<size_t>(
        std::find(texts.begin(), texts.end(), nearest) - texts.begin())];
    const bool is_id = NormalizeName(candidate.id) == nearest;
    std::string text =
        is_id ? "'" + candidate.id + "'" : "'" + candidate.text + "' (" + candidate.id + ")";
    if (std::find(shown.begin(), shown.end(), text) == shown.end()) shown.push_back(text);
  }
  return "unknown " + kind.what + " '" + std::string(value) + "'" + Listed(shown) +
         Accepted(kind, UniqueIds(candidates));
}

std::string UnknownIdRule(const IdKind& kind, std::string_view value,
                          const std::vector<std::string>& ids) {
  return "unknown " + kind.what + " '" + std::string(value) + "'" + DidYouMean(value, ids) +
         Accepted(kind, ids);
}

std::string ReadNamedId(ObjectReader& reader, std::string_view key, Need need, const IdKind& kind,
                        const std::vector<NameCandidate>& candidates, std::vector<InputNote>& notes,
                        ErrorList& errors) {
  const std::optional<std::string> text = reader.String(key, need);
  if (!text) return "";
  const std::optional<NameMatch> match = MatchName(*text, candidates);
  if (!match) {
    errors.Add(reader.PathOf(key), UnknownIdRule(kind, *text, candidates));
    return "";
  }
  if (!match->how.empty()) notes.push_back({reader.PathOf(key), *text, match->id, match->how});
  return match->id;
}

}  // namespace refract::io_internal
