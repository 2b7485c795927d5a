// The port between an OMOP CDM 5.4 database and the extraction (omop/extraction.h): a source
// streams one person's rows at a time, in ascending person_id order, and answers the vocabulary
// look-ups the extraction needs. The CSV source (omop/csv_source.h) and the PostgreSQL source
// implement it; the extraction itself does no I/O.
//
// Only the columns the extraction reads are carried (OMOP CDM 5.4 field names in the comments).
// Dates are calendar dates; a missing optional column is nullopt.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "refract/base/date.h"
#include "refract/base/status.h"

namespace refract::omop {

using ConceptId = std::int64_t;

struct PersonRow {
  std::int64_t person_id = 0;
  std::optional<int> year_of_birth;
  std::optional<int> month_of_birth;
  std::optional<int> day_of_birth;
  ConceptId gender_concept_id = 0;  // 8507 male, 8532 female
};

// condition_occurrence: condition_concept_id, condition_start_date, condition_end_date.
struct ConditionRow {
  ConceptId concept_id = 0;
  Date start;
  std::optional<Date> end;
};

// drug_exposure: drug_concept_id, drug_exposure_start_date, drug_exposure_end_date (inclusive),
// quantity, days_supply.
struct DrugRow {
  ConceptId concept_id = 0;
  Date start;
  std::optional<Date> end;
  std::optional<double> quantity;
  std::optional<int> days_supply;
};

// procedure_occurrence: procedure_concept_id, procedure_date, quantity.
struct ProcedureRow {
  ConceptId concept_id = 0;
  Date date;
  std::optional<int> quantity;
};

// measurement or observation: *_concept_id, *_date, value_as_number.
struct ValueRow {
  ConceptId concept_id = 0;
  Date date;
  std::optional<double> value_as_number;
};

// Every row of one person, each table in source order.
struct PersonRows {
  PersonRow person;
  std::vector<ConditionRow> conditions;
  std::vector<DrugRow> drugs;
  std::vector<ProcedureRow> procedures;
  std::vector<ValueRow> measurements;
  std::vector<ValueRow> observations;

  // Empties the person and every table but keeps the vectors' storage, so that a source can refill
  // one PersonRows person after person without allocating.
  void Clear() {
    person = PersonRow{};
    conditions.clear();
    drugs.clear();
    procedures.clear();
    measurements.clear();
    observations.clear();
  }
};

// drug_strength: one ingredient of a drug product, amount per unit (tablet, capsule) or
// concentration (numerator per denominator).
struct DrugStrength {
  ConceptId ingredient_concept_id = 0;
  std::optional<double> amount_value;
  ConceptId amount_unit_concept_id = 0;  // 8576 = milligram
  std::optional<double> numerator_value;
  ConceptId numerator_unit_concept_id = 0;
  std::optional<double> denominator_value;
};

// What the extraction asks of the vocabulary tables: the concept codes of its code tables and the
// concept ids it rolls descendants up to.
struct VocabularyRequest {
  std::set<std::pair<std::string, std::string>> codes;  // (vocabulary_id, concept_code)
  // concept_ancestor.ancestor_concept_id values to follow, besides the ids the codes resolve to.
  std::set<ConceptId> ancestors;
};

// The answers, restricted to the request (so that a full vocabulary never sits in memory).
struct Vocabulary {
  // concept: (vocabulary_id, concept_code) -> concept_id, for the requested codes found.
  std::map<std::pair<std::string, std::string>, ConceptId> concept_ids;
  // concept_ancestor: descendant -> the requested or resolved ancestors it has (descendant !=
  // ancestor).
  std::map<ConceptId, std::vector<ConceptId>> ancestors;
  // drug_strength: drug product -> its ingredients' strengths (every row; the extraction keeps
  // the ingredients it knows).
  std::map<ConceptId, std::vector<DrugStrength>> strengths;
  bool concept_ancestor_empty = true;  // the table held no row at all
  bool drug_strength_empty = true;
};

// A stream of persons. Not thread-safe: one reader at a time.
class PersonSource {
 public:
  virtual ~PersonSource() = default;

  // Reads the vocabulary look-ups. Called once, before the first Next().
  virtual StatusOr<Vocabulary> ReadVocabulary(const VocabularyRequest& request) = 0;

  // The next person (ascending person_id, every person in the person table once) into `rows`;
  // false at the end. Errors name the table, the line or row and the rule broken (e.g. rows not in
  // person_id order, a malformed date).
  virtual StatusOr<bool> Next(PersonRows& rows) = 0;

  // Data-quality warnings about the source as a whole (e.g. rows whose person is not in the person
  // table), in the order found; complete after Next() returned false.
  virtual std::vector<std::string> Warnings() const = 0;
};

}  // namespace refract::omop
