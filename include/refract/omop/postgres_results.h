// `refract cohort --out postgres:URI[?schema=NAME]`: the per-person results (omop/cohort.h) in a
// PostgreSQL table, SCHEMA.refract_cohort_results (schema default "results"; schema and table
// created when missing), one row per person, outcome rule and model (the columns of the CSV
// results, omop/cohort_output.h) plus run_id; a person without a record has one row with empty
// rule and model. Primary key (run_id, person_id, rule, model).
//
// Idempotent per run id and all or nothing: Open starts one transaction that first deletes the
// run's earlier rows, Write streams rows with COPY, Commit makes them visible; a run that fails
// before Commit leaves the table as it was.
#pragma once

#include <memory>
#include <string>

#include "refract/base/status.h"
#include "refract/omop/cohort.h"
#include "refract/omop/postgres_source.h"

namespace refract::omop {

class PostgresResultsWriter {
 public:
  // kUnavailable names a connection or SQL failure.
  static StatusOr<std::unique_ptr<PostgresResultsWriter>> Open(const PostgresSpec& spec,
                                                               const std::string& run_id);
  virtual ~PostgresResultsWriter() = default;

  virtual Status Write(const PersonResult& result) = 0;
  virtual Status Commit() = 0;
};

}  // namespace refract::omop
