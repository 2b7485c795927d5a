// Trial outcomes from the patient's assessments (measures-decisions.md §17): a trial recorded
// without an outcome takes its baseline and end scores from administrations dated around it, so the
// staging models can count it. Baseline: the latest total from outcome.derived_baseline_days_before
// before the start to outcome.derived_baseline_days_after after it; end: the latest later total up
// to outcome.derived_end_days_after after the trial end (or as_of), at least
// outcome.derived_min_days after the start. Clinician-rated instruments are preferred, then
// self-report, in knowledge order; only higher-worse instruments that the staging knowledge knows
// as outcome instruments are used.
#pragma once

#include <optional>
#include <string>

#include "refract/app/measures_report.h"
#include "refract/knowledge/knowledge.h"

namespace refract {

struct DerivedOutcome {
  ScoredOutcome scores;
  std::string detail;  // "derived from assessments: PHQ-9 2025-01-06 = 19 -> 2025-03-03 = 12"
};

std::optional<DerivedOutcome> DeriveOutcome(const Treatment& treatment, Date as_of,
                                            const MeasuresReport& measures,
                                            const MeasuresKnowledge& measures_knowledge,
                                            const KnowledgeBase& knowledge);

}  // namespace refract
