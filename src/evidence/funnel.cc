#include "refract/evidence/funnel.h"

#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <utility>

namespace refract::evidence {

FunnelData MakeFunnelData(const PooledEstimate& pooled, std::span<const EffectRecord> records,
                          const std::optional<stats::TrimFillResult>& trimfill, std::string measure,
                          std::string title) {
  FunnelData funnel;
  funnel.title = std::move(title);
  funnel.measure = std::move(measure);
  funnel.estimate = pooled.fit.estimate[0];
  funnel.level = pooled.fit.options.level;
  funnel.z =
      boost::math::quantile(boost::math::normal_distribution<>(), 1 - (1 - funnel.level) / 2);
  funnel.points.reserve(pooled.rows.size() + (trimfill ? trimfill->filled_yi.size() : 0));
  for (size_t row : pooled.rows) {
    funnel.points.push_back({records[row].yi, std::sqrt(records[row].vi), false});
  }
  if (!trimfill) return funnel;
  for (size_t i = 0; i < trimfill->filled_yi.size(); ++i) {
    funnel.points.push_back({trimfill->filled_yi[i], std::sqrt(trimfill->filled_vi[i]), true});
  }
  funnel.filled_estimate = trimfill->fit.estimate[0];
  funnel.note = "Trim and fill: " + std::to_string(trimfill->k0) +
                (trimfill->k0 == 1 ? " study" : " studies") + " imputed on the " +
                (trimfill->side == stats::FunnelSide::kLeft ? "left" : "right") + " (hollow)";
  return funnel;
}

}  // namespace refract::evidence
