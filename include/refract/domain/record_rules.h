// The rules every patient record obeys, whatever adapter built it (the JSON and YAML readers, the
// store, a FHIR or OMOP mapper): one canonical order for its arrays and the checks across fields
// (docs/patient-record.md, "Dates" and "Treatments"). Pure functions of the record.
#pragma once

#include "refract/base/status.h"
#include "refract/domain/patient.h"

namespace refract {

// Puts every array whose order carries no meaning into one canonical order, so that a record's
// results do not depend on the order its source listed things in:
// - treatments by start date, then id (ids are unique in a valid record);
// - each treatment's dose steps by `from`, and its adverse effects by id;
// - assessments by (imputed) date, then a total order on every other field, so that two
//   administrations on one day always come out in the same order;
// - preferred and declined option ids by id.
// Items of an administration keep their order (item order is the instrument's). Input notes keep
// record order: their paths name positions in the source document.
void NormalizeRecord(PatientRecord& record);

// The assessments in NormalizeRecord's order: by date, then every other field.
void SortAssessments(std::vector<Administration>& assessments);

// The checks across fields, with the JSON path of each problem in the record as given (call it
// before NormalizeRecord to report the source's positions):
// - dates: no recorded date after `as_of` (for a partial date, its period starts after as_of); a
//   trial's end not before its start; each dose step within the trial and after the step before;
// - references: trial ids unique; `augments` names another trial of kind antidepressant;
//   `combined_with` names a pharmacotherapy trial; an assessment's `treatment` names a trial;
// - preferences: no id both preferred and declined.
// OK, or kInvalidArgument with one FieldError per problem (Status::details()).
Status ValidateRecord(const PatientRecord& record);

}  // namespace refract
