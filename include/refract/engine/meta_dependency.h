// How a meta-analysis handles several effects from one study (`refract meta --dependency`,
// MetaRequest::dependency), and what every analysis reports about it.
//
// Handlings (docs/meta-csv.md, "Dependent effects"):
//   independent    every effect is pooled as if independent (rma.uni; the default, as
//                  metapsyTools' "overall" model);
//   one-per-study  the effects of a study are averaged first with an assumed correlation rho
//                  (evidence::AverageWithinStudy), then pooled (metapsyTools' "combined");
//   three-level    effects nested in studies, rma.mv(yi, vi, random = ~ 1 | study/es_id,
//                  method = "REML") (stats::FitThreeLevel; metapsyTools' "threelevel"; Cheung
//                  2014, Psychol Methods 19:211; Assink & Wibbelink 2016, Quant Methods Psychol
//                  12:154). Knapp-Hartung requests (knha) use test = "t" with k - 1 df, as
//                  metapsyTools does for this model.
// Every result states the handling, the number of effects and of studies, so that a reader can
// see whether dependent effects were pooled as independent.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "refract/base/status.h"
#include "refract/evidence/effect_record.h"
#include "refract/stats/rma_mv.h"

namespace refract {

enum class MetaDependency { kIndependent, kOnePerStudy, kThreeLevel };

// The names a request or the command line uses, in enum order.
inline constexpr std::string_view kMetaDependencies[] = {"independent", "one-per-study",
                                                         "three-level"};

std::string_view MetaDependencyName(MetaDependency dependency);
// kInvalidArgument naming the allowed values for anything else.
StatusOr<MetaDependency> ParseMetaDependency(std::string_view name);

struct MetaDependencyResult {
  MetaDependency handling = MetaDependency::kIndependent;
  std::size_t effects = 0;    // effects after the filters, before any averaging
  std::size_t studies = 0;    // distinct studies among them
  std::optional<double> rho;  // one-per-study: the assumed within-study correlation
  std::optional<stats::ThreeLevelResult> three_level;  // three-level: the fit of all effects
};

// Counts effects and studies and, for kThreeLevel, fits the three-level model with the effect's
// `study` as cluster. Errors: those of stats::FitThreeLevel (e.g. every study has one effect).
StatusOr<MetaDependencyResult> DescribeDependency(std::span<const evidence::EffectRecord> records,
                                                  MetaDependency handling, double rho,
                                                  const stats::ThreeLevelOptions& options);

// Text for `refract meta`: a "Dependency:" line, and the three-level model in the layout of
// metafor's print.rma.mv. (The JSON object "dependency" is written by RenderMetaJson.)
std::string RenderDependencyText(const MetaDependencyResult& dependency);

}  // namespace refract
