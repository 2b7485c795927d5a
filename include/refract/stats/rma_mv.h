// The three-level random-effects model (effects nested in clusters, e.g. comparisons within
// studies): the numerical core of R metafor 3.8-1
//   rma.mv(yi, vi, random = ~ 1 | cluster/es_id, method = "REML", test = "z" | "t")
// for an intercept-only model.
//
// Model: y_ij = mu + u_i + w_ij + e_ij, with u_i ~ N(0, sigma2_between) per cluster i,
// w_ij ~ N(0, sigma2_within) per effect j and e_ij ~ N(0, v_ij) known (Konstantopoulos 2011,
// Res Synth Methods 2:61; Cheung 2014, Psychol Methods 19:211; Assink & Wibbelink 2016, Quant
// Methods Psychol 12:154). The marginal covariance is block diagonal by cluster:
// V_i = diag(v_ij + sigma2_within) + sigma2_between 11'; every block is inverted in closed form
// (Sherman-Morrison), so a fit is O(k) per iteration and never forms a k x k matrix.
//
// The two variance components maximise the restricted (REML) log-likelihood, metafor's
//   ll = -(k-1)/2 log(2 pi) + 1/2 log k - 1/2 log|V| - 1/2 log(1'V^-1 1) - 1/2 r'V^-1 r,
// with the average-information algorithm (Gilmour, Thompson & Cullis 1995, Biometrics 51:1440:
// Newton steps with the analytic score and the average of observed and expected information),
// kept at sigma2 >= 0 by projection and made monotone by step halving. metafor maximises the same
// function with nlminb on log(sigma2); both reach the same optimum (tested to 1e-8 on
// tests/data/metafor/ref-threelevel.json). A component whose score is negative at 0 stays at 0
// (a boundary optimum: ThreeLevelResult::boundary says which).
//
// test "t" (metapsyTools' default for this model, its hakn = TRUE) uses a t distribution with
// k - 1 df for the test, the CI and the prediction interval, without rescaling the variance.
// I^2 per level uses the "typical" sampling variance (k - 1) / tr(P) of the metafor FAQ
// ("I^2 for multilevel and multivariate models"), which for an intercept-only model is
// Higgins & Thompson's (k - 1) sum(w) / ((sum w)^2 - sum(w^2)), w = 1/v (Cheung 2014).
//
// Pure computation: no I/O, no globals, no exceptions. Thread-safe (no shared state).
//
// Example:
//   refract::stats::ThreeLevelInput input{.yi = {...}, .vi = {...}, .cluster = {"A", "A", "B"}};
//   auto fit = refract::stats::FitThreeLevel(input, {.test = refract::stats::MvTest::kT});
//   if (fit.ok()) use(fit->estimate, fit->sigma2_between, fit->sigma2_within, fit->i2_between);
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "refract/base/status.h"
#include "refract/stats/rma.h"

namespace refract::stats {

// Inference for the pooled effect (rma.mv's `test`): normal, or t with k - 1 df.
enum class MvTest { kZ, kT };

struct ThreeLevelOptions {
  MvTest test = MvTest::kZ;
  double level = 0.95;        // Confidence level; REQUIRES 0 < level < 1.
  int max_iterations = 1000;  // Iteration cap of the REML maximisation.
  double tolerance = 1e-12;   // Stop when every component moves by <= tolerance * (1 + sigma2).
};

struct ThreeLevelInput {
  std::vector<double> yi;            // Effect sizes, length k.
  std::vector<double> vi;            // Known sampling variances (> 0), length k.
  std::vector<std::string> cluster;  // Cluster (study) of each effect, length k; equal = same.
};

struct ThreeLevelResult {
  ThreeLevelOptions options;  // The options that produced this fit.
  std::size_t k = 0;          // Number of effects.
  std::size_t clusters = 0;   // Number of clusters.

  double estimate = 0, se = 0, zval = 0, pval = 1, ci_lb = 0, ci_ub = 0;  // zval is t under kT.
  double ddf = 0;               // k - 1 under kT, NaN under kZ.
  double pi_lb = 0, pi_ub = 0;  // Prediction interval: estimate -+ crit sqrt(se^2 + sum sigma2).
  double sigma2_between = 0;    // Level 3: between clusters (metafor's sigma2[1]).
  double sigma2_within = 0;     // Level 2: between effects within a cluster (sigma2[2]).
  double qe = 0, qe_df = 0, qe_p = 1;                  // Test of heterogeneity (weights 1/v).
  double v_typical = 0;                                // Typical sampling variance (level 1).
  double i2_total = 0, i2_between = 0, i2_within = 0;  // In %.
  FitStats reml;  // REML log-likelihood, deviance, AIC, BIC, AICc (3 parameters).

  int iterations = 0;      // Average-information iterations.
  bool converged = false;  // The tolerance was met within max_iterations.
  int step_halvings = 0;   // Times a step was halved to keep the likelihood increasing.
  bool boundary = false;   // A component ended at 0 (its score was negative there).
};

// Fits the model. Errors (kInvalidArgument) name the field, row and rule, e.g.
// "vi[3]: sampling variance must be > 0 (got -0.1)": sizes that disagree, non-finite values,
// vi <= 0, k < 3, a single cluster, or no cluster with two effects (the two components are then
// not separately identifiable), level outside (0, 1), non-positive iteration controls.
// kFailedPrecondition: the maximisation did not converge within options.max_iterations.
StatusOr<ThreeLevelResult> FitThreeLevel(const ThreeLevelInput& input,
                                         const ThreeLevelOptions& options = {});

}  // namespace refract::stats
