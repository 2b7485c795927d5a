// Loading the knowledge tables (knowledge/*.json, format refract-knowledge/1).
//
// The five tables (antidepressants, augmenters, psychotherapies, instruments, parameters) are
// compiled into the binary from knowledge/ at build time, so `refract` runs without any data
// directory; a directory can be given instead to try changed values without rebuilding. Loading
// validates every row (tags V/E/U/D, a source for each row, positive doses, unique ids) and that
// every parameter the engine reads is present. Errors: kInvalidArgument naming the table, the row
// and the rule. Never throws.
#pragma once

#include <map>
#include <string>

#include "refract/base/status.h"
#include "refract/knowledge/knowledge.h"

namespace refract {

// Table name ("antidepressants", ...) -> JSON text.
using KnowledgeTexts = std::map<std::string, std::string>;

// The tables compiled into the binary.
const KnowledgeTexts& EmbeddedKnowledgeTexts();

StatusOr<KnowledgeBase> LoadKnowledge(const KnowledgeTexts& texts);

// Reads <directory>/<table>.json for every table. kNotFound when a file is missing.
StatusOr<KnowledgeTexts> ReadKnowledgeDirectory(const std::string& directory);

}  // namespace refract
