// Shared counting step of every model (staging-decisions.md §1.4): a trial contributes only if it
// belongs to the current episode, is of a kind the model counts, is adequate under the model's
// rule, and failed under the model's failure rule. Everything else is excluded with a reason (when
// the staging options explain; StagingOptions::explain).
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "refract/staging/staging.h"

namespace refract {

struct SelectionSpec {
  std::set<TreatmentKind> countable_kinds;
  AdequacyRule rule;
  FailureRule failure = FailureRule::kShortOfResponse;
  // Optional extra gate (e.g. bilateral ECT only); returns an exclusion reason, or "" to accept.
  std::function<std::string(const Treatment&)> extra_gate;
  // The improvement threshold for scored outcomes (failure iff improvement < value %). Default:
  // outcome.response_pct for kShortOfResponse, outcome.partial_response_pct for kNonresponseOnly.
  const Parameter* failure_below_pct = nullptr;
  // Kinds the model does not count as trials but scores another way (Maudsley's "augmentation
  // used", MGH's points on the base trial): their exclusion reason, instead of "not counted".
  std::map<TreatmentKind, std::string> scored_elsewhere = {};
};

struct CountedTrial {
  std::size_t index = 0;  // in record.treatments and context.outcomes
  const Treatment* treatment = nullptr;
  const AdequacyVerdict* verdict = nullptr;  // in the context's adequacy memo
  const OutcomeAssessment* outcome = nullptr;
};

struct Selection {
  std::vector<CountedTrial> counted;
  std::vector<ExcludedTrial> excluded;
  std::vector<std::string> uncertain_params;
};

Selection SelectFailedTrials(const StagingContext& context, const SelectionSpec& spec);

// Whether trial `index`'s outcome is a failure under `rule` with improvement below `below_pct` %
// (IsFailure). The only way a model may read an outcome: the question is recorded in
// context.failure_questions when set (see StagingContext).
bool CountsAsFailure(const StagingContext& context, std::size_t index, FailureRule rule,
                     int below_pct);

// Copies the selection's ids, exclusions and uncertain parameters into `result` (deduplicated) and
// sets `provisional` accordingly.
void RecordSelection(const Selection& selection, ModelResult& result);

// Adds an unconfirmed parameter id to `result` (deduplicated) and marks it provisional.
void AddUncertain(ModelResult& result, const std::string& param_id);

// The distinct antidepressant molecules among counted AD / combination trials, in first-seen order
// (paroxetine IR and CR are one molecule; knowledge `molecule` field).
std::vector<std::string> DistinctAgents(const Selection& selection, const KnowledgeBase& knowledge);

// The parameter holding the default improvement threshold of a failure rule.
const Parameter& DefaultFailureThreshold(FailureRule rule, const KnowledgeBase& knowledge);

// Antidepressant class of a trial's agent, or kOther if unknown.
DrugClass ClassOf(const Treatment& treatment, const KnowledgeBase& knowledge);

// The kinds that carry an antidepressant agent (monotherapy or added second antidepressant).
bool IsAntidepressantKind(TreatmentKind kind);

}  // namespace refract
