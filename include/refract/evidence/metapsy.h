// Metapsy database rows -> comparisons with Hedges' g and its standard error.
//
// Input: a CsvTable parsed with kMetapsyDialect (semicolon, decimal comma, "NA" missing) from the
// Metapsy data standard (Metapsy project, Cuijpers et al.; e.g. data-depression-psyctr,
// DOI 10.5281/zenodo.7254845; column meanings in data/metapsy/variable_description.json).
//
// For each row (one psychotherapy-vs-control comparison):
//   1. if `.g` and `.g_se` are both present, they are used as given (EffectSource::kGiven); the
//      database computes them with metapsyTools (positive g favours arm 1, the psychotherapy);
//   2. otherwise, if mean_arm1/2, sd_arm1/2 and n_arm1/2 are all present, g is recomputed by
//      stats::ComputeSmd (exact Hedges correction, vtype LS, as metafor) with the sign flipped so
//      that, as in the database, positive g means fewer symptoms in arm 1
//      (EffectSource::kComputedFromRaw);
//   3. otherwise the row is skipped and reported in MetapsyData::skipped.
// vi = se^2. Every column is kept as a raw-text attribute for subgrouping (`condition_arm1`,
// `condition_arm2`, `format`, `rob`, ...).
//
// Errors (kInvalidArgument) name the line and column: "line 7, column '.g_se': malformed number
// 'abc'", "line 7, column '.g_se': standard error must be > 0". Missing required columns
// ("study", ".g", ".g_se") are errors too.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "refract/base/status.h"
#include "refract/evidence/csv_reader.h"
#include "refract/evidence/effect_record.h"

namespace refract::evidence {

struct MetapsyData {
  EffectRecords comparisons;
  int from_database = 0;             // rows that used .g/.g_se
  int recomputed = 0;                // rows whose g was recomputed from means/SDs/ns
  std::vector<std::string> skipped;  // "line N: <reason>" for rows without usable data
};

// Maps parsed rows to comparisons. The caller reads the file (the adapters: src/io for the
// bundled database, the command line for `refract meta --metapsy`) and parses it with ParseCsv.
StatusOr<MetapsyData> MapMetapsy(const CsvTable& table);

// Parses and maps in one streaming pass, reading only the columns above plus `attributes` (e.g.
// the subgroup column and `rob`), which are the only attributes kept. Same errors as ParseCsv and
// MapMetapsy.
StatusOr<MetapsyData> ReadMetapsy(std::string_view bytes, std::span<const std::string> attributes);

}  // namespace refract::evidence
