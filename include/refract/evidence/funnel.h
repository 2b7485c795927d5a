// Funnel-plot data (metafor's funnel()): each effect against its standard error, the pooled
// estimate, and, after trim and fill (stats::TrimFill, Duval & Tweedie 2000, estimator L0), the
// imputed studies marked as filled.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "refract/evidence/effect_record.h"
#include "refract/evidence/pooling.h"
#include "refract/stats/publication_bias.h"

namespace refract::evidence {

struct FunnelPoint {
  double yi = 0, sei = 0;
  bool filled = false;  // imputed by trim and fill (drawn hollow)
};

struct FunnelData {
  std::string title;
  std::string measure;                    // axis label
  std::vector<FunnelPoint> points;        // observed effects first, then the filled ones
  double estimate = 0;                    // the pooled estimate (centre of the pseudo-CI region)
  double level = 0.95;                    // of the pseudo-confidence region
  double z = 1.959963984540054;           // its normal quantile, 1 - (1 - level) / 2
  std::optional<double> filled_estimate;  // the estimate after trim and fill
  std::string note;                       // e.g. "Trim and fill: 3 studies imputed on the left"
};

// Points of the pooled effects (pooled.rows index `records`), with the filled studies of
// `trimfill` when given.
FunnelData MakeFunnelData(const PooledEstimate& pooled, std::span<const EffectRecord> records,
                          const std::optional<stats::TrimFillResult>& trimfill, std::string measure,
                          std::string title);

}  // namespace refract::evidence
