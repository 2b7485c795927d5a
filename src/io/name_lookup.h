// Reading ids that name knowledge entries, with the names clinicians write and "did you mean"
// help for unknown ones (private to refract::io).
//
// An unknown id is reported as
//   "$.treatments[2].agent: unknown augmenting agent 'aripiprazol': did you mean 'aripiprazole'?
//    (accepted ids: quetiapine, aripiprazole, ...; refract ids augmenters)"
// suggesting the nearest ids by edit distance (base/edit_distance.h) and listing every accepted id
// when there are at most kListAllAtMost of them; otherwise only the `refract ids KIND` command.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "json_reader.h"
#include "refract/domain/patient.h"
#include "refract/knowledge/names.h"

namespace refract::io_internal {

inline constexpr size_t kListAllAtMost = 12;

// What an id field names: "antidepressant" entries, listed by `refract ids drugs`.
struct IdKind {
  std::string what;      // "antidepressant", "augmenting agent", "instrument", ...
  std::string ids_kind;  // the KIND of `refract ids KIND`
};

// The rule for an unknown id: "unknown <what> '<value>'", a suggestion among `candidates` (shown
// by their id, or as "'Zoloft' (sertraline)" for an alias), and the accepted ids.
std::string UnknownIdRule(const IdKind& kind, std::string_view value,
                          const std::vector<NameCandidate>& candidates);

// The same for plain ids (no aliases).
std::string UnknownIdRule(const IdKind& kind, std::string_view value,
                          const std::vector<std::string>& ids);

// Reads the string at `key` and returns the id it names ("" when absent or unknown, with the error
// reported). A value written differently from the id (a brand, a release form, another case) adds
// an InputNote.
std::string ReadNamedId(ObjectReader& reader, std::string_view key, Need need, const IdKind& kind,
                        const std::vector<NameCandidate>& candidates, std::vector<InputNote>& notes,
                        ErrorList& errors);

}  // namespace refract::io_internal
