// Edit distance for "did you mean" suggestions on unknown ids.
//
// Debian 12 packages no C++ fuzzy-matching library, so this is a small implementation of the
// optimal-string-alignment variant of the Damerau-Levenshtein distance (insertions, deletions,
// substitutions and transpositions of two adjacent characters, each costing 1; Damerau 1964,
// Levenshtein 1966). Byte-wise; callers compare normalised (lower-case) text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace refract {

// The number of single-character edits (adjacent transpositions included) from `a` to `b`.
int EditDistance(std::string_view a, std::string_view b);

// The candidates nearest to `input` (all ties, at most `limit`, in candidate order), when the
// nearest is within max(1, length of input / 3) edits and fewer edits than `input` has
// characters; empty otherwise. Case is ignored.
std::vector<std::string> NearestCandidates(std::string_view input,
                                           const std::vector<std::string>& candidates,
                                           size_t limit = 3);

}  // namespace refract
