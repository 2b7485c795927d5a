#include "input_notes_text.h"

#include <fmt/format.h>

#include <vector>

namespace refract::cli {

std::string InputNotesLine(const Assessment& assessment) {
  std::vector<std::string> read_as;
  for (const InputNote& note : assessment.input_notes)
    read_as.push_back(fmt::format("'{}' read as {}", note.input, note.read_as));
  return read_as.empty() ? "" : fmt::format("input: {}\n", fmt::join(read_as, "; "));
}

}  // namespace refract::cli
