// Forest plot rendering as a standalone SVG document (pure string output, no I/O).
//
// Layout, as metafor's forest(): one row per study with its label, a horizontal CI line and a
// square whose area is proportional to the study's weight, the estimate and CI as text, and the
// weight in %; then the pooled estimate as a diamond spanning its CI, the prediction interval as a
// line with end ticks (random-effects models only), a dashed line at the null value, and an x axis
// with "nice" ticks (1, 2 or 5 x 10^n). Numbers are locale-independent.
#pragma once

#include <string>

#include "refract/evidence/pooling.h"

namespace refract::report {

struct ForestSvgOptions {
  // Label axis and numbers on the exp scale (log OR / log RR analysed, OR / RR shown); the null
  // line is then at 1 and the axis stays log-scaled.
  bool exponentiate = false;
  int width = 960;  // pixels
};

// Returns the SVG document. Study labels and titles are XML-escaped.
std::string RenderForestSvg(const evidence::ForestData& forest,
                            const ForestSvgOptions& options = {});

}  // namespace refract::report
