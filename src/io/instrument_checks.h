// Consistency checks of a loaded instrument definition (private to refract::io).
#pragma once

#include <string>

#include "json_reader.h"
#include "refract/measures/instrument.h"

namespace refract::io_internal {

// Adds an error (prefixed with `root`, the file's JSON root) for every inconsistency: item
// numbering, ranges, total range vs items, domains/subscales coverage, missing rule vs aggregation,
// band schemes, thresholds within the total range, the safety item, cut-offs, LOINC codes and what
// a trial-outcome instrument needs.
void CheckInstrument(const measures::InstrumentDefinition& instrument, const std::string& root,
                     ErrorList& errors);

}  // namespace refract::io_internal
