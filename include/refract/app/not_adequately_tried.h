// "What was never adequately tried" (docs/assessment-output.md): the treatment classes without an
// adequate trial in the current episode under the default adequacy rule, with the inadequate
// attempts and why they fell short. Classes: the seven main antidepressant classes, lithium /
// atypical antipsychotic / thyroid augmentation, antidepressant combination, evidence-based
// psychotherapy, ECT, rTMS/iTBS, esketamine/ketamine.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "refract/app/assess.h"

namespace refract {

// A treatment class and the trials that belong to it. These ids are the only ones an intervention
// catalogue row may name in treatment_classes (checked when knowledge/interventions.json loads).
struct TreatmentClass {
  std::string id;     // "ad_ssri", "augmentation_lithium", "psychotherapy_evidence_based", ...
  std::string label;  // "SSRI", "lithium augmentation", "evidence-based psychotherapy", ...
  std::function<bool(const TrialReport&)> matches;
};

// The classes, with matchers that read drug and agent classes from `knowledge` (which must outlive
// them).
std::vector<TreatmentClass> TreatmentClasses(const KnowledgeBase& knowledge);

std::vector<UntriedClass> FindNotAdequatelyTried(const std::vector<TrialReport>& trials,
                                                 const KnowledgeBase& knowledge);

}  // namespace refract
