// POST /api/v1/meta: the members of the request body that ask for further analyses
// (docs/meta-csv.md "Further analyses"): leave1out, cumulative, regtest, trimfill, confint
// (booleans), order, mods (strings), predict (array of arrays of numbers).
#pragma once

#include <nlohmann/json.hpp>

#include "refract/base/status.h"
#include "refract/engine/meta_analyses.h"

namespace refract::server::api {

// Reads the members present in `body` into `out`. Errors name the member: "$.predict[1][0]: must
// be a number".
Status ReadMetaAnalyses(const nlohmann::json& body, MetaAnalysesRequest& out);

}  // namespace refract::server::api
