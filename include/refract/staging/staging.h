// TRD staging under every published model (staging-decisions.md §4), side by side.
//
// Each model returns its stage / score / category, the trials it counted, the trials it excluded
// with the reason, the implementer decisions it used (staging-decisions.md §7, documented in
// docs/staging-decisions.md), the unconfirmed [U] parameters the result relied on, and
// `provisional` when there are any. "Not TRD" and "insufficient data" are results, never errors.
// Diagnoses other than MDD are not staged (bipolar depression must not be staged as unipolar TRD,
// staging-decisions.md A14): every model then returns applicable = false with the reason.
#pragma once

#include <cstddef>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "refract/adequacy/adequacy.h"
#include "refract/adequacy/trial_outcome.h"
#include "refract/domain/patient.h"
#include "refract/knowledge/knowledge.h"

namespace refract {

// Selectable variants; every default is an implementer decision listed in
// docs/staging-decisions.md.
struct StagingOptions {
  bool thase_rush_lenient = false;  // A3: TCA may be one of the two Stage II classes
  bool european_require_distinct_classes =
      false;  // A4: "of different classes" is [U] in the primary
  bool conway_stage2_requires_new_class = false;  // A21
  bool markowitz_allow_retrospective = false;     // A16 (§4.7 default)
  bool markowitz_require_combined_trial = false;  // §4.7 strict variant
  bool sforzini_count_ect = true;  // A18: ECT may be one of the two (moderate consensus)
  // The note that a trial with no recorded outcome would change the result if it had failed
  // (src/staging/outcome_sensitivity.h). It changes no result; a population run, which reports no
  // notes, turns it off to save staging each model again per such trial.
  bool note_unknown_outcomes = true;
  // The words that explain a result and change no verdict: each model's assumptions
  // (ModelResult::assumptions), the trials it did not count with the reason
  // (ModelResult::excluded_trials, with the adequacy checks' details behind "not adequate") and
  // the changes to the history that would move the result (ModelResult::next_steps). Re-staging a
  // variant to compare verdicts, a population run and a CDS hook call, which show none of them,
  // turn it off: the three lists are then left empty.
  bool explain = true;
  // The other words, which change no verdict either: what a definition still needs
  // (ModelResult::missing), the score components (ModelResult::components), the notes (the
  // outcome-sensitivity reasons among them) and the trials' outcome details
  // (StagingContext::outcomes: detail, decision and near boundaries). A population run reads only
  // each model's verdict, one-line summary, counted trials and provisional flag; it turns this off
  // with `explain`, and the three lists are then left empty and the outcome details blank.
  bool describe = true;
};

struct ExcludedTrial {
  std::string id;
  std::string reason;
};

struct ScoreComponent {
  std::string item;
  double points = 0;
  std::string detail;
};

// A rule a model's result rests on, in plain words. `decision` is the id of an implementer decision
// on docs/staging-decisions.md ("A3"), empty for a rule taken from the source itself; `doc` is the
// page and anchor that explains it ("docs/staging-decisions.md#thase-rush-tca-maoi").
struct Assumption {
  std::string decision;
  std::string doc;
  std::string text;
};

// The result under a named variant of the model's rule (e.g. retrospective trials allowed).
struct VariantResult {
  std::string id;
  std::string description;
  bool meets = false;
};

struct ModelResult {
  std::string model_id;  // stable: "thase_rush_1997", "maudsley_2009", ...
  std::string name;      // "Thase & Rush (1997)"
  std::string citation;
  bool applicable = true;
  std::optional<int> stage;
  std::optional<double> score;
  std::optional<std::string> category;
  std::optional<bool> meets;
  std::string summary;  // one line for the report table: "Stage II", "8 (moderate)", "meets"
  bool provisional = false;
  std::vector<std::string> counted_trials;
  // The regulatory count of failed antidepressants (distinct oral antidepressant molecules that
  // failed adequate trials in the current episode; staging-decisions.md §4.8, A9), set only by the
  // model that defines it (two_failures). The esketamine label and the next-step ranking read it.
  std::optional<int> failed_antidepressants;
  std::vector<ExcludedTrial> excluded_trials;
  std::vector<ScoreComponent> components;
  std::vector<Assumption> assumptions;
  std::vector<std::string> uncertain_params;
  std::vector<std::string> missing;     // what the definition still needs (Markowitz, two-failure)
  std::vector<std::string> next_steps;  // the smallest change to the history that moves the result
  std::vector<VariantResult> variants;
  std::vector<std::string> notes;
  // Set when the days imputed for the record's partial dates decide the result (marked by the
  // application layer, app/imputed_dates.h); `provisional` is then true.
  std::optional<ImputedDateEffect> imputed_dates;
};

// The adequacy verdicts of one record's trials, each computed once per (trial, rule): a verdict
// depends only on the trial, as_of, the knowledge and the rule, and the models re-stage the same
// record many times (outcome sensitivity). Keyed on the record and knowledge addresses too, so a
// memo shared by mistake never answers for another record. Not thread-safe: one per staging call.
class AdequacyMemo {
 public:
  // A verdict in words also answers a request for the verdict only.
  const AdequacyVerdict& Verdict(const PatientRecord& record, std::size_t index,
                                 const KnowledgeBase& knowledge, const AdequacyRule& rule,
                                 AdequacyDetail detail);

 private:
  struct Entry {
    const PatientRecord* record = nullptr;
    std::size_t index = 0;
    const KnowledgeBase* knowledge = nullptr;
    AdequacyRule rule = {};
    AdequacyVerdict verdict = {};
  };
  std::deque<Entry> entries_;  // a deque: references to verdicts stay valid as it grows
  std::vector<std::vector<const Entry*>> by_trial_;  // entries_ of each trial index
};

// One question a model asked of a trial's outcome: does trial `trial` count as a failure under
// `rule` with `below_pct` % as the improvement threshold (CountsAsFailure, trial_selection.h)?
struct FailureQuestion {
  std::size_t trial = 0;
  FailureRule rule = FailureRule::kShortOfResponse;
  int below_pct = 0;
  bool operator==(const FailureQuestion&) const = default;
};

// Everything a model needs, computed once per patient. Index-aligned with record.treatments.
// Copies (the outcome variants) share the adequacy memo, as they share the record and knowledge.
// When `failure_questions` is set, every question a model asks of an outcome is added to it: a
// model reads outcomes only through those questions, so its verdict cannot change when trial i's
// outcome is replaced by one that answers the questions asked of trial i alike (the
// outcome-sensitivity check skips re-staging such variants).
struct StagingContext {
  const PatientRecord& record;
  const KnowledgeBase& knowledge;
  const StagingOptions& options;
  std::vector<OutcomeAssessment> outcomes;
  std::vector<bool> in_current_episode;
  std::shared_ptr<AdequacyMemo> adequacy = std::make_shared<AdequacyMemo>();
  std::shared_ptr<std::vector<FailureQuestion>> failure_questions = nullptr;
};

// The adequacy verdict of trial `index` under `rule` (AssessAdequacy, memoised in the context), in
// words when context.options.explain is set.
const AdequacyVerdict& TrialAdequacy(const StagingContext& context, std::size_t index,
                                     const AdequacyRule& rule);

StagingContext MakeStagingContext(const PatientRecord& record, const KnowledgeBase& knowledge,
                                  const StagingOptions& options);

// All models in report order.
std::vector<ModelResult> StageAllModels(const StagingContext& context);

}  // namespace refract
