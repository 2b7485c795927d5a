// The treatment-class taxonomy (docs/assessment-output.md, "What was never adequately tried"): the
// seven main antidepressant classes, lithium / atypical antipsychotic / thyroid augmentation,
// antidepressant combination, evidence-based psychotherapy, ECT, rTMS/iTBS, esketamine/ketamine.
// The drug and augmenter classes come from the knowledge tables (knowledge/antidepressants.json,
// knowledge/augmenters.json).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "refract/domain/patient.h"
#include "refract/knowledge/knowledge.h"

namespace refract {

// A treatment class and the trials that belong to it. These ids are the only ones an intervention
// catalogue row may name in treatment_classes (checked when knowledge/interventions.json loads).
struct TreatmentClass {
  std::string id;     // "ad_ssri", "augmentation_lithium", "psychotherapy_evidence_based", ...
  std::string label;  // "SSRI", "lithium augmentation", "evidence-based psychotherapy", ...
  // Whether a trial of `kind` with `agent` (drug, augmenting agent or modality id) belongs to it.
  std::function<bool(TreatmentKind kind, std::string_view agent)> matches;
};

// The classes, with matchers that read drug and agent classes from `knowledge` (which must outlive
// them).
std::vector<TreatmentClass> TreatmentClasses(const KnowledgeBase& knowledge);

// The class a trial's agent belongs to, for reports: the drug class ("SSRI") of an antidepressant
// or combination trial, the augmenter class ("lithium") of an augmentation, else the kind's name;
// "antidepressant" / "augmentation" for an agent the tables do not list.
std::string AgentClassName(TreatmentKind kind, std::string_view agent,
                           const KnowledgeBase& knowledge);

}  // namespace refract
