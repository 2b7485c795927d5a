// Forest plot rendering as a standalone SVG document (pure string output, no I/O).
//
// Layout, as metafor's forest() and R meta's subgroup forest plots: per panel (one per subgroup,
// headed by its value, or one without subgroups) one row per study with its label, a horizontal CI
// line and a square whose area is proportional to the study's weight within the panel, the
// estimate and CI as text, and the weight in %; then the panel's pooled diamond (grey for a
// subgroup), its prediction interval as a red bar (random-effects models only) and its
// heterogeneity (tau², I², Q, p). With subgroups, the overall diamond and the test for subgroup
// differences follow. A dashed line at the null value, an x axis with "nice" ticks (1, 2 or 5 x
// 10^n), "favours" labels left and right of the null, and the sign convention close the plot.
// Each panel is an SVG <g class="panel">, each diamond a <polygon class="diamond">, each study
// square a <rect class="study">, each prediction interval a <rect class="pi">. Numbers are
// locale-independent.
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
