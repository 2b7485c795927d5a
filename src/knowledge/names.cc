#include "refract/knowledge/names.h"

#include <array>
#include <cctype>
#include <map>
#include <set>

namespace refract {
namespace {

struct ReleaseSuffix {
  std::string_view normalised;
  std::string_view display;
};

// Release-form suffixes as written on UK and US labels.
constexpr std::array<ReleaseSuffix, 9> kReleaseSuffixes = {
    {{"prolongedrelease", "prolonged release"},
     {"modifiedrelease", "modified release"},
     {"xl", "XL"},
     {"xr", "XR"},
     {"sr", "SR"},
     {"er", "ER"},
     {"cr", "CR"},
     {"mr", "MR"},
     {"la", "LA"}}};

bool Ignored(char c) { return c == ' ' || c == '_' || c == '-'; }

char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// NormalizeName(text) == key, without building the normalised text.
bool NormalisesTo(std::string_view text, std::string_view key) {
  size_t k = 0;
  for (char c : text) {
    if (Ignored(c)) continue;
    if (k == key.size() || Lower(c) != key[k]) return false;
    ++k;
  }
  return k == key.size();
}

// The ids whose candidate text normalises to `key`.
std::set<std::string> IdsFor(std::string_view key, const std::vector<NameCandidate>& candidates,
                             const NameCandidate** first) {
  std::set<std::string> ids;
  for (const NameCandidate& candidate : candidates) {
    if (!NormalisesTo(candidate.text, key)) continue;
    if (ids.empty()) *first = &candidate;
    ids.insert(candidate.id);
  }
  return ids;
}

}  // namespace

std::string NormalizeName(std::string_view text) {
  std::string normal;
  for (char c : text) {
    if (!Ignored(c)) normal += Lower(c);
  }
  return normal;
}

std::optional<NameMatch> MatchName(std::string_view input,
                                   const std::vector<NameCandidate>& candidates) {
  const std::string key = NormalizeName(input);
  const NameCandidate* found = nullptr;
  std::set<std::string> ids = IdsFor(key, candidates, &found);
  if (ids.size() == 1) {
    if (found->id == input) return NameMatch{found->id, ""};
    return NameMatch{found->id, found->how.empty() ? "written differently" : found->how};
  }
  if (!ids.empty()) return std::nullopt;
  for (const ReleaseSuffix& suffix : kReleaseSuffixes) {
    const std::string_view ending = suffix.normalised;
    if (key.size() <= ending.size() || !key.ends_with(ending)) continue;
    ids = IdsFor(key.substr(0, key.size() - ending.size()), candidates, &found);
    if (ids.size() != 1) continue;
    std::string how = "release form " + std::string(suffix.display) + " ignored";
    if (!found->how.empty()) how += "; " + found->how;
    return NameMatch{found->id, how};
  }
  return std::nullopt;
}

std::vector<std::string> AmbiguousNames(const std::vector<NameCandidate>& candidates) {
  std::map<std::string, std::set<std::string>> ids_by_key;
  for (const NameCandidate& candidate : candidates)
    ids_by_key[NormalizeName(candidate.text)].insert(candidate.id);
  std::vector<std::string> ambiguous;
  for (const auto& [key, ids] : ids_by_key) {
    if (ids.size() < 2) continue;
    std::string listed;
    for (const std::string& id : ids) listed += (listed.empty() ? "" : ", ") + id;
    ambiguous.push_back(key + " (" + listed + ")");
  }
  return ambiguous;
}

}  // namespace refract
