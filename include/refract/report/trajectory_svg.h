// One instrument's trajectory for one patient as a standalone SVG chart (docs/cli.md, `assess
// --chart`): totals over time on the instrument's full range, the default severity bands shaded,
// treatment periods drawn as bars above the plot, administrations with a positive or unanswered
// self-harm item ringed in red, and the decision-support line. Pure string output; dates and
// numbers are locale-independent.
#pragma once

#include <string>

#include "refract/app/measures_report.h"
#include "refract/domain/patient.h"
#include "refract/measures/instrument.h"

namespace refract::report {

// Empty when the series has no total to draw. Text is XML-escaped.
std::string RenderTrajectorySvg(const InstrumentSeries& series,
                                const measures::InstrumentDefinition& instrument,
                                const PatientRecord& record);

}  // namespace refract::report
