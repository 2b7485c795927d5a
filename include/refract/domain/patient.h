// The patient record (format `refract-patient/1`, documented in docs/patient-record.md): value
// types only.
//
// A record describes one patient at one staging date (`as_of`): the diagnosis, the current episode,
// optional clinical factors, and the treatment history. Treatments of every kind share one struct;
// the fields that do not apply to a kind stay empty (the JSON reader rejects them). Every date but
// `as_of` may be recorded to the month or year only: the date field then holds the imputed day and
// the `*_partial` field beside it its precision and possible days (domain/partial_date.h). The
// rules across fields (order, references, dates) are domain/record_rules.h.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "refract/base/date.h"
#include "refract/domain/outcome.h"
#include "refract/domain/partial_date.h"

namespace refract {

enum class Diagnosis { kMdd, kBipolar, kOther };
enum class Sex { kFemale, kMale, kOther };

// Symptom severity at staging, as the Maudsley Staging Method rates it (staging-decisions.md §4.4).
enum class Severity { kSubsyndromal, kMild, kModerate, kSevere, kSeverePsychotic };

enum class Level { kNone, kMild, kModerate, kSevere };
enum class MentalizingCapacity { kLow, kModerate, kHigh };
// IPT problem areas (Weissman, Markowitz & Klerman).
enum class InterpersonalArea {
  kNone,
  kGrief,
  kRoleDispute,
  kRoleTransition,
  kInterpersonalDeficits
};

struct Demographics {
  std::optional<Date> birth_date;
  std::optional<PartialDate> birth_date_partial;
  std::optional<Sex> sex;
  std::optional<int> education_years;
};

struct Episode {
  Date onset;
  std::optional<PartialDate> onset_partial;
  Severity severity = Severity::kModerate;
  bool psychotic_features = false;
  std::optional<int> lifetime_episodes;  // including the current one
};

// Factors used by DM-TRD's added items and, later, by option ranking. All optional: unknown stays
// unknown.
struct ClinicalFactors {
  std::optional<Level> functional_impairment;
  std::optional<bool> comorbid_anxiety;
  std::optional<bool> personality_disorder;
  std::optional<bool> psychosocial_stressors;
  std::optional<bool> childhood_adversity;
  std::optional<InterpersonalArea> interpersonal_problem_area;
  std::optional<bool> substance_use;
  std::optional<MentalizingCapacity> mentalizing;
  std::optional<bool> atypical_features;  // atypical depression features (MAOI moderator)
};

// What the patient prefers and declines (shared decision-making). Ids are next-step option ids
// (knowledge/interventions.json) or option categories ("psychotherapy", "neuromodulation", ...).
struct Preferences {
  std::vector<std::string> prefers;
  std::vector<std::string> declines;
};

enum class TreatmentKind {
  kAntidepressant,
  kAugmentation,  // a non-antidepressant agent added to an antidepressant trial
  kCombination,   // a second antidepressant added to an antidepressant trial
  kPsychotherapy,
  kEct,
  kRtms,
  kItbs,
  kKetamine,
  kEsketamine,
  kIntensifiedCare  // inpatient or day-hospital treatment
};

enum class StopReason { kNone, kIntolerance, kNonadherence, kPatientChoice, kResponse, kOther };
enum class TherapistExperience { kExperienced, kTrainee, kUnknown };
enum class TherapyFormat { kIndividual, kGroup, kCouple, kGuidedSelfHelp, kInternet };
enum class EctLaterality { kBilateral, kBifrontal, kRightUnilateral, kUnknown };
enum class CareSetting { kInpatient, kDayHospital };

// One step of a dose timeline: `mg_per_day` from `from` until the next step (or the end of the
// trial).
struct DoseStep {
  Date from;
  double mg_per_day = 0;
  std::optional<PartialDate> from_partial;
};

struct Treatment {
  std::string id;
  TreatmentKind kind = TreatmentKind::kAntidepressant;
  Date start;
  std::optional<Date> end;  // absent: ongoing at `as_of`
  std::optional<PartialDate> start_partial;
  std::optional<PartialDate> end_partial;
  std::string agent;  // drug or augmenting agent id, or psychotherapy modality id
  std::vector<DoseStep> doses;
  // Set by adapters whose source holds no dose for the trial (OMOP drug_exposure without quantity
  // or strength): with no dose steps, adequacy then rests on duration and the verdict relies on the
  // unverified dose (uncertain parameter "dose_unrecorded", so staging results are provisional).
  // Not part of the JSON format.
  bool dose_unrecorded = false;
  std::optional<double> serum_level;  // lithium mmol/L, nortriptyline ng/mL
  std::string augments;               // augmentation/combination: the base antidepressant trial id
  std::string combined_with;          // psychotherapy: the concurrent pharmacotherapy trial id
  std::optional<double> adherence_pct;
  StopReason stop_reason = StopReason::kNone;
  std::vector<std::string> adverse_effects;  // knowledge/adverse_effects.json ids, record order
  bool prospective = false;
  std::optional<int> sessions;  // attended psychotherapy sessions, ECT/rTMS/ketamine treatments
  TherapistExperience therapist = TherapistExperience::kUnknown;
  std::optional<TherapyFormat> format;
  EctLaterality laterality = EctLaterality::kUnknown;
  std::optional<CareSetting> setting;
  TrialOutcome outcome;
};

// One administration of a symptom instrument (assessments[] in the record). Items as scored, in
// item order (null = unanswered), or only a total when the items are not available.
struct Administration {
  std::string instrument;  // measures knowledge id: "phq9", "qids_sr16", "madrs", ...
  Date date;
  std::optional<PartialDate> date_partial;
  std::vector<std::optional<int>> items;
  std::map<int, std::string> variants;  // item number -> variant rated (HAM-D item 16: "A"/"B")
  std::optional<int> total;
  std::optional<int> safety_item;  // totals-only administrations: the self-harm item's raw value
  std::string treatment;           // optional: the treatment step this administration belongs to
  std::optional<int> session;      // optional: session number within that step
};

// A value the reader accepted as written differently from its id (a brand, a release form, another
// case or separators), so that reports can say what was done with the input.
struct InputNote {
  std::string path;     // "$.treatments[1].drug"
  std::string input;    // "Efexor XL"
  std::string read_as;  // "venlafaxine"
  std::string how;      // "brand or other name (E: BNF)", "release form XL ignored", ...
};

struct PatientRecord {
  std::string id;
  Date as_of;
  Demographics demographics;
  Diagnosis diagnosis = Diagnosis::kMdd;
  Episode episode;
  ClinicalFactors clinical;
  Preferences preferences;
  // Screened safety conditions by id (docs/patient-record.md): true present, false screened
  // absent; an id that is missing was not recorded.
  std::map<std::string, bool, std::less<>> conditions;
  std::vector<Treatment> treatments;
  std::vector<Administration> assessments;  // in SortAssessments order after reading
  std::vector<InputNote> input_notes;       // values read as another id, in record order
};

// Stable lower-case names used in the JSON format and in reports ("antidepressant",
// "severe_psychotic").
std::string_view ToString(TreatmentKind kind);
std::string_view ToString(Diagnosis diagnosis);
std::string_view ToString(Severity severity);

// The treatment with this id, or nullptr.
const Treatment* FindTreatment(const PatientRecord& record, std::string_view id);

// The date a treatment ended, or `as_of` if it is ongoing.
Date EffectiveEnd(const Treatment& treatment, Date as_of);

}  // namespace refract
