// The intervention catalogue (docs/interventions.md): the next-step options for
// treatment-resistant depression, each with its typical course, its evidence entries (each citing
// its primary source), cautions and setting.
//
// Pure value types: loaded from knowledge/interventions.json by refract::io (LoadInterventions)
// and read by the ranking. Every number carries the Provenance of its primary source (tags
// V/E/U/D, knowledge.h). The source review's marks map as (docs/interventions.md, Tags): [V] and
// [V-data] -> V; [V-2nd] -> U (secondary source only); UNCERTAIN -> U, and an UNCERTAIN number is
// never shipped (the entry keeps its design and says what is missing in `note`).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "refract/domain/patient.h"
#include "refract/knowledge/knowledge.h"

namespace refract {

enum class InterventionCategory {
  kPsychotherapy,
  kMedicationStrategy,
  kNeuromodulation,
  kGlutamatergic,
  kPsychedelic,
  kLifestyle,
  kContinuation  // continuing the treatment that helped (whatever its kind)
};
std::string_view ToString(InterventionCategory category);  // "psychotherapy", ...
// An id in words for a report: "psychotic features" from "psychotic_features".
std::string InWords(std::string_view id);

// The category spelled `name` ("psychotherapy", ...), or nullopt.
std::optional<InterventionCategory> CategoryNamed(std::string_view name);

// Who the evidence was gathered in, by one definition: the fewest failed adequate antidepressant
// treatments the trial (or every trial of a pool) required of each participant
// (`min_failed_treatments`). kTrd: >= 2 (the FDA/EMA two-failure definition; a failed prospective
// trial counts, as in TRANSFORM-2). kInadequateResponse: exactly 1. kGeneralDepression: not
// selected for resistance (no minimum). A mixed or unreported criterion takes the lower label.
enum class EvidencePopulation { kTrd, kInadequateResponse, kGeneralDepression };
std::string_view ToString(EvidencePopulation population);  // "trd", "inadequate_response", ...

// Why `population` does not follow the definition above for `min_failed_treatments`, or "" when
// it does: trd needs >= 2, inadequate_response exactly 1, general_depression none (null).
std::string PopulationRuleViolation(EvidencePopulation population,
                                    std::optional<int> min_failed_treatments);

// What an evidence entry measures.
enum class OutcomeKind { kResponse, kRemission, kContinuous, kRelapse, kOther };
std::string_view ToString(OutcomeKind kind);  // "response", "remission", "continuous", ...

enum class EffectMeasure {
  kSmd,  // standardised mean difference (also the UK ECT Review Group's SES)
  kCohensD,
  kHedgesG,
  kMeanDifference,  // raw or least-squares mean difference on a rating scale
  kOddsRatio,
  kRiskRatio,
  kHazardRatio,
  kPrePostEs,    // within-arm pre-post effect size: never comparable with between-group SMDs
  kProportions,  // per-arm percentages / counts only (see `arms`)
  kNotReported   // design recorded, result not captured from the source
};
std::string_view ToString(EffectMeasure measure);  // "smd", "cohens_d", ...

// How far the evidence carries for TRD. Every row states one, with a note.
enum class EvidenceLevel {
  kTrdMetaAnalysis,                 // a meta-analysis of TRD trials with a pooled estimate
  kInadequateResponseMetaAnalysis,  // a pooled estimate from trials after >= 1 failed
                                    // antidepressant
  kTrdRct,                          // at least one randomised trial in TRD with a captured result
  kInadequateResponseRct,  // randomised trials after >= 1 failed antidepressant, none pooled
  kTrdNonRandomised,       // TRD data only from non-randomised designs
  kIndirect,               // estimates only from non-TRD or >= 1-failure populations
  kNoTrdEstimate,          // TRD trials exist, but the catalogue holds no usable number
  kNoCompletedTrdTrial,    // no completed TRD trial at all
  kNotReviewed             // the catalogue holds no study of this option
};
std::string_view ToString(EvidenceLevel level);  // "trd_meta_analysis", ...
// In words for the report: "pooled TRD evidence", "indirect evidence (not TRD)", ...
std::string_view Describe(EvidenceLevel level);

// Which side of "no effect" favours the intervention, for an entry that compares it with a
// comparator: kHigher (an SMD > 0, a ratio > 1, more events in the first arm), kLower (a negative
// difference, a ratio < 1, fewer events). kNotComparative: within-arm, cohort or active-vs-active
// data that do not test the option against a control. kUnknown: the source does not say.
enum class Favours { kHigher, kLower, kNotComparative, kUnknown };
std::string_view ToString(Favours favours);  // "higher", "lower", "not_comparative", "unknown"

// One arm of a trial or pooled analysis, as reported (only the fields the source gives).
struct ArmResult {
  std::string label;              // "CBT + TAU", "sham"
  std::optional<double> percent;  // e.g. response or remission rate
  std::optional<int> events;
  std::optional<int> n;
  std::optional<double> mean;  // e.g. end-of-treatment or change score
};

struct EvidenceEntry {
  std::string study_id;  // the study's record id (e.g. cobalt2013), or a short id for a table row
  std::string citation;
  std::string outcome;  // "HAM-D change at 16 weeks", "response", ...
  OutcomeKind outcome_kind = OutcomeKind::kOther;
  std::string time_point;        // "day 28", "6 months": the trial's primary one unless stated
  bool primary_outcome = false;  // the trial's (or review's) primary outcome at that time point
  std::string comparator;        // "TAU", "sham rTMS", "placebo", ...
  EvidencePopulation population = EvidencePopulation::kGeneralDepression;
  std::optional<int> min_failed_treatments;  // see EvidencePopulation; nullopt: not selected
  // A pool across the whole class (van Bronswijk 2019: all psychotherapies added to TAU): shown as
  // context, never the option's own evidence.
  bool class_level = false;
  EffectMeasure measure = EffectMeasure::kNotReported;
  std::optional<double> value;
  std::optional<std::pair<double, double>> ci;  // 95% CI, low <= high
  std::optional<double> se;
  std::optional<int> k;  // studies (meta-analyses)
  std::optional<int> n;  // participants (randomised or pooled, as the note says)
  std::vector<ArmResult> arms;
  std::optional<double> p_value;  // of the primary comparison, when the source gives only that
  std::string direction;          // which way favours the intervention, in words
  Favours favours = Favours::kUnknown;  // the same, for the engine (required with a value)
  std::string note;                     // required when there is no value: what the source lacks
  Provenance provenance;
};

struct CourseItem {
  std::optional<std::pair<double, double>> sessions;  // [min, max]; min == max for a fixed count
  std::optional<std::pair<double, double>> weeks;
  std::string text;
  Provenance provenance;
};

// Condition ids a caution may name (they match patient-record facts the ranking will read).
extern const std::vector<std::string_view> kCautionConditions;

// At most one of hard_exclusion_when, defer_when and applies_when is set (Condition() names it).
struct Caution {
  std::string text;
  // A condition under which the option is never offered (a hard exclusion), or empty.
  std::string hard_exclusion_when;
  // A condition under which the option waits (not yet indicated: psychological treatment once
  // acute psychotic symptoms improve, NICE NG222 1.12.1), or empty.
  std::string defer_when;
  // A condition that makes this caution relevant, shown beside the option; empty when it is
  // general.
  std::string applies_when;
  // false: shown when it applies, but it never changes the score (e.g. the suicidality exclusion of
  // the psychotherapy trials, which the safety action above every option handles).
  bool scored = true;
  // true: the option's trials excluded patients with this condition, so when it is present the
  // option's evidence counts as indirect at most (evidence.population_excluded) and its moderators,
  // estimated in those trials, give no points.
  bool limits_evidence = false;

  // The condition this caution names, or "" for a general caution.
  const std::string& Condition() const;
  Provenance provenance;
};

enum class SettingLevel {
  kSelfDirected,
  kPrimaryCare,
  kSpecialistOutpatient,
  kHospital,
  kClinicalTrialOnly
};
std::string_view ToString(SettingLevel level);  // "self_directed", ...

struct Setting {
  SettingLevel level = SettingLevel::kSpecialistOutpatient;
  std::vector<std::string> requirements;
  Provenance provenance;
};

// When an option becomes indicated: at least `min_failed_trials` adequate failed trials in the
// current episode, counted as the label or coverage rule counts them.
enum class FailureCount {
  kAntidepressantTrials,  // the two-failure (FDA/EMA-style) model's counted oral antidepressant
                          // trials
  kAnyTreatments,         // every adequate failed trial of any kind (CMS VNS coverage rule)
};
std::string_view ToString(FailureCount count);  // "antidepressant_trials", "any_treatments"

struct Eligibility {
  int min_failed_trials = 0;
  FailureCount counts = FailureCount::kAntidepressantTrials;
  // When not empty, at least one of these patient facts (ranking_knowledge.h kFactIds) must also be
  // true (CMS VNS: an episode of >= 2 years or >= 4 episodes).
  std::vector<std::string> requires_any_fact;
  std::string text;  // the rule in words, with its source
  Provenance provenance;
};

// Patient situations an option may be restricted to (`applies_only_when`, any of them):
//   ongoing_antidepressant_not_yet_adequate   an ongoing antidepressant trial has not yet reached
//   an
//                                             adequate dose or duration
//   failed_antidepressant_below_maximum_dose  the latest antidepressant trial failed (adequately)
//   at
//                                             a dose below the drug's maximum licensed dose
//   no_antidepressant_in_episode              no antidepressant trial at all in this episode
//   antidepressant_tried_in_episode           at least one antidepressant trial in this episode
//   no_antidepressant_ongoing                 no antidepressant (or combination) trial is ongoing
//   current_treatment_helping                 the latest trial with a recorded outcome helped
//                                             (response or remission) and no relapse followed
//   in_remission                              the same, with remission
extern const std::vector<std::string_view> kOptionContexts;

// What to measure and when while the option is given. `review_parameter`, when set, is a knowledge
// parameter id (knowledge/parameters.json) whose value, in `unit`, says when to judge the course;
// the text never repeats that number.
struct MeasurementItem {
  std::string text;
  std::string review_parameter;
  std::string unit;  // "weeks" or "sessions" (with review_parameter)
  Provenance provenance;
};

struct Intervention {
  std::string id;  // stable snake_case
  std::string name;
  InterventionCategory category = InterventionCategory::kPsychotherapy;
  std::vector<std::string> treatment_classes;         // "not adequately tried" class ids
  std::vector<std::string> psychotherapy_modalities;  // ids of knowledge/psychotherapies.json
  // Trial kinds that are this option (esketamine, ketamine, rtms, itbs, ect); empty when the
  // option is matched by its modalities or treatment classes.
  std::vector<TreatmentKind> trial_kinds;
  bool investigational = false;  // not an approved treatment; offered within trials
  // Studied as an add-on to an ongoing antidepressant (psychotherapy "added to antidepressants",
  // augmentation, combination): context.add_on_without_antidepressant when none is ongoing.
  bool add_on_to_antidepressant = false;
  std::vector<CourseItem> course;
  std::vector<EvidenceEntry> evidence;
  EvidenceLevel evidence_level = EvidenceLevel::kNotReviewed;
  std::string evidence_strength;  // plain-language note, always present
  std::vector<Caution> cautions;
  Setting setting;
  std::optional<Eligibility> eligibility;
  std::vector<std::string> applies_only_when;  // kOptionContexts ids (any of them), or empty
  std::vector<MeasurementItem> measurement;
};

struct InterventionCatalogue {
  std::string version;  // "interventions@<table version>"
  std::vector<Intervention> interventions;

  // nullptr when no row has this id.
  const Intervention* FindIntervention(std::string_view id) const;
  // Whether a patient preference may name `id`: an option id or a category name.
  bool IsPreferenceId(std::string_view id) const;
  // Rows that correspond to a "not adequately tried" class, in catalogue order.
  std::vector<const Intervention*> ForTreatmentClass(std::string_view class_id) const;
};

}  // namespace refract
