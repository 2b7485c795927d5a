// Per-study effect sizes and sampling variances: the equivalents of R metafor's escalc().
//
// Formulas follow metafor 3.8-1 as documented in shared/data/metafor/README.md §11 (reproduced to
// rel 1e-12, the UB variance to 1e-10, by tests/unit/stats/effect_size_test.cc):
//   SMD  Hedges' g with the exact small-sample correction c(m) (Hedges 1981), vtype LS/UB;
//   MD   raw mean difference;
//   RR   log risk ratio; OR log odds ratio; RD risk difference (2x2 tables);
//   ZCOR Fisher's r-to-z transformed correlation.
// Zero cells follow escalc's defaults (add = 1/2, to = "only0", drop00 = FALSE): 1/2 is added to
// all four cells of a table that has a zero cell, and double-zero tables are kept.
//
// Missing values: a NaN input field marks a missing value (R's NA); the row's yi and vi are then
// NaN, as escalc returns NA. Non-missing values that break a rule are errors (kInvalidArgument)
// whose message names the field and the 1-based row, e.g. "n1[4]: must be > 0".
#pragma once

#include <span>
#include <vector>

#include "refract/base/status.h"

namespace refract::stats {

// Outcome measures, named as in metafor's escalc(measure = ...).
enum class EffectMeasure { kSmd, kMd, kLogRr, kLogOr, kRd, kZcor };

// Sampling-variance estimator for SMD (escalc vtype). kLargeSample = "LS" (the default),
// kUnbiased = "UB".
enum class SmdVariance { kLargeSample, kUnbiased };

// Which tables receive the continuity correction `add` (escalc `to`).
enum class ZeroCellRule { kNone, kAll, kOnlyZero, kIfAnyZeroAll };

struct ZeroCellOptions {
  double add = 0.5;
  ZeroCellRule to = ZeroCellRule::kOnlyZero;
  // true: tables with no events (or only events) in both arms get NaN yi/vi (escalc drop00 = TRUE).
  bool drop00 = false;
};

// Two-group continuous outcome: arm 1 (e.g. treatment) and arm 2 (e.g. control).
struct ContinuousRow {
  double n1 = 0, m1 = 0, sd1 = 0;
  double n2 = 0, m2 = 0, sd2 = 0;
};

// 2x2 table: ai/bi = events/non-events in arm 1, ci/di = events/non-events in arm 2.
struct BinaryRow {
  double ai = 0, bi = 0, ci = 0, di = 0;
};

// A Pearson correlation r from a sample of n.
struct CorrelationRow {
  double r = 0, n = 0;
};

// Effect sizes aligned with the input rows (NaN where an input was missing or dropped).
struct EffectSizes {
  std::vector<double> yi;
  std::vector<double> vi;
};

// The intermediate quantities of one SMD row (normand1999 `escalc.intermediate`).
struct SmdDetail {
  double m = 0;          // degrees of freedom n1 + n2 - 2
  double sd_pooled = 0;  // sqrt(((n1-1) sd1^2 + (n2-1) sd2^2) / m)
  double d = 0;          // (m1 - m2) / sd_pooled, uncorrected
  double c = 0;          // exact correction c(m)
  double yi = 0;         // g = c(m) d
  double vi = 0;
};

// The exact Hedges (1981) correction c(m) = Γ(m/2) / (√(m/2) Γ((m-1)/2)), computed through lgamma.
// REQUIRES: m > 1.
double HedgesCorrection(double m);

// One SMD row with its intermediates. `row_index` (1-based) only labels error messages.
// Errors: n1, n2 must be > 0 with n1 + n2 > 3 (so that m > 1); sd1, sd2 must be >= 0; the pooled SD
// must be > 0.
StatusOr<SmdDetail> SmdWithDetail(const ContinuousRow& row, SmdVariance vtype, int row_index);

// escalc(measure = "SMD", vtype = ...). LS: vi = 1/n1 + 1/n2 + g^2/(2(n1+n2));
// UB: vi = 1/n1 + 1/n2 + (1 - (m-2)/(m c(m)^2)) g^2.
StatusOr<EffectSizes> ComputeSmd(std::span<const ContinuousRow> rows,
                                 SmdVariance vtype = SmdVariance::kLargeSample);

// escalc(measure = "MD"): yi = m1 - m2, vi = sd1^2/n1 + sd2^2/n2. Errors: n1, n2 > 0; sd1, sd2 >=
// 0.
StatusOr<EffectSizes> ComputeMd(std::span<const ContinuousRow> rows);

// escalc(measure = "RR" | "OR" | "RD") with the given zero-cell handling.
//   RR: yi = log(p1/p2), vi = 1/a - 1/n1 + 1/c - 1/n2
//   OR: yi = logit(p1) - logit(p2), vi = 1/a + 1/b + 1/c + 1/d
//   RD: yi = p1 - p2, vi = p1(1-p1)/n1 + p2(1-p2)/n2 (vtype "LS")
// with p1 = a/(a+b), p2 = c/(c+d) after the correction. Errors: counts must be >= 0, each arm must
// have a positive total; `measure` must be kLogRr, kLogOr or kRd.
StatusOr<EffectSizes> ComputeBinary(std::span<const BinaryRow> rows, EffectMeasure measure,
                                    const ZeroCellOptions& options = {});

// escalc(measure = "ZCOR"): yi = atanh(r), vi = 1/(n - 3). Errors: -1 < r < 1, n > 3.
StatusOr<EffectSizes> ComputeZcor(std::span<const CorrelationRow> rows);

// A log ratio and its variance from a ratio estimate and its confidence interval (as for
// dat.hackshaw1998): yi = log(ratio), vi = ((log(ub) - log(lb)) / (2 z_{(1+level)/2}))^2.
// Errors: 0 < lb <= ratio <= ub; 0 < level < 1.
struct RatioWithCi {
  double ratio = 0, lb = 0, ub = 0;
};
StatusOr<EffectSizes> ComputeLogRatioFromCi(std::span<const RatioWithCi> rows, double level = 0.95);

}  // namespace refract::stats
