// "What was never adequately tried" (issue 2 §6): the treatment classes without an adequate trial
// in the current episode under the default adequacy rule, with the inadequate attempts and why they
// fell short. Classes: the seven main antidepressant classes, lithium / atypical antipsychotic /
// thyroid augmentation, antidepressant combination, evidence-based psychotherapy, ECT, rTMS/iTBS,
// esketamine/ketamine.
#pragma once

#include <vector>

#include "refract/app/assess.h"

namespace refract {

std::vector<UntriedClass> FindNotAdequatelyTried(const std::vector<TrialReport>& trials,
                                                 const KnowledgeBase& knowledge);

}  // namespace refract
