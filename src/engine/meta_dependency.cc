// DescribeDependency and the names of the handlings (include/refract/engine/meta_dependency.h).
#include "refract/engine/meta_dependency.h"

#include <fmt/format.h>

#include <set>
#include <string>

namespace refract {

std::string_view MetaDependencyName(MetaDependency dependency) {
  return kMetaDependencies[static_cast<int>(dependency)];
}

StatusOr<MetaDependency> ParseMetaDependency(std::string_view name) {
  for (int i = 0; i < 3; ++i) {
    if (kMetaDependencies[i] == name) return static_cast<MetaDependency>(i);
  }
  return Status::InvalidArgument(
      fmt::format("'{}' is not one of independent, one-per-study, three-level", name));
}

StatusOr<MetaDependencyResult> DescribeDependency(std::span<const evidence::EffectRecord> records,
                                                  MetaDependency handling, double rho,
                                                  const stats::ThreeLevelOptions& options) {
  MetaDependencyResult result;
  result.handling = handling;
  result.effects = records.size();
  std::set<std::string_view> studies;
  for (const evidence::EffectRecord& r : records) studies.insert(r.study);
  result.studies = studies.size();
  if (handling == MetaDependency::kOnePerStudy) result.rho = rho;
  if (handling != MetaDependency::kThreeLevel) return result;
  stats::ThreeLevelInput input;
  for (const evidence::EffectRecord& r : records) {
    input.yi.push_back(r.yi);
    input.vi.push_back(r.vi);
    input.cluster.push_back(r.study);
  }
  StatusOr<stats::ThreeLevelResult> fit = stats::FitThreeLevel(input, options);
  if (!fit.ok()) return fit.status().WithPrefix("three-level model: ");
  result.three_level = std::move(*fit);
  return result;
}

}  // namespace refract
