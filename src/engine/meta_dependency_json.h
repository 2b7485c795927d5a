// The "dependency" object of the meta-analysis JSON (docs/meta-csv.md): handling, effects,
// studies, rho, and for the three-level model its estimates, variance components and I^2.
#pragma once

#include <nlohmann/json.hpp>

#include "refract/engine/meta_dependency.h"

namespace refract {

nlohmann::json DependencyJson(const MetaDependencyResult& dependency);

}  // namespace refract
