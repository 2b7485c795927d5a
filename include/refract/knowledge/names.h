// Matching the drug, augmenting-agent and psychotherapy names clinicians write to knowledge ids.
//
// A name matches an entry when, ignoring case, spaces, underscores and hyphens, it equals the
// entry's id, its display name or one of its aliases (brands with their source, knowledge/*.json).
// Failing that, a trailing release-form suffix (XL, XR, SR, ER, CR, MR, LA, "prolonged release",
// "modified release", as labels and the BNF write them) is dropped when the rest matches. An exact
// match always wins over a match without the suffix ("Paxil CR" is paroxetine_cr, not paroxetine).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "refract/knowledge/knowledge.h"

namespace refract {

// One text that names an entry, and how it was found.
struct NameCandidate {
  std::string id;
  std::string text;  // the id, the display name or an alias
  std::string how;   // "" for the id or display name; "other name (BNF: UK brand)" for an alias
};

struct NameMatch {
  std::string id;
  // Empty when the input is the id itself; otherwise how the input was read, for the report:
  // "other name (BNF: UK brand)", "release form XL ignored", "written differently".
  std::string how;
};

// Lower case, without spaces, underscores and hyphens: "Venlafaxine_XL" -> "venlafaxinexl".
std::string NormalizeName(std::string_view text);

// The id, display name and aliases of every entry (Antidepressant, AugmentingAgent,
// PsychotherapyModality), in table order.
template <typename Entry>
std::vector<NameCandidate> NameCandidates(const std::vector<Entry>& entries) {
  std::vector<NameCandidate> candidates;
  for (const Entry& entry : entries) {
    candidates.push_back({entry.id, entry.id, ""});
    candidates.push_back({entry.id, entry.name, ""});
    for (const NameAlias& alias : entry.aliases) {
      candidates.push_back({entry.id, alias.name, "other name (" + alias.provenance.source + ")"});
    }
  }
  return candidates;
}

// The entry `input` names, or nullopt (no entry, or two entries equally).
std::optional<NameMatch> MatchName(std::string_view input,
                                   const std::vector<NameCandidate>& candidates);

// Normalised texts that name two different entries (a knowledge-table error), as "text (id, id)".
std::vector<std::string> AmbiguousNames(const std::vector<NameCandidate>& candidates);

}  // namespace refract
