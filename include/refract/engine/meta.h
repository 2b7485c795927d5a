// Meta-analysis through the engine (Engine::Meta): a study-level CSV (docs/meta-csv.md) or a
// Metapsy database table, given as text, mapped to effects, filtered by the sensitivity options,
// pooled with refract::stats::FitRma (a port of metafor 3.8-1 rma.uni) overall and by subgroup.
//
// The request carries the document's text, never a path: the caller reads the file. Error
// messages name the line, column and rule ("line 4, column 'vi': sampling variance must be > 0")
// but no file; an adapter prefixes its own name for the input. Errors: kInvalidArgument for a
// malformed document, an option outside its domain (status.details() names the request field:
// "measure", "method", "level", "rho", "min_rob", "separator", "decimal_mark", "lower_is_better",
// "dependency", and for the further analyses "order", "mods", "predict", "by", "knha",
// "one_per_study"), a three-level model that cannot be fitted (kInvalidArgument or
// kFailedPrecondition), or fewer than two effects left to pool. With method MH or PETO, `overall`
// is the inverse-variance fixed-effect fit of the per-study effects and analyses.tables the
// Mantel-Haenszel / Peto pooling.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "refract/engine/meta_analyses.h"
#include "refract/engine/meta_dependency.h"
#include "refract/evidence/pooling.h"

namespace refract {

enum class MetaFormat {
  kCsv,      // the generic CSV of docs/meta-csv.md (separator and decimal mark of the request)
  kMetapsy,  // the Metapsy data standard (semicolon, decimal comma; effects are Hedges' g)
};

// The tau^2 estimators a request can name (metafor's method argument; FE for a fixed effect).
inline constexpr std::string_view kMetaMethods[] = {"FE", "DL",   "HE", "SJ",
                                                    "ML", "REML", "EB", "PM"};

struct MetaRequest {
  MetaFormat format = MetaFormat::kCsv;
  std::string text;             // the whole document
  std::string measure = "SMD";  // SMD, MD, RR, OR, RD, ZCOR, GEN; Metapsy: SMD only
  std::string method = "REML";  // one of kMetaMethods, or MH / PETO (IsTableMethod)
  bool knha = false;            // Knapp-Hartung t-based inference
  std::string by;               // pool separately by this column; "" for no subgroups
  char separator = ',';         // CSV only
  char decimal_mark = '.';      // CSV only: '.' or ','
  // How several effects of one study are handled (meta_dependency.h); one_per_study = true is
  // the same as dependency = kOnePerStudy.
  MetaDependency dependency = MetaDependency::kIndependent;
  bool one_per_study = false;     // sensitivity: average the effects within each study
  double rho = 0.5;               // ... with this assumed correlation, in [0, 1]
  std::optional<double> min_rob;  // sensitivity: keep rows whose 'rob' is >= this
  double level = 95;              // confidence level in %, in [50, 99.99]
  // Sign convention: positive effects favour arm 1 (the intervention). Metapsy's g follows it. A
  // CSV's effects are arm 1 - arm 2 (log ratios arm 1 / arm 2, as metafor's escalc), which favour
  // arm 1 when positive only if higher outcome values are better; for outcomes where lower is
  // better (symptom scores, adverse events) this flag negates every effect (CSV only).
  bool lower_is_better = false;
  MetaAnalysesRequest analyses;  // leave1out, cumulative, mods, ... (meta_analyses.h)
};

struct MetaResult {
  std::string format;                // "csv" or "metapsy"
  std::string measure;               // metafor name: "SMD", "OR", ...
  std::string measure_label;         // e.g. "SMD (Hedges' g)"; "Hedges' g" for Metapsy
  bool log_ratio = false;            // OR/RR: also report exp()
  int given = 0;                     // effects taken from the input
  int computed = 0;                  // effects computed from raw data
  std::vector<std::string> skipped;  // "line N: <reason>" for rows without effect data
  std::optional<double> min_rob;     // the rob filter applied
  std::optional<double> rho;         // the within-study correlation, when one per study
  bool negated = false;              // effects negated (lower_is_better): positive favours arm 1
  // The effects analysed (after the sensitivity filters), each with only the attribute columns
  // the request needs (the `by` column, 'rob'); overall.rows and the subgroups' rows index them.
  evidence::EffectRecords records;
  MetaDependencyResult dependency;  // the handling used, effects, studies, three-level fit
  evidence::PooledEstimate overall;
  std::optional<evidence::SubgroupAnalysis> subgroups;  // with a `by` column
  MetaAnalysesResult analyses;                          // the requested further analyses
};

}  // namespace refract
