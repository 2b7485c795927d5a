// Loading what the next-step options need (docs/options.md): the ranking table
// (knowledge/ranking.json), the synthesis definitions (knowledge/evidence_syntheses.json), the
// intervention catalogue (interventions_json.h) and the Metapsy database the syntheses pool
// (data/metapsy/). All four are compiled into the binary; `--knowledge DIR` replaces the three
// tables (the data stay embedded).
//
// Loading is strict, as for every knowledge file: unknown fields, bad tags, unknown fact, option,
// weight or message ids, a moderator whose strength has no weight, a missing required weight or
// message and duplicate ids are errors. Errors: kInvalidArgument, one line per problem, each naming
// the file and JSON path, e.g. "ranking.json:$.moderators[2].fact: 'severity' is not a fact id";
// the checks across files (PrepareOptions) name the file and the option or synthesis id instead.
// Never throws.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "refract/base/status.h"
#include "refract/knowledge/knowledge.h"
#include "refract/options/computed_evidence.h"
#include "refract/options/ranking.h"
#include "refract/options/ranking_knowledge.h"

namespace refract {

// The files compiled into the binary.
const std::string& EmbeddedRankingText();
const std::string& EmbeddedSynthesesText();
const std::string& EmbeddedMetapsyText();  // data/metapsy/depression-psyctr.csv

StatusOr<RankingKnowledge> LoadRanking(const std::string& text);

struct SynthesesTable {
  std::string version;       // "evidence_syntheses@<table version>"
  std::string data_version;  // "<data id>@<data version>", e.g. "metapsy-depression-psyctr@ceeabb7"
  // The sensitivity pools keep Metapsy rows with rob >= this (`low_risk_of_bias.min`; copied into
  // every spec's low_risk_min_rob).
  double low_risk_min_rob = 0;
  Provenance low_risk_provenance;
  std::vector<SynthesisSpec> specs;
};

StatusOr<SynthesesTable> LoadSyntheses(const std::string& text);

struct OptionsTexts {
  std::string interventions;
  std::string ranking;
  std::string syntheses;
  std::string metapsy_csv;
};

OptionsTexts EmbeddedOptionsTexts();

// <directory>/interventions.json, ranking.json and evidence_syntheses.json, with the embedded
// Metapsy data. kNotFound when a file is missing.
StatusOr<OptionsTexts> ReadOptionsDirectory(const std::string& directory);

// Loads the three tables, maps the Metapsy rows and prepares the options (PrepareOptions).
// `knowledge` supplies the psychotherapy modalities and the measurement review parameters.
StatusOr<std::shared_ptr<const OptionsKnowledge>> LoadOptions(const OptionsTexts& texts,
                                                              const KnowledgeBase& knowledge);

}  // namespace refract
