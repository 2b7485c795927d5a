// Fixed-effect pooling of 2x2 tables: Mantel–Haenszel (OR, RR, RD) and Peto's one-step log OR.
//
// Mirrors R metafor 3.8-1 rma.mh() and rma.peto() with their defaults
// (shared/data/metafor/README.md §12): the pooled estimates use the raw counts (no continuity
// correction, add = c(1/2, 0), to = c("only0", "none"), drop00 = c(TRUE, FALSE)).
//   MH OR: Mantel & Haenszel (1959); variance of log OR by Robins, Breslow & Greenland (1986).
//   MH RR: Greenland & Robins (1985) variance of log RR.
//   MH RD: variance of Sato, Greenland & Robins (1989).
//   Peto:  Yusuf, Peto, Lewis, Collins & Sleight (1985).
// Heterogeneity: MH uses the inverse-variance Q of the per-study escalc yi/vi (add 1/2 to "only0"
// tables, double-zero tables dropped, so k_yi may be < k); Peto uses its own
// Q = Σ(a−E)²/V − (Σ(a−E))²/ΣV. For MH OR also the Cochran (CO) and Cochran–Mantel–Haenszel (MH)
// tests (continuity-corrected by default) and the Breslow–Day (BD) and Tarone (TA) tests.
//
// Quantities metafor reports as NA are std::nullopt. Errors (kInvalidArgument) name the row:
// "ai[3]: must be >= 0"; "tables: need k >= 1"; Peto with no informative table is
// kFailedPrecondition.
#pragma once

#include <optional>
#include <span>

#include "refract/base/status.h"
#include "refract/stats/effect_size.h"

namespace refract::stats {

enum class MhMeasure { kOr, kRr, kRd };

struct MhOptions {
  double level = 0.95;  // confidence level of the CI
  bool correct = true;  // continuity correction of the CO and MH tests
};

// A test statistic with its p-value.
struct TestStatistic {
  double statistic = 0;
  double pval = 0;
};

// Fixed-effect pooled result. `estimate`, the CI and `se` are on the log scale for OR/RR (and
// Peto), on the raw scale for RD; `estimate` is nullopt when it is undefined (e.g. MH OR with no
// discordant information, R = 0 or S = 0).
struct TablePoolResult {
  int k = 0;     // tables used
  int k_yi = 0;  // tables with a defined per-study yi/vi (the Q degrees of freedom are k_yi - 1)
  std::optional<double> estimate, se, zval, pval, ci_lb, ci_ub;
  double qe = 0, qe_p = 1, i2 = 0, h2 = 1;
  std::optional<TestStatistic> cochran;      // CO, OR only
  std::optional<TestStatistic> cmh;          // MH, OR only
  std::optional<TestStatistic> breslow_day;  // BD, OR only, df = k_pos - 1
  std::optional<TestStatistic> tarone;       // TA, OR only, df = k_pos - 1
};

// rma.mh(ai, bi, ci, di, measure = ...). REQUIRES: tables.size() >= 1; counts >= 0 (no NaN).
StatusOr<TablePoolResult> MantelHaenszel(std::span<const BinaryRow> tables, MhMeasure measure,
                                         const MhOptions& options = {});

// rma.peto(ai, bi, ci, di). Same requirements; kFailedPrecondition when one of the two outcomes
// never occurs in any table (ΣV = 0).
StatusOr<TablePoolResult> Peto(std::span<const BinaryRow> tables, const MhOptions& options = {});

}  // namespace refract::stats
