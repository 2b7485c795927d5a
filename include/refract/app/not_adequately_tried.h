// "What was never adequately tried" (docs/assessment-output.md): the treatment classes without an
// adequate trial in the current episode under the default adequacy rule, with the inadequate
// attempts and why they fell short. The classes are the taxonomy of knowledge/treatment_classes.h.
#pragma once

#include <vector>

#include "refract/app/assess.h"
#include "refract/knowledge/treatment_classes.h"

namespace refract {

std::vector<UntriedClass> FindNotAdequatelyTried(const std::vector<TrialReport>& trials,
                                                 const KnowledgeBase& knowledge);

}  // namespace refract
