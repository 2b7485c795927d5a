// The order of one trial's dates when some are partial (docs/patient-record.md, "Partial dates"):
// start <= every dose step's `from` <= end (or as_of), dose steps in increasing order.
#pragma once

#include "refract/domain/patient.h"

namespace refract {

// Narrows each partial date of the trial by the dates it must follow or precede (a start recorded
// as "2024-04" with an end of 2024-04-10 can only be 2024-04-01 to 2024-04-10) and keeps its
// imputed day inside the narrowed range (the start is then imputed as 2024-04-10, not the 15th).
// A range the other dates leave empty is not changed: the record is inconsistent, and the reader
// reports it.
void ConstrainTrialDates(Treatment& treatment);

// After the partial dates of a trial were moved to other possible days (a sensitivity scenario):
// an end before the start becomes the start, and each dose step is kept within [start, end or
// as_of] and after the step before it, so that the moved trial is still a valid record.
void RepairTrialDates(Treatment& treatment, Date as_of);

}  // namespace refract
