// Loading the knowledge tables (knowledge/*.json, format refract-knowledge/1).
//
// The five tables (antidepressants, augmenters, psychotherapies, adverse_effects, parameters) are
// compiled into the binary from knowledge/ at build time, so `refract` runs without any data
// directory; a directory can be given instead to try changed values without rebuilding. Loading
// validates every row (tags V/E/U/D, a source for each row, positive doses, unique ids) and that
// every parameter the engine reads is present. The trial-outcome instruments (score range and
// remission threshold) are not a table of their own: they are the instrument definitions marked
// trial_outcome (knowledge/instruments/*.json), so that each threshold is written once. Errors:
// kInvalidArgument naming the table, the row and the rule. Never throws.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "refract/base/status.h"
#include "refract/knowledge/knowledge.h"
#include "refract/measures/instrument.h"

namespace refract {

// Table name ("antidepressants", ...) -> JSON text.
using KnowledgeTexts = std::map<std::string, std::string>;

// The tables compiled into the binary.
const KnowledgeTexts& EmbeddedKnowledgeTexts();

// The tables, with the trial-outcome instruments taken from `instruments` (at least one needed);
// KnowledgeBase::version names each table and each trial-outcome instrument ("phq9@2026.12.1").
StatusOr<KnowledgeBase> LoadKnowledge(
    const KnowledgeTexts& texts, const std::vector<measures::InstrumentDefinition>& instruments);

// The same with the instrument definitions compiled into the binary.
StatusOr<KnowledgeBase> LoadKnowledge(const KnowledgeTexts& texts);

// Reads <directory>/<table>.json for every table. kNotFound when a file is missing.
StatusOr<KnowledgeTexts> ReadKnowledgeDirectory(const std::string& directory);

}  // namespace refract
