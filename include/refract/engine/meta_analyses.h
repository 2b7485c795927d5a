// The further analyses of a meta-analysis request (`refract meta --leave1out ...`, POST
// /api/v1/meta), each the counterpart of one metafor 3.8-1 function, run on the effects that were
// pooled (after the sensitivity filters):
//   leave1out     leave1out(rma(yi, vi))                   stats::LeaveOneOut
//   cumulative    cumul(rma(yi, vi), order = ...)          stats::Cumulative
//   mods          rma(yi, vi, mods = ~ x1 + x2)            stats::FitRma with moderators
//   predict       predict(fit, newmods = ...)              stats::Predict
//   regtest       regtest(rma(yi, vi)) (Egger, predictor sei, model "rma")  stats::RegTest
//   trimfill      trimfill(rma(yi, vi)) (estimator L0)     stats::TrimFill
//   confint       confint(rma(yi, vi)) (Q-profile)         stats::ConfintQProfile
//   influence     influence(rma(yi, vi))                   stats::Influence
//   MH / PETO     rma.mh(ai, bi, ci, di, measure) / rma.peto(...)  stats::MantelHaenszel / Peto
//   by            with a subgroup column also the mixed-effects moderator test with a common
//                 tau^2, rma(yi, vi, mods = ~ factor(by)) (QM), next to the separate-tau^2 test.
// Moderator terms are column names joined by '+'. A column whose every non-missing value is a
// number is used as is; any other column is a factor coded as R codes a character vector:
// treatment contrasts against the first level in byte order (R sorts in the session's locale,
// which agrees for names in one letter case). "NA" and empty cells are missing: the row is left
// out of that model (metafor's na.omit).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "refract/stats/mantel_haenszel.h"
#include "refract/stats/publication_bias.h"
#include "refract/stats/rma.h"
#include "refract/stats/rma_inference.h"
#include "refract/stats/rma_influence.h"
#include "refract/stats/rma_sensitivity.h"

namespace refract {

// Which analyses to run besides the pooled estimate. All default to off.
struct MetaAnalysesRequest {
  bool leave1out = false;
  bool cumulative = false;
  std::string order = {};  // cumulative: ascending by this column ("" = input order)
  std::string mods = {};   // meta-regression terms, "x1 + x2"; "" for none
  // predict at these moderator rows: each has one value per coefficient after the intercept
  // (metafor's newmods; a factor contributes one 0/1 value per non-reference level).
  std::vector<std::vector<double>> predict = {};
  bool regtest = false;
  bool trimfill = false;
  bool confint = false;
  bool influence = false;

  bool Any() const {
    return leave1out || cumulative || !mods.empty() || !predict.empty() || regtest || trimfill ||
           confint || influence;
  }
};

// One row of a leave-one-out or cumulative table: the study left out or added last.
struct LabelledSubsetFit {
  std::string label;
  stats::SubsetFit fit;
};

struct LabelledInfluence {
  std::string label;
  stats::InfluenceRow row;
};

struct MetaRegression {
  std::string formula;                      // as given, e.g. "ablat + year"
  std::vector<std::string> coefficients;    // "intrcpt", then "ablat", "formatgrp", ...
  std::vector<std::string> factor_columns;  // terms coded as factors
  stats::RmaResult fit;
  std::vector<std::vector<double>> predict_at;  // the requested moderator rows
  std::vector<stats::Prediction> predictions;   // one per row of predict_at
};

// The 2x2 pooling of rma.mh / rma.peto on the CSV's ai bi ci di (or ai n1i ci n2i) columns.
struct TablePooling {
  std::string method;   // "MH" or "PETO"
  std::string measure;  // "OR", "RR" or "RD"
  stats::TablePoolResult result;
};

// The mixed-effects moderator test of a subgroup column (common tau^2).
struct ModeratorTest {
  std::string column;
  std::vector<std::string> levels;  // reference level first
  stats::RmaResult fit;             // its qm, qm_df1, qm_p, tau2
};

struct MetaAnalysesResult {
  std::optional<std::vector<LabelledSubsetFit>> leave1out;
  std::optional<std::vector<LabelledSubsetFit>> cumulative;
  std::string cumulative_order;  // the column, "" for input order
  std::optional<MetaRegression> regression;
  std::optional<stats::RegTestResult> regtest;
  std::optional<stats::TrimFillResult> trimfill;
  std::optional<stats::HeterogeneityConfint> confint;
  std::optional<std::vector<LabelledInfluence>> influence;
  std::optional<TablePooling> tables;
  std::optional<ModeratorTest> subgroup_moderator_test;
};

// True for the 2x2 pooling methods a request's `method` may name besides kMetaMethods.
bool IsTableMethod(std::string_view method);

}  // namespace refract
