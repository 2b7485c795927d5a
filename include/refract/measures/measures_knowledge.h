// The measures knowledge a patient assessment needs: instrument definitions and change-rule
// parameters (loaded from knowledge/instruments/ and knowledge/measures_parameters.json by
// refract::io).
#pragma once

#include <vector>

#include "refract/measures/instrument.h"
#include "refract/measures/parameters.h"

namespace refract {

struct MeasuresKnowledge {
  std::vector<measures::InstrumentDefinition> instruments;  // ordered by id
  measures::MeasuresParameters parameters;
};

}  // namespace refract
