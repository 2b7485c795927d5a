// The PostgreSQL person source: streams an OMOP CDM 5.4 schema person by person in ascending
// person_id order (omop/person_source.h) without loading a table into memory.
//
// The database does the filtering and the ordering: one server-side cursor per clinical table
// (person, condition_occurrence, drug_exposure, procedure_occurrence, measurement, observation),
// each `ORDER BY person_id, <table>_id`, fetched in batches and merged on person_id here. Once
// the vocabulary is read, each clinical table's query returns only the rows whose concept the
// extraction can use (the concept ids the vocabulary resolved, the requested ancestor ids, their
// concept_ancestor descendants and the drug products drug_strength links to an ingredient) and,
// per person, one row of concept 0 carrying the latest date of the other rows (the extraction
// reads nothing else of them: the staging date is the day after a person's last dated row), so
// the results equal the CSV source's. The vocabulary queries are restricted to the request
// (concept by (vocabulary_id, concept_code), concept_ancestor by ancestor, drug_strength by
// ingredient). Every query runs in one repeatable-read transaction: one snapshot for the run.
//
// Example:
//   StatusOr<PostgresSpec> spec = ParsePostgresSpec("postgresql:///cdm_db?host=/tmp&schema=cdm");
//   StatusOr<std::unique_ptr<PersonSource>> source = OpenPostgresSource(*spec);
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "refract/base/status.h"
#include "refract/omop/person_source.h"

namespace refract::omop {

struct PostgresSpec {
  std::string uri;                // a libpq connection string or URI, without Refract's parameters
  std::string schema = "public";  // the CDM schema
  // Only the persons with FIRST <= person_id <= LAST (a partition of a distributed run).
  std::optional<std::pair<std::int64_t, std::int64_t>> persons;
};

// Splits "URI[?|&schema=NAME][&persons=FIRST-LAST]" (`schema` and `persons` are Refract's query
// parameters, not libpq's; without `schema` the schema is `default_schema`). The schema must be a
// plain lower-case SQL name ([a-z_][a-z0-9_]*), the range two integers FIRST <= LAST;
// kInvalidArgument otherwise.
StatusOr<PostgresSpec> ParsePostgresSpec(std::string_view text,
                                         std::string_view default_schema = "public");

// Connects and checks that the schema holds the person table. kUnavailable names a connection
// failure, kNotFound a missing schema or table.
StatusOr<std::unique_ptr<PersonSource>> OpenPostgresSource(const PostgresSpec& spec);

}  // namespace refract::omop
