// Pooling study-level effects with refract::stats::FitRma: overall, by subgroup, sensitivity
// analyses, and the data of a forest plot.
//
// Subgroups: records are split by the raw text of one attribute (any input column, e.g.
// condition_arm1) and each subgroup is fitted separately with its own tau2 (as metapsyTools and
// R meta's subgroup analyses do by default). The test for subgroup differences is the Q statistic
// of the subgroup estimates around their inverse-variance mean,
// Q_between = Σ (b_g − b̄)² / se_g², with G − 1 df (Borenstein et al. 2009, ch. 19, random effects
// with separate tau2).
//
// Prediction intervals use stats::Predict (metafor's predict(): z-based by default, t with k − 1 df
// under Knapp–Hartung).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "refract/base/status.h"
#include "refract/evidence/effect_record.h"
#include "refract/stats/rma.h"
#include "refract/stats/rma_inference.h"

namespace refract::evidence {

struct PooledEstimate {
  std::string group;   // subgroup value; "" for an analysis of all records
  size_t k = 0;        // effects pooled
  size_t studies = 0;  // distinct `study` values among them
  stats::RmaResult fit;
  stats::Prediction prediction;  // pred/CI/PI of the average effect
  // Indices, into the records given to Pool, of the effects pooled, in input order (no copies of
  // the records); fit.weights_pct[i] is the weight of rows[i].
  std::vector<size_t> rows;
};

// Fits all `records` with `options`. Errors: those of FitRma (e.g. k < 2 with knha), prefixed by
// the group name when not empty.
StatusOr<PooledEstimate> Pool(std::span<const EffectRecord> records,
                              const stats::RmaOptions& options, std::string group = "");

// Fits the records at the indices `members` (a subgroup); rows then index `records`.
StatusOr<PooledEstimate> PoolMembers(std::span<const EffectRecord> records,
                                     std::span<const size_t> members,
                                     const stats::RmaOptions& options, std::string group = "");

struct SubgroupResult {
  std::string group;
  std::optional<PooledEstimate> pooled;  // nullopt when the fit failed
  std::string error;                     // why, when pooled is nullopt
};

struct SubgroupAnalysis {
  std::string column;
  std::vector<SubgroupResult> groups;                          // sorted by group value
  std::optional<double> q_between, q_between_df, q_between_p;  // needs >= 2 fitted groups
};

// Splits by `column` in one pass over the records (index lists, no copies) and pools each group;
// each group's rows index `records`. Error: kInvalidArgument if no record has `column`.
StatusOr<SubgroupAnalysis> PoolBySubgroup(std::span<const EffectRecord> records,
                                          std::string_view column,
                                          const stats::RmaOptions& options);

// Sensitivity analysis "one effect per study": the effects of each study (same `study`) are
// replaced by their unweighted mean, with the variance of a mean of correlated estimates
// vi = (Σ v_i + rho Σ_{i≠j} √v_i √v_j) / m² (Borenstein, Hedges, Higgins & Rothstein 2009,
// Introduction to Meta-Analysis, ch. 24). rho is the assumed correlation between the effects of a
// study (they share participants, usually the control arm); default 0.5 (metapsyTools'
// rho.within.study default). Attributes whose values agree across the study's effects are kept;
// others become "mixed". The label is the study name; the output keeps first-appearance order.
// With `within_column` non-empty, effects are averaged per study *and* value of that column (so a
// three-arm trial keeps one effect per subgroup in a subgroup analysis).
// REQUIRES: 0 <= rho <= 1.
EffectRecords AverageWithinStudy(std::span<const EffectRecord> records, double rho = 0.5,
                                 std::string_view within_column = "");

// Sensitivity analysis on an ordinal attribute: keeps records whose `column` is a number >=
// minimum. For Metapsy's `rob` (0 = high risk on all four criteria ... 4 = low risk on all; see
// data/metapsy/README.md), minimum 3 excludes high risk of bias (metapsyTools' default
// low.rob.filter "rob > 2"). Errors: a value that is not a number ("line 5, column 'rob': ...").
// Records with NA are dropped.
StatusOr<EffectRecords> KeepAtLeast(std::span<const EffectRecord> records, std::string_view column,
                                    double minimum);

// Forest-plot data: panels of study rows (one per subgroup, or one), each closed by its pooled
// diamond, prediction interval and heterogeneity; with subgroups, the overall diamond and the test
// for subgroup differences below them.
struct ForestRow {
  std::string label;
  double yi = 0, ci_lb = 0, ci_ub = 0;
  double weight_pct = 0;  // within the panel's fit
};

// A pooled estimate drawn as a diamond.
struct ForestSummary {
  std::string label;    // e.g. "RE (REML), k = 12"
  bool pooled = false;  // false when the fit failed (label then says why)
  double estimate = 0, ci_lb = 0, ci_ub = 0;
  double pi_lb = 0, pi_ub = 0;  // prediction interval
  bool has_pi = false;          // false for FE models (the PI equals the CI)
  std::string heterogeneity;    // "τ² = 0.120, I² = 45.1%, Q(11) = 20.04, p = 0.045"
};

struct ForestPanel {
  std::string heading;  // subgroup value; "" without subgroups
  std::vector<ForestRow> rows;
  ForestSummary summary;
};

struct ForestData {
  std::string title;
  std::string measure;  // axis label, e.g. "Hedges' g"
  double level = 0.95;  // of the CIs and the PI
  std::vector<ForestPanel> panels;
  std::optional<ForestSummary> overall;     // with subgroups: all effects pooled
  std::string subgroup_test;                // "Test for subgroup differences: Q(2) = ..., p = ..."
  std::string favours_left, favours_right;  // labels under the axis, left and right of the null
  std::string convention;                   // the sign convention, printed under the plot
};

// Study CIs are yi ± z·√vi at the fit's level (as metafor's forest()). `records` are those given
// to Pool (pooled.rows index them).
ForestData MakeForestData(const PooledEstimate& pooled, std::span<const EffectRecord> records,
                          std::string measure, std::string title);

// One panel per subgroup (weights within the subgroup), the overall estimate and the test for
// subgroup differences.
ForestData MakeSubgroupForestData(const SubgroupAnalysis& analysis, const PooledEstimate& overall,
                                  std::span<const EffectRecord> records, std::string measure,
                                  std::string title);

}  // namespace refract::evidence
