#include "patient_template.h"

namespace refract::cli {

std::string_view PatientTemplateYaml() {
  return R"yaml(# Refract patient record (refract-patient/1): one patient at one date (docs/patient-record.md).
# Every value below is a synthetic example: replace it, delete optional parts you do not need, then
# check the file with:   refract validate THIS_FILE.yaml
# Lists of accepted ids, with names: refract ids drugs | augmenters | modalities | adverse-effects |
# instruments | options | conditions. Brands and release forms are accepted for drugs and agents
# ("Efexor XL", "Abilify"); the report says what each was read as.
# Dates are written YYYY-MM-DD; every date but as_of may also be a month (write "April 2024" as
# 2024-04) or a year in quotes ("2024"). A month is read as its 15th and a year as 30 June; any result
# that the imputed day decides is marked PROVISIONAL (docs/patient-record.md#partial-dates).

# The record format; leave as is.
format: refract-patient/1
# A pseudonymous patient identifier (never a name or an NHS number).
id: patient-001
# The date of this assessment ("today"): ongoing treatments run to it; no date may be after it.
as_of: 2025-06-30

# Optional: sex is female | male | other; education_years 0-40.
demographics:
  birth_date: 1980-03-15
  sex: female
  education_years: 12

# Diagnosis: mdd | bipolar | other (only mdd is staged).
diagnosis: mdd

# The current depressive episode.
episode:
  onset: 2024-01-15          # when this episode began
  severity: severe           # subsyndromal | mild | moderate | severe | severe_psychotic
  psychotic_features: false  # true | false
  lifetime_episodes: 2       # including this one

# Optional clinical factors: leave out what is unknown. Yes/no fields take true | false.
clinical:
  functional_impairment: moderate  # none | mild | moderate | severe
  comorbid_anxiety: true
  personality_disorder: false
  psychosocial_stressors: true
  childhood_adversity: false
  # interpersonal_problem_area: none | grief | role_dispute | role_transition | interpersonal_deficits
  interpersonal_problem_area: role_transition
  substance_use: false
  mentalizing: moderate            # low | moderate | high
  atypical_features: false

# Optional: what the patient prefers and declines; option ids or categories (refract ids options).
preferences:
  prefers: [psychotherapy]
  declines: [esketamine]

# Optional: screened conditions, true = present, false = screened and absent; leave out what was
# not screened (refract ids conditions).
conditions:
  active_suicidality: false
  recent_suicide_attempt: false
  pregnancy: false

# Treatment trials, in any order. kind: antidepressant | combination | augmentation | psychotherapy |
# ect | rtms | itbs | ketamine | esketamine | intensified_care. `end` is exclusive (2025-01-01 to
# 2025-02-12 is 6 weeks); leave it out while the treatment is ongoing.
# stop_reason: none | intolerance | nonadherence | patient_choice | response | other
# outcome: scores (instrument: madrs | hamd17 | qids_sr16 | phq9 | bdi2, baseline, end) and/or
# judgement: nonresponse | partial_response | response | remission | unknown
treatments:
  # An antidepressant with its dose steps (refract ids drugs); each step from a date, in mg_per_day
  # (or mcg_per_day). adherence_pct: percent of doses taken, leave out if unknown.
  - id: T1
    kind: antidepressant
    drug: sertraline
    start: 2024-02          # a month, as a letter gives it
    end: 2024-05-01
    doses:
      - {from: 2024-02, mg_per_day: 50}
      - {from: 2024-03-01, mg_per_day: 100}
    adherence_pct: 90
    outcome: {instrument: madrs, baseline: 32, end: 28}

  # A second antidepressant, ongoing (no end).
  - id: T2
    kind: antidepressant
    drug: venlafaxine
    start: 2024-05-15
    doses:
      - {from: 2024-05-15, mg_per_day: 75}
      - {from: 2024-06-01, mg_per_day: 150}

  # An augmentation: a non-antidepressant agent (refract ids augmenters) added to the trial named in
  # augments. adverse_effects: ids from refract ids adverse-effects.
  - id: A1
    kind: augmentation
    agent: aripiprazole
    augments: T2
    start: 2024-09-01
    end: 2024-10-01
    doses:
      - {from: 2024-09-01, mg_per_day: 5}
    stop_reason: intolerance
    adverse_effects: [akathisia]
    outcome: {judgement: unknown}

  # A psychotherapy (refract ids modalities). sessions: attended sessions; therapist: experienced |
  # trainee | unknown; format: individual | group | couple | guided_self_help | internet;
  # combined_with: the medication trial given at the same time, if any.
  - id: P1
    kind: psychotherapy
    modality: cbt
    start: 2024-06-01
    end: 2024-09-01
    sessions: 12
    therapist: experienced
    format: individual
    combined_with: T2
    outcome: {judgement: partial_response}

  # A course of ECT. sessions: treatments given; laterality: bilateral | bifrontal |
  # right_unilateral | unknown.
  - id: E1
    kind: ect
    start: 2025-01-10
    end: 2025-02-20
    sessions: 10
    laterality: right_unilateral
    outcome: {instrument: hamd17, baseline: 28, end: 18}

# Optional: symptom measures (refract ids instruments). Give the item scores in item order (null =
# unanswered) or, when the items are not available, the total.
assessments:
  # By items: PHQ-9, item 9 is the self-harm item.
  - instrument: phq9
    date: 2025-06-02
    items: [2, 2, 1, 2, 1, 1, 2, 1, 0]
  # By total: MADRS; safety_item is the self-harm item (item 10) when known.
  - instrument: madrs
    date: 2025-06-30
    total: 24
    safety_item: 0
)yaml";
}

}  // namespace refract::cli
