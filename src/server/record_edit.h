// Edits of a stored refract-patient/1 document for the trial and assessment sub-resources, and the
// record as of an earlier date. Pure JSON transforms; the result is validated by the engine before
// it is stored, so these check only what addresses the item (ids, indexes).
//
// Trials are addressed by their `id`; assessments (which have no id in refract-patient/1) by their
// index in the stored version's `assessments` array — unambiguous because every change names the
// version it edits (If-Match).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "refract/base/status.h"

namespace refract::server {

// kAlreadyExists when the id is taken; kInvalidArgument ($.id) when `trial` has no string id.
StatusOr<nlohmann::json> AddTrial(nlohmann::json record, const nlohmann::json& trial);
// Replaces trial `id` (the body's id must be absent or equal). kNotFound for an unknown id.
StatusOr<nlohmann::json> CorrectTrial(nlohmann::json record, const std::string& id,
                                      nlohmann::json trial);
StatusOr<nlohmann::json> RetractTrial(nlohmann::json record, const std::string& id);

StatusOr<nlohmann::json> AddAssessment(nlohmann::json record, const nlohmann::json& assessment);
StatusOr<nlohmann::json> CorrectAssessment(nlohmann::json record, size_t index,
                                           const nlohmann::json& assessment);
StatusOr<nlohmann::json> RetractAssessment(nlohmann::json record, size_t index);

// The record as it stood on `as_of` (YYYY-MM-DD, not after the record's own as_of): trials that
// started later and assessments dated later are left out; a trial that ended later is ongoing, and
// what was only known at its end (outcome, stop reason, adverse effects, the session count) is
// dropped, as are dose steps from later; as_of is set. Dates recorded to the month or year compare
// by their first day.
// kInvalidArgument (as_of) for a malformed date or one after the record's as_of.
StatusOr<nlohmann::json> RecordAsOf(nlohmann::json record, const std::string& as_of);

// Keeps a changed record current: sets its as_of to `today` (YYYY-MM-DD, the server clock's date)
// when that is later than the recorded as_of (a string). Anything else is left for validation.
nlohmann::json BumpAsOf(nlohmann::json record, const std::string& today);

}  // namespace refract::server
