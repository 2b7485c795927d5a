// Rendering of meta-analysis results (`refract meta`, POST /api/v1/meta): text in the layout of
// metafor's summary(rma) and the JSON document described in docs/meta-csv.md.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "refract/engine/meta.h"

namespace refract {

// An engine result with the name of its input, for the headings and the forest-plot title.
struct MetaReport : MetaResult {
  std::string source = {};  // input path
};

std::string RenderMetaText(const MetaReport& report);
std::string RenderMetaJson(const MetaReport& report);

}  // namespace refract
