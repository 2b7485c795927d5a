// Contour-enhanced funnel plot as a standalone SVG document (pure string output, no I/O).
//
// Layout, as metafor's funnel(..., level = c(90, 95, 99), shade = ..., refline = 0): effect on the
// x axis, standard error on the y axis (0 at the top, inverted); regions of two-sided
// significance against the null shaded (Peters et al. 2008, J Clin Epidemiol 61:991): white for
// p > 0.10, then darker grey for 0.10 > p > 0.05, lighter for 0.05 > p > 0.01 and lightest for
// p < 0.01; the pseudo-confidence region (estimate ± z·SE at the data's level) as dashed lines
// around a vertical line at the pooled estimate; observed effects as filled dots and trim-and-fill
// studies as hollow dots, with the filled estimate as a dotted line. Each contour region is a
// <polygon class="contour">, each effect a <circle class="observed"> or <circle class="filled">.
#pragma once

#include <string>

#include "refract/evidence/funnel.h"

namespace refract::report {

struct FunnelSvgOptions {
  int width = 720;   // pixels
  int height = 560;  // pixels
};

// Returns the SVG document; texts are XML-escaped.
std::string RenderFunnelSvg(const evidence::FunnelData& funnel,
                            const FunnelSvgOptions& options = {});

}  // namespace refract::report
