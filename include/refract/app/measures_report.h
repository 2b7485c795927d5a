// Measurement-based care for one patient (docs/measures-decisions.md): every administration scored
// the same way, safety alerts (a positive item is never suppressed or grouped; older "item not
// available" notices are summarised per instrument), change per instrument since the first and the
// previous administration, the not-on-track signal of the latest administration against the current
// treatment step's baseline (measures-decisions.md §10.4, with the §11 early-worsening context for
// intensive psychodynamic therapy), and the NHS Talking Therapies outcome from the first and the
// last of at least two PHQ-9 administrations (with GAD-7 when it too was given at least twice).
// Pure: no I/O, no clock.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "refract/domain/patient.h"
#include "refract/knowledge/knowledge.h"
#include "refract/measures/change.h"
#include "refract/measures/measures_knowledge.h"
#include "refract/measures/not_on_track.h"
#include "refract/measures/score.h"
#include "refract/measures/talking_therapies.h"

namespace refract {

struct InstrumentSeries {
  std::string instrument_id;
  std::string name;
  measures::Direction direction = measures::Direction::kHigherWorse;
  std::vector<measures::ScoredAdministration> administrations;  // date order
  std::vector<std::string>
      notes;  // administrations that could not be scored, classifications skipped
  std::optional<measures::ChangeResult> since_first;
  std::optional<measures::ChangeResult> since_previous;
  std::optional<measures::NotOnTrackResult> not_on_track;
  std::string not_on_track_step;  // the treatment step the signal refers to
  // Index-aligned with `administrations`: the treatment id the administration was tagged to
  // (assessments[].treatment), or "".
  std::vector<std::string> tagged_treatment;
};

// Older "self-harm item not available" notices of one instrument, in one line.
struct AlertSummary {
  std::string instrument_id;
  measures::SafetyAlertKind kind = measures::SafetyAlertKind::kItemNotAvailable;
  measures::AlertSeverity severity = measures::AlertSeverity::kNotice;
  int count = 0;
  Date first;
  Date last;
  std::string message;  // "3 earlier MADRS totals, 2024-04-15 to 2024-08-15, had no item 10
                        // recorded"
};

struct MeasuresReport {
  std::vector<InstrumentSeries> series;
  // The report's alerts, date order: every positive and every unanswered self-harm item of every
  // administration, and the "item not available" notice of the latest administration of each
  // instrument only. The older notices are in `alert_summaries`; every administration keeps its
  // own full list (series[].administrations[].safety).
  std::vector<measures::SafetyAlert> alerts;
  std::vector<AlertSummary> alert_summaries;
  std::optional<measures::TalkingTherapiesResult> talking_therapies;
  std::string talking_therapies_note;
};

// REQUIRES: the record's assessments in NormalizeRecord's order (domain/record_rules.h): the last
// administration of each series is the latest by date. AssessPatient normalises the record first.
// `kb` gives the response boundaries (outcome.response_pct, outcome.partial_response_pct) and the
// first-week baseline window of a treatment step (outcome.derived_baseline_days_after).
MeasuresReport AnalyseMeasures(const PatientRecord& record, const KnowledgeBase& kb,
                               const MeasuresKnowledge& knowledge);

// The scored series of `instrument_id`, or nullptr.
const InstrumentSeries* FindSeries(const MeasuresReport& report, std::string_view instrument_id);

}  // namespace refract
