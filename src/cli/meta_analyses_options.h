// The options of `refract meta` that request further analyses (include/refract/engine/
// meta_analyses.h): --leave1out, --cumulative [--order COL], --mods "x1 + x2", --predict X,
// --regtest, --trimfill, --confint. (--method MH|PETO is one of the --method values.)
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>
#include <vector>

#include "refract/base/status.h"
#include "refract/engine/meta_analyses.h"

namespace refract::cli {

struct MetaAnalysisOptions {
  MetaAnalysesRequest request;
  std::vector<std::string> predict;  // "30,1960": one --predict per row of newmods
};

// Registers the flags on `cmd`, storing into *options.
void AddMetaAnalysisOptions(CLI::App& cmd, const std::shared_ptr<MetaAnalysisOptions>& options);

// The request with --predict parsed. Error: "--predict '30,x': 'x' is not a number".
StatusOr<MetaAnalysesRequest> ParseMetaAnalysisOptions(const MetaAnalysisOptions& options);

// An engine error in the user's terms: each field error names its flag ("--order: ..."); other
// errors are their message.
std::string MetaErrorMessage(const Status& status);

}  // namespace refract::cli
