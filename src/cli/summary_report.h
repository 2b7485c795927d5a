// The one-page clinical summary printed by `refract assess` by default (docs/cli.md): safety first,
// the stage under each model in one table, the treatments of the current episode with their
// adequacy and outcome, what was never adequately tried, the top next-step options with one reason
// each, and what to measure next. Numbers are rounded for reading; `refract assess --full` prints
// every check and reason, `--json` the exact values.
#pragma once

#include <string>

#include "refract/app/assess.h"
#include "refract/domain/patient.h"

namespace refract::cli {

// How many ranked options the summary lists (after the indicated ones).
inline constexpr int kOptionsInSummary = 5;

// `record` is the record `assessment` was made from (for the episode and the dose ranges).
std::string RenderSummaryReport(const PatientRecord& record, const Assessment& assessment);

}  // namespace refract::cli
