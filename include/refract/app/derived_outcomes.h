// Trial outcomes from the patient's assessments (measures-decisions.md §17): a trial recorded
// without an outcome takes its baseline and end scores from the administrations, so the staging
// models can count it.
//
// 1. Tagged scores first: when at least two administrations of one instrument are tagged to the
//    trial (assessments[].treatment), the earliest tagged is the baseline and the latest tagged the
//    end (at least outcome.derived_min_days after the start).
// 2. Otherwise the date windows: baseline = the latest total from
//    outcome.derived_baseline_days_before before the start to outcome.derived_baseline_days_after
//    after it; end = the latest later total up to outcome.derived_end_days_after after the trial
//    end (or as_of), at least outcome.derived_min_days after the start. A window holding the one
//    administration tagged to this trial takes that one. An administration tagged to another
//    trial is never this trial's end; it may be its baseline (at a switch, the previous trial's
//    last score is the next trial's starting score).
// Clinician-rated instruments are preferred, then self-report, in knowledge order; only
// higher-worse instruments that the staging knowledge knows as outcome instruments are used.
#pragma once

#include <optional>
#include <string>

#include "refract/app/measures_report.h"
#include "refract/knowledge/knowledge.h"

namespace refract {

struct DerivedOutcome {
  ScoredOutcome scores;
  // In words: "from the MADRS scores tagged to T1: 31 on 2024-04-15 -> 28 on 2024-07-29", or
  // "from the MADRS scores dated around T1: 31 on 2024-04-15 -> 28 on 2024-07-29 (tagged to T1)".
  std::string detail;
};

std::optional<DerivedOutcome> DeriveOutcome(const Treatment& treatment, Date as_of,
                                            const MeasuresReport& measures,
                                            const MeasuresKnowledge& measures_knowledge,
                                            const KnowledgeBase& knowledge);

}  // namespace refract
