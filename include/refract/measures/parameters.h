// Change-rule parameters (knowledge/measures_parameters.json, refract-measures-parameters/1).
//
// Each value is a refract::Parameter: id (its JSON path, e.g. "percent_change.response_pct"),
// value, and the measures-decisions.md row with its tag. No normative data (means, SDs,
// reliabilities) ships: measures-decisions.md gives none, so Jacobson-Truax norms and ETR norm sets
// come from the caller.
#pragma once

#include <string>
#include <vector>

#include "refract/knowledge/knowledge.h"

namespace refract::measures {

// Response >= 50 %, partial response 25 % to < 50 % (integer-valued). The same boundaries classify
// a trial's outcome, so they have one home: knowledge/parameters.json, outcome.response_pct and
// outcome.partial_response_pct (PercentChangeThresholds reads them).
struct PercentChangeParameters {
  Parameter response_pct;
  Parameter partial_response_pct;
};

// outcome.response_pct and outcome.partial_response_pct of `knowledge` (required parameters).
PercentChangeParameters PercentChangeThresholds(const KnowledgeBase& knowledge);

// measures-decisions.md §9.5 (NHS Talking Therapies, "IAPT-style" POLICY) and §9.4 (GAD-7 RC 4 vs
// Bischoff 6).
struct TalkingTherapiesParameters {
  Parameter phq9_caseness;                  // >= 10
  Parameter gad7_caseness;                  // >= 8
  Parameter phq9_reliable_change;           // 6
  Parameter gad7_reliable_change;           // 4 (NHS Talking Therapies convention)
  Parameter gad7_reliable_change_bischoff;  // 6 (Bischoff et al. 2020 RCI 5.59 rounded)
  Parameter min_sessions;                   // finished course: >= 2 attended treatment sessions
};

// measures-decisions.md §9.3: |RC| > z is reliable change; criteria a and b use `sd_multiplier`
// SDs.
struct JacobsonTruaxParameters {
  Parameter z;              // 1.96
  Parameter sd_multiplier;  // 2 (some implementations use 1.96, §13.11)
};

// measures-decisions.md §10.4 (PHQ-9 rule set, POLICY) and §11 (early-worsening window, POLICY).
struct NotOnTrackParameters {
  std::string instrument;                     // the instrument the rule set is defined for: "phq9"
  Parameter min_elapsed;                      // rule 4: >= 4 weeks or sessions after step start
  Parameter max_reduction_pct;                // rule 4: reduction < 25 %
  Parameter case_at_least;                    // rules 4-5: X >= 10 is a case
  Parameter etr_boundary_percentile;          // rule 3: p = 0.90 [U]
  Parameter early_worsening_window_sessions;  // §11: first N sessions [D, no sourced value]
  std::vector<std::string> early_worsening_modalities;  // psychotherapy ids: "istdp", "stpp"
  Provenance early_worsening_modalities_provenance;
};

struct MeasuresParameters {
  std::string version;
  TalkingTherapiesParameters talking_therapies;
  JacobsonTruaxParameters jacobson_truax;
  NotOnTrackParameters not_on_track;
};

// True when any parameter in `basis` is tagged U: the result relying on it is provisional.
bool AnyUnconfirmed(const std::vector<Parameter>& basis);

}  // namespace refract::measures
