// Internal entry points shared by FitRma and the refitting procedures (leave-one-out, cumulative,
// regtest, trim-and-fill), which work on already validated designs.
#pragma once

#include <string>

#include "design.h"
#include "refract/base/status.h"
#include "refract/stats/rma.h"

namespace refract::stats::internal {

// Validates input and options (messages name the field, row and rule) and drops or rejects rows
// with missing values per options.missing.
StatusOr<Design> BuildDesign(const RmaInput& input, const RmaOptions& options);

// Fits the model to a validated design. Checks k against p, then estimates tau2 and assembles the
// result (rma_assemble.cc).
StatusOr<RmaResult> FitDesign(const Design& d, const RmaOptions& options);

// The intercept-only design on the same studies.
Design InterceptOnly(const Design& d);

// Formats a double compactly for error messages ("%g").
std::string FormatNumber(double x);

}  // namespace refract::stats::internal
