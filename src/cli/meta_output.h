// Rendering of `refract meta` results: text in the layout of metafor's summary(rma) and the JSON
// document described in docs/meta-csv.md.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "refract/evidence/pooling.h"

namespace refract::cli {

struct MetaReport {
  std::string source;         // input path
  std::string format;         // "csv" or "metapsy"
  std::string measure;        // metafor name: "SMD", "OR", ...
  std::string measure_label;  // e.g. "SMD (Hedges' g)"
  bool log_ratio = false;     // OR/RR: also report exp()
  int given = 0;              // effects taken from the input
  int computed = 0;           // effects computed from raw data
  std::vector<std::string> skipped;
  std::optional<double> min_rob;  // sensitivity: rob >= min_rob
  std::optional<double> rho;      // sensitivity: one effect per study, with this correlation
  evidence::PooledEstimate overall;
  std::optional<evidence::SubgroupAnalysis> subgroups;
};

std::string RenderMetaText(const MetaReport& report);
std::string RenderMetaJson(const MetaReport& report);

}  // namespace refract::cli
