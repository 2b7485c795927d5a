// refract-score/1: one scored administration as JSON (documented in docs/cli.md, `refract score
// --json`; also the body of the API's POST /api/v1/score): the instrument, total (prorated or not,
// with the reason when not scored), band and scheme, percentage, subscales, the variants rated, the
// safety alerts with their severity, and the decision-support disclaimer. Fields in a fixed order.
#pragma once

#include <string>

#include "refract/measures/instrument.h"
#include "refract/measures/score.h"

namespace refract {

// `indent` as nlohmann::json::dump: -1 for one line.
std::string ScoreToJson(const measures::InstrumentDefinition& instrument,
                        const measures::ScoredAdministration& scored, int indent);

}  // namespace refract
