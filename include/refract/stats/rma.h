// Random- and fixed-effects meta-analysis models: the numerical core of `rma.uni` from R
// metafor 3.8-1.
//
// FitRma() fits y_i = x_i'b + u_i + e_i with e_i ~ N(0, v_i) known and u_i ~ N(0, tau2), for the
// tau2 estimators FE, DL, HE, SJ, ML, REML, EB and PM, exactly as described in
// tests/data/metafor/README.md ("What metafor 3.8-1 computes", sections 0-9). References:
// Viechtbauer (2005, J Educ Behav Stat 30:261) and (2010, J Stat Softw 36(3)) for the model and
// ML/REML/EB; DerSimonian & Laird (1986); Hedges (1983) for HE; Sidik & Jonkman (2005) for SJ;
// Paule & Mandel (1982) for PM; Hartung & Knapp (2001) and Sidik & Jonkman (2002) for test = knha.
//
// Everything is O(k * p^2) in time and O(k) in memory: no k x k matrix is ever formed.
// Pure computation: no I/O, no globals, no clock, no exceptions. Thread-safe (no shared state).
//
// Example:
//   refract::stats::RmaInput input;
//   input.yi = {...};
//   input.vi = {...};
//   refract::stats::RmaOptions options;  // REML, z test, metafor's default control.
//   auto fit = refract::stats::FitRma(input, options);
//   if (fit.ok()) use(fit->estimate[0], fit->ci_lb[0], fit->tau2, fit->i2);
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "refract/base/status.h"

namespace refract::stats {

// Estimator of the between-study variance tau2 (metafor's `method`).
enum class Tau2Method { kFe, kDl, kHe, kSj, kMl, kReml, kEb, kPm };

// Inference for the fixed effects (metafor's `test`): z (normal) or Hartung-Knapp-Sidik-Jonkman
// (t with k - p df, variance rescaled by s2w, no truncation at 1).
enum class TestType { kZ, kKnha };

// What happens when metafor's Fisher-scoring loop (ML/REML/EB) does not converge within
// max_iterations (it oscillates on some small-k data sets; metafor then stops with an error).
enum class NonConvergencePolicy {
  kSafeguardedFallback,  // Default: maximise the (restricted) likelihood with a safeguarded solver.
  kError,                // Reproduce metafor: return kFailedPrecondition.
};

// Which algorithm produced tau2.
enum class Tau2Solver {
  kClosedForm,     // FE, DL, HE, SJ, and the k = 1 path of every method.
  kFisherScoring,  // metafor's ML/REML/EB loop, converged.
  kSafeguarded,    // Bracketing + Brent fallback after Fisher scoring failed (see fallback).
  kZeroin,         // PM: R's uniroot/zeroin (Brent 1973) on the generalised Q equation.
};

// Rows whose yi, vi or a moderator is NaN (R's NA).
enum class MissingPolicy {
  kOmit,   // Default, as metafor's na.action = na.omit: the row is dropped (see
           // RmaResult::used_rows).
  kError,  // Return kInvalidArgument naming the row.
};

// Iteration controls (metafor's `control` list). Defaults are metafor's defaults.
struct RmaControl {
  double threshold = 1e-5;       // Fisher scoring stops when |delta tau2| <= threshold.
  int max_iterations = 100;      // Fisher scoring / zeroin iteration cap.
  double tol = 1.220703125e-4;   // .Machine$double.eps^0.25: zeroin tolerance and ll0check.
  double step_adjustment = 1.0;  // Fisher scoring step multiplier (metafor's stepadj).

  // metafor's control = list(threshold = 1e-13, tol = 1e-13, maxiter = 10000): converged to
  // machine precision (the `rma_tight` reference blocks).
  static RmaControl Tight() { return {1e-13, 10000, 1e-13, 1.0}; }
};

struct RmaOptions {
  Tau2Method method = Tau2Method::kReml;
  TestType test = TestType::kZ;
  double level = 0.95;  // Confidence level for CIs; REQUIRES 0 < level < 1.
  RmaControl control;
  NonConvergencePolicy non_convergence = NonConvergencePolicy::kSafeguardedFallback;
  MissingPolicy missing = MissingPolicy::kOmit;
};

// Study-level data. An intercept column is always added in front of the moderators.
struct RmaInput {
  std::vector<double> yi;          // Effect sizes, length k. NaN means missing.
  std::vector<double> vi;          // Sampling variances (> 0), length k. NaN means missing.
  std::vector<double> moderators;  // Row-major k x num_moderators, without the intercept.
  std::size_t num_moderators = 0;
};

// Log-likelihood and information criteria (metafor's fit.stats, README section 9).
struct FitStats {
  double ll = 0, deviance = 0, aic = 0, bic = 0, aicc = 0;
};

// Output of FitRma. Vectors indexed by coefficient have length p (intercept first); per-study
// vectors have length k (used rows only). Non-applicable values are NaN (R's NA).
struct RmaResult {
  RmaOptions options;                  // The options that produced this fit.
  std::size_t k = 0;                   // Number of studies used.
  std::size_t p = 0;                   // Number of coefficients (1 + num_moderators).
  std::vector<std::size_t> used_rows;  // 0-based input rows that were used (after NA omission).

  std::vector<double> estimate, se, zval, pval, ci_lb, ci_ub;  // zval is t under knha.
  std::vector<double> vb;                                      // Row-major p x p Var(b).

  double tau2 = 0, tau = 0, se_tau2 = 0;            // se_tau2 is NaN for FE and for k = 1.
  double i2 = 0, h2 = 1, vt = 0;                    // vt: "typical" within-study variance.
  double qe = 0, qe_df = 0, qe_p = 1;               // Test of (residual) heterogeneity.
  double qm = 0, qm_df1 = 0, qm_df2 = 0, qm_p = 1;  // Omnibus test; qm_df2 NaN unless knha (F).
  double ddf = 0;                                   // t df under knha, NaN for z.
  double s2w = 1;                                   // knha variance factor (1 under z).
  double r2 = 0;                    // Pseudo R^2 in % (meta-regression only, else NaN).
  std::vector<double> weights_pct;  // 100 w_i / sum w.
  FitStats ml, reml;                // Both are always reported, as metafor does.

  int iterations = 0;  // Fisher scoring / zeroin / fallback iterations.
  Tau2Solver solver = Tau2Solver::kClosedForm;
  bool metafor_would_error = false;  // Fisher scoring failed: metafor stops with an error.
  bool ll0check_applied = false;     // ll(0) beat the interior optimum: tau2 set to 0.
};

// Fits the model. Errors (kInvalidArgument) name the field, row and rule, e.g.
// "vi[3]: sampling variance must be > 0 (got -0.1)": sizes that disagree, infinite values, vi <= 0,
// no complete row left, too few studies (k < p for FE, k < p + 1 otherwise, except k = 1 without
// moderators), rank-deficient moderators, level outside (0, 1), non-positive control values.
// kFailedPrecondition: an iterative estimator failed and options.non_convergence == kError
// (metafor's "Fisher scoring algorithm did not converge" / "tau2.max too low").
// As metafor, test = knha with k = 1 is run as z (result.options.test says so); knha with k = p
// (FE only) gives NaN p-values and CIs.
StatusOr<RmaResult> FitRma(const RmaInput& input, const RmaOptions& options = {});

// Name of a method as metafor spells it ("FE", "DL", ..., "PM").
std::string Tau2MethodName(Tau2Method method);

}  // namespace refract::stats
