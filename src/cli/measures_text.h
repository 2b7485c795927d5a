// The alerts and measures sections of the text report (docs/cli.md; rules in
// docs/measures-decisions.md).
#pragma once

#include <string>

#include "refract/app/assess.h"

namespace refract::cli {

// The report's safety alerts, oldest first, each with its severity ("critical", "notice"), then
// one summary line per instrument for the older "item not available" notices; empty string when
// there is none.
std::string RenderAlerts(const Assessment& assessment);

// Per instrument: the administrations over time with a text sparkline, the latest band, change
// since the first and the previous administration, the not-on-track signal; then NHS Talking
// Therapies.
std::string RenderMeasures(const Assessment& assessment);

}  // namespace refract::cli
