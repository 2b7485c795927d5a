// Generic meta-analysis CSV rows -> effect records (the input of `refract meta FILE`).
//
// Column conventions (documented for users in docs/meta-csv.md); names follow metafor's escalc
// arguments, with the short aliases in parentheses:
//   study             study label (required); `label` (optional) overrides the displayed label
//   yi, vi | sei      a given effect and its sampling variance or standard error (any measure)
//   SMD, MD           n1i m1i sd1i n2i m2i sd2i   (n1 m1 sd1 n2 m2 sd2)
//   RR, OR, RD        ai bi ci di, or ai n1i ci n2i (bi = n1i - ai, di = n2i - ci)
//   ZCOR              ri ni                        (r n)
// For each row, given yi with vi (or sei) wins; otherwise the effect is computed from the raw
// columns of the measure with refract::stats (escalc defaults); a row with neither is skipped (as
// metafor's na.omit) and listed in MetaCsvData::skipped. Measure GEN accepts only yi/vi/sei.
// MapMetaCsv keeps all columns as attributes; ReadMetaCsv (the streaming path for large files)
// reads only the columns above plus the requested attribute columns, and keeps only those as
// attributes.
//
// Errors (kInvalidArgument) name the line, column and rule: "line 4, column 'vi': sampling
// variance must be > 0", "line 6, column 'sd1i': must be >= 0", "line 3, column 'n1i': malformed
// number 'ten'"; a header without the columns a measure needs is an error naming them.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "refract/base/status.h"
#include "refract/evidence/csv_reader.h"
#include "refract/evidence/effect_record.h"

namespace refract::evidence {

enum class MetaMeasure { kSmd, kMd, kRr, kOr, kRd, kZcor, kGen };

// "SMD", "MD", "RR", "OR", "RD", "ZCOR", "GEN" (case-sensitive, as metafor).
StatusOr<MetaMeasure> ParseMetaMeasure(std::string_view name);
std::string MetaMeasureName(MetaMeasure measure);

// Axis label of a measure: "SMD (Hedges' g)", "Log Risk Ratio", ...
std::string MetaMeasureLabel(MetaMeasure measure);

// True for the log-ratio measures (RR, OR), whose results are also shown exponentiated.
bool IsLogRatio(MetaMeasure measure);

struct MetaCsvData {
  EffectRecords records;
  int given = 0;                     // rows with yi/vi given
  int computed = 0;                  // rows computed from raw columns
  std::vector<std::string> skipped;  // "line N: <reason>"
};

StatusOr<MetaCsvData> MapMetaCsv(const CsvTable& table, MetaMeasure measure, char decimal_mark);

// Parses and maps in one streaming pass; each record's attributes hold only the `attributes`
// columns that exist (e.g. the --by column). Same errors as ParseCsv and MapMetaCsv.
StatusOr<MetaCsvData> ReadMetaCsv(std::string_view bytes, const CsvDialect& dialect,
                                  MetaMeasure measure, std::span<const std::string> attributes);

}  // namespace refract::evidence
