// Rendering of meta-analysis results (`refract meta`, POST /api/v1/meta): text in the layout of
// metafor's summary(rma) and the JSON document described in docs/meta-csv.md.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "refract/engine/meta.h"

namespace refract {

// An engine result with the name of its input, for the headings and the forest-plot title.
struct MetaReport : MetaResult {
  std::string source = {};  // input path
  // Per-row output ("rows": label, study, line, yi, vi, weight, source of every pooled effect):
  // the API always includes it; the CLI only with --rows (a million rows are ~240 MB of JSON).
  bool rows = true;
};

std::string RenderMetaText(const MetaReport& report);

// The JSON document, written as it is formatted (rows one per line, never a tree of all rows).
void WriteMetaJson(const MetaReport& report, std::ostream& out);
std::string RenderMetaJson(const MetaReport& report);

}  // namespace refract
