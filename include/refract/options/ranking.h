// Next-step options: an evidence-linked, explainable ranking for shared decision-making.
//
// RankOptions places every catalogue option for one patient, deterministically, from documented
// knowledge (knowledge/ranking.json, knowledge/interventions.json; the method is docs/options.md).
//
// Tiers. An option that a guideline names for this patient's situation (ranking.json indications:
// ECT for psychotic depression, high suicide risk, catatonia, life-threatening illness, an earlier
// ECT response or severe depression after failed treatments; an antidepressant with an
// antipsychotic for psychotic depression; continuing what helps; finishing or optimising the
// antidepressant dose; starting an antidepressant; MBCT in remission) is in the indicated tier,
// ordered by the priority of its indication and shown above every other option; its failure-count
// gate is waived.
//
// Score (the other options, and the order within an indication):
//
//   score = evidence + history + moderators + preference + cautions + step + context
//
//   evidence    design and directness for TRD (the catalogue's evidence_level), minus
//               evidence.no_clear_benefit, evidence.small_trd_trials and (investigational)
//               evidence.investigational (graded once, PrepareOptions); evidence.stage_match for a
//               patient with one failed antidepressant trial and an inadequate-response option;
//               capped at evidence.population_excluded when the option's trials excluded a
//               condition this patient has (a caution with limits_evidence), whose moderators then
//               give no points.
//   history     the option helped before, was tried but never adequately, was never tried, or gave
//               a partial response; another option of the same mechanism failed adequately (not
//               between psychotherapies); the Markowitz 2022 psychotherapy gap.
//   moderators  the matching moderators' weights, capped at moderator.cap per option.
//   preference  the patient prefers this option or its category.
//   cautions    caution.relative for each scored relative caution that applies to this patient.
//   step        the ranking.json step rules (NICE NG222 1.9: after one failure, dose, switch or
//               psychotherapy before specialist combinations and rTMS).
//   context     context.add_on_without_antidepressant for an add-on option with no antidepressant
//               ongoing; context.applies (0 points) names the situation of a situational option.
//
// Exclusions are not scores: an option the patient declined, one with a hard contraindication
// present, one whose every variant was adequately tried without response, one not yet indicated
// (its gate on the number of failed trials: augmentation, combination, MAOI, rTMS and iTBS need
// one, esketamine two, ECT two treatments outside its indications, VNS the CMS rule), and one whose
// required situation is absent are listed with the reason and never ranked. A diagnosis other than
// MDD ranks nothing and says why (bipolar depression has its own pathway). A current self-harm
// signal, recorded active suicidality or a recent attempt puts a safety action above every option,
// at a level (SafetyLevel) that scales with the signal.
//
// Ordering: the indicated tier, then score (descending), then the evidence component, then
// catalogue order; equal scores within a tier are marked as tied. Decision support for a clinician:
// the ranking orders options for discussion with the patient and is never a verdict.
//
// Pure: no I/O, no clock. The report points into the OptionsKnowledge it holds (shared), so it
// stays valid on its own.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "refract/base/status.h"
#include "refract/domain/outcome.h"
#include "refract/domain/patient.h"
#include "refract/evidence/effect_record.h"
#include "refract/knowledge/knowledge.h"
#include "refract/options/catalogue.h"
#include "refract/options/computed_evidence.h"
#include "refract/options/ranking_knowledge.h"

namespace refract {

// A score component: its weight id, the points it gave and why. `provenance` is the weight's (or,
// for a moderator, the finding's).
struct OptionComponent {
  std::string id;  // "evidence.trd_rct", "history.never_tried", "moderator.stpp_severity", ...
  double points = 0;
  std::string detail;
  Provenance provenance;
};

// The evidence grade of one option, computed once from its entries and syntheses.
struct EvidenceGrade {
  std::vector<OptionComponent> components;
  double points = 0;
  int trd_participants = 0;      // summed over TRD / inadequate-response studies with a result
  std::string clearest_benefit;  // the entry whose CI is clear of no effect, or ""
  std::vector<std::string> relies_on_unconfirmed;  // the clearest benefit rests on a U entry
};

// The catalogue, ranking weights and computed evidence, prepared once per process.
struct OptionsKnowledge {
  InterventionCatalogue catalogue;
  RankingKnowledge ranking;
  std::vector<ComputedSynthesis> syntheses;
  // The arm effect of each evidence entry: arm_effects[i][j] for catalogue row i, entry j.
  std::vector<std::vector<std::optional<ArmEffect>>> arm_effects;
  std::vector<EvidenceGrade> grades;                                // per catalogue row
  std::map<std::string, Parameter, std::less<>> review_parameters;  // measurement review values
  std::string data_version;  // the synthesis table and the Metapsy data it pooled
  std::string version;       // every table and the data, for reports

  const EvidenceGrade& GradeOf(const Intervention& option) const;
  std::span<const std::optional<ArmEffect>> ArmEffectsOf(const Intervention& option) const;
};

// Checks the cross-references (moderator and synthesis option ids, compare_with study ids,
// measurement review parameters in `knowledge`, no synthesis of any scope under an option whose
// evidence level is not_reviewed, every evidence level backed by its entries: UnsupportedLevel),
// computes the arm effects, runs the syntheses on `comparisons` and grades every option. Errors:
// kInvalidArgument listing every problem, each naming its file and option or synthesis id.
StatusOr<std::shared_ptr<const OptionsKnowledge>> PrepareOptions(
    InterventionCatalogue catalogue, RankingKnowledge ranking, std::span<const SynthesisSpec> specs,
    std::span<const evidence::EffectRecord> comparisons, std::string data_version,
    const KnowledgeBase& knowledge);

// ---- Input: what the ranking reads about one patient (built by app/next_steps.h) ----

// A trial of the current episode.
struct TrialSummary {
  std::string id;
  TreatmentKind kind = TreatmentKind::kAntidepressant;
  std::string agent;  // drug, agent or modality id
  Date start;
  std::vector<std::string>
      treatment_classes;  // TreatmentClasses ids (knowledge/treatment_classes.h)
  bool adequate = false;
  bool evidence_based_psychotherapy = false;  // psychotherapy of an evidence-based modality
  OutcomeCategory outcome = OutcomeCategory::kUnknown;
  bool ongoing = false;
  std::string shortfall;  // why it was not adequate (the failed adequacy checks)
  std::vector<std::string> uncertain_params;  // unconfirmed values its adequacy verdict relied on
};

// A fact about the patient: true, false, or not recorded (nullopt), and what decided it.
// Facts (kFactIds), conditions (kCautionConditions) and situations (kOptionContexts) share one id
// space; OptionsInput::Find looks in all three.
struct Fact {
  std::string id;
  std::optional<bool> value;
  std::string detail;
};

struct SafetySignal {
  // "SAFETY_ITEM9" (and the other instruments' item codes), "SAFETY_ITEM_UNANSWERED",
  // "ACTIVE_SUICIDALITY", "RECENT_SUICIDE_ATTEMPT"
  std::string code;
  std::string text;  // what was seen, with the date
  // A positive item at or above its instrument's urgent level (PHQ-9 item 9 >= 2; HAM-D item 3 >=
  // 3; MADRS item 10 >= 4).
  bool urgent_item = false;
  std::optional<int> days_before;  // days from the administration to as_of, when dated
};

struct OptionsInput {
  Diagnosis diagnosis = Diagnosis::kMdd;
  std::vector<TrialSummary> trials;      // current episode, record order
  int failed_antidepressant_trials = 0;  // the two-failure model's counted trials
  int failed_treatments = 0;             // adequate failed trials of every kind
  std::vector<Fact> facts;               // kFactIds
  std::vector<Fact> conditions;          // kCautionConditions
  std::vector<Fact> contexts;            // kOptionContexts
  std::vector<std::string> prefers;      // option or category ids
  std::vector<std::string> declines;
  std::vector<SafetySignal> safety_signals;  // current self-harm signals
  // Days from the latest administration with a self-harm item (any value) to as_of; nullopt when
  // no administration has one.
  std::optional<int> self_harm_item_days;
  std::vector<std::string> notes;  // e.g. the latest trial ended in remission
  std::map<std::string, std::string, std::less<>> class_labels;  // class id -> "TCA", ...

  // The fact, condition or situation named `id`, or nullptr.
  const Fact* Find(std::string_view id) const;
};

// ---- Output ----

enum class ExclusionKind {
  kDeclined,
  kContraindicated,
  kAlreadyFailed,
  kNotYetIndicated,
  kSituationAbsent
};
std::string_view ToString(ExclusionKind kind);  // "declined", "contraindicated", ...

struct Exclusion {
  ExclusionKind kind = ExclusionKind::kDeclined;
  std::string detail;
  Provenance provenance;
};

enum class CautionStatus {
  kApplies,     // the condition is present: shown beside the option (relative caution)
  kScreen,      // the condition is not recorded: screen before starting
  kNotPresent,  // the condition was recorded as absent
  kGeneral,     // no condition: always shown
};
std::string_view ToString(CautionStatus status);  // "applies", "screen", "not_present", "general"

struct CautionView {
  const Caution* caution = nullptr;
  CautionStatus status = CautionStatus::kGeneral;
  bool hard = false;   // a hard exclusion condition
  bool defer = false;  // a deferral condition (kNotYetIndicated)
  std::string detail;
};

struct ModeratorView {
  const Moderator* moderator = nullptr;
  std::optional<bool> fact;  // nullopt: not recorded
  double points = 0;         // 0 unless the fact is true (and before the cap)
  bool not_applied = false;  // the fact is true, but the option's trials excluded this patient
  std::string fact_detail;
};

// An adequate trial that failed in this episode, of an option an indication keeps in the indicated
// tier despite the failure (Indication::despite_failure): named so that the same agent is not
// chosen again.
struct PriorFailure {
  std::string trial;  // "T7A"
  std::string agent;  // "aripiprazole"; "" when the record names none
};

struct OptionResult {
  const Intervention* option = nullptr;
  // The guideline indications that apply to this patient: non-empty places the option in the
  // indicated tier, above every other option.
  std::vector<const Indication*> indications;
  double score = 0;
  double evidence_points = 0;
  int rank = 0;                             // 1-based; 0 when excluded
  bool tied = false;                        // equal score with a neighbour of the same tier
  std::vector<OptionComponent> components;  // in score order: evidence, history, moderators, ...
  std::vector<ModeratorView> moderators;    // every moderator that names this option
  std::vector<CautionView> cautions;
  std::vector<Exclusion> exclusions;  // non-empty: not ranked
  // Non-empty only for an option kept in the indicated tier although every variant failed
  // adequately in this episode: those failed trials, in record order (the rationale names them).
  std::vector<PriorFailure> prior_failures;
  std::vector<const ComputedSynthesis*> syntheses;
  std::string rationale;                           // one line for the report
  std::vector<std::string> relies_on_unconfirmed;  // U-tagged items that shaped this result
  bool provisional = false;
};

// How soon the safety action is needed (NICE NG222 1.2.9 urgent referral; crisis team):
//   kRoutine    a positive self-harm item below its urgent level, an unanswered item, or any item
//               older than safety.recent_days: a structured risk assessment at this contact
//   kUrgent     a recent item at its urgent level: same day; also catatonia or not eating or
//               drinking (URGENT_MEDICAL_RISK: life-threatening whatever the suicide risk)
//   kEmergency  a recent suicide attempt, or recorded active suicidality (a clinician's finding of
//               intent or plan; a lower self-report item does not lower it): now (crisis team or
//               emergency services)
// A level is a prompt for a clinician's assessment, never a risk estimate.
enum class SafetyLevel { kRoutine, kUrgent, kEmergency };
std::string_view ToString(SafetyLevel level);  // "routine", "urgent", "emergency"

struct SafetyAction {
  // "SAFETY_ASSESSMENT" (a current signal), "SAFETY_NOT_ASSESSED" (no self-harm item within
  // safety.recent_days and suicide risk not recorded: a routine prompt to ask), or
  // "URGENT_MEDICAL_RISK" (catatonia, not eating or drinking)
  std::string code;
  SafetyLevel level = SafetyLevel::kRoutine;
  std::string text;
  std::string why;  // what set the level
  std::vector<SafetySignal> signals;
};

struct OptionsReport {
  std::shared_ptr<const OptionsKnowledge> knowledge;
  bool applicable = true;
  std::string not_applicable_reason;
  std::vector<SafetyAction> safety_actions;  // shown above every option
  std::vector<OptionResult> ranked;          // rank order
  std::vector<OptionResult> excluded;        // catalogue order
  OptionsInput input;                        // what was read about the patient
  std::vector<std::string> notes;

  // The result for `id` (ranked or excluded), or nullptr.
  const OptionResult* Find(std::string_view id) const;
};

// REQUIRES: knowledge != nullptr.
OptionsReport RankOptions(const OptionsInput& input,
                          std::shared_ptr<const OptionsKnowledge> knowledge);

}  // namespace refract
