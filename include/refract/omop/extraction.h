// One OMOP person's rows -> a refract-patient/1 record plus the assumptions made (docs/omop.md).
// Pure: no I/O, no clock; the staging date is the day after the person's last dated row.
//
// Rules (parameters from knowledge/omop/omop_mapping.json):
//  - Diagnosis: any bipolar/mania code -> bipolar; else any non-affective psychosis code -> other;
//    else any depression code -> MDD; no depression code -> no record (status "no_depression").
//  - Episodes: depression codes and depression treatments (antidepressant and augmentation eras,
//    esketamine, psychotherapy, ECT, rTMS) on one timeline; a gap of more than episode_gap_days
//    starts a new episode. The current episode is the last one holding a depression code; its onset
//    is its first event.
//  - Drugs roll up to ingredients: the concept itself, else concept_ancestor, else drug_strength.
//    Exposures of one ingredient at most drug_era_gap_days apart form one era (one trial).
//  - Dose: quantity x drug_strength amount (mg) / days_supply per exposure; with no computable dose
//    the trial is marked dose-unrecorded and its adequacy rests on duration (provisional).
//  - An antidepressant era starting while another runs and overlapping it by at least
//    combination_min_overlap_days is a combination; an augmenting agent overlapping an
//    antidepressant era is an augmentation of it; one without an antidepressant is ignored.
//  - Procedures: sessions at most procedure_course_gap_days apart form one course (sessions =
//    rows, or the quantity column when larger than 1).
//  - Instruments: totals with value_as_number; rows without a value are counted and reported.
//  - Outcome rule kTreatmentSequence: an antidepressant, combination or augmentation trial in the
//    current episode is a nonresponse when a next step (another antidepressant, a combination, an
//    augmentation, ECT, rTMS or esketamine) starts after it and no later than
//    sequence_max_days_after_end after its end. kScores leaves outcomes to the engine's
//    derivation from the instrument totals.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "refract/domain/patient.h"
#include "refract/omop/mapping.h"
#include "refract/omop/person_source.h"

namespace refract::omop {

enum class OutcomeRule { kScores, kTreatmentSequence };

std::string_view ToString(OutcomeRule rule);  // "scores", "treatment-sequence"

enum class ExtractionStatus { kRecord, kNoDepression };

struct Extraction {
  ExtractionStatus status = ExtractionStatus::kNoDepression;
  std::optional<PatientRecord> record;  // set for kRecord
  // Ids of the assumptions this person's record rests on, in a fixed order (AssumptionText gives
  // the words): "episode_rule", "drug_era_rule", "dose_unrecorded", "severity_not_coded",
  // "psychotherapy_modality_not_coded", "therapist_not_coded", "sequence_outcome".
  std::vector<std::string> assumptions;
  std::vector<std::string> warnings;      // data problems in this person's rows
  int instrument_rows_without_value = 0;  // mapped instrument rows with no value_as_number
  // Trials whose outcome the treatment-sequence rule inferred (results counting them are
  // provisional).
  std::set<std::string> sequence_outcomes;
  // Dose-unrecorded trials (adequacy rests on duration).
  std::set<std::string> dose_unrecorded;
};

// The assumption in words, with its parameter values and sources ("" for an unknown id).
std::string AssumptionText(std::string_view id, const OmopMapping& mapping);

Extraction ExtractPerson(const PersonRows& rows, const ResolvedMapping& mapping, OutcomeRule rule);

// The extraction under `rule` of a person extracted under the scores rule: equal to
// ExtractPerson(rows, mapping, rule) when `scores` is ExtractPerson(rows, mapping,
// OutcomeRule::kScores). The rules differ only in the outcomes the treatment-sequence rule adds, so
// a run under both extracts each person once.
Extraction WithOutcomeRule(Extraction scores, const ResolvedMapping& mapping, OutcomeRule rule);

}  // namespace refract::omop
