// The OMOP CSV source: a directory of CDM 5.4 CSV files in the Eunomia layout (one file per table,
// named TABLE.csv in upper or lower case, a header row with the CDM field names, comma-separated,
// RFC 4180 quoting, dates YYYY-MM-DD). Parsed with libcsv.
//
// Streaming: every person table (condition_occurrence, drug_exposure, procedure_occurrence,
// measurement, observation) is read in step with person.csv, one person at a time, so memory holds
// one person's rows, never a whole table. REQUIRES every person table and person.csv to be sorted
// by person_id (ascending); a file that is not fails with an error naming the file and row (sort it
// first with tools/omop/sort_csv.py). The vocabulary tables (concept, concept_ancestor,
// drug_strength) are read once, keeping only the rows the request asks for.
//
// Missing tables: person.csv is required (kNotFound); any other missing table reads as empty, with
// a warning. Rows whose person is not in person.csv are skipped and counted in a warning.
#pragma once

#include <memory>
#include <string>

#include "refract/omop/person_source.h"

namespace refract::omop {

// kNotFound when the directory has no person.csv; kInvalidArgument for a header without a
// required column.
StatusOr<std::unique_ptr<PersonSource>> OpenCsvSource(const std::string& directory);

}  // namespace refract::omop
