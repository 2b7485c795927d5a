// Reading and changing one stored patient on behalf of a clinician, shared by the patient and the
// trial/assessment routes: the care-team check (a clinician sees only their team's patients;
// another team's patient is 403 and audited as denied), the If-Match version, validation of the
// edited record by the engine, the new version and its audit row.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "api.h"

namespace refract::server::api {

// The audit outcome of a failed request: denied, not_found, invalid, conflict or error.
std::string OutcomeOf(const Status& status);

// The patient (latest, or `version`), audited as `action` with outcome ok/denied/not_found.
StatusOr<store::PatientVersion> ReadPatient(Services& services, const Context& context,
                                            const std::string& patient_id,
                                            std::optional<int64_t> version,
                                            const std::string& action);

// The version in If-Match ("3" or 3). kFailedPrecondition when absent or malformed.
StatusOr<int64_t> IfMatchVersion(const Context& context);

// The record text after the engine has read and checked it (the same rules and field paths as
// `refract validate`), and its pseudonymous id.
struct ValidRecord {
  std::string document;
  std::string pseudonym;
};
StatusOr<ValidRecord> ValidateRecordJson(Services& services, const nlohmann::json& record);

// The server clock's date, YYYY-MM-DD (UTC).
std::string Today(const Services& services);

// {"patient_id", "team", "pseudonym", "version", "archived", "change", "record"} with an ETag.
Reply PatientReply(int status, const store::PatientVersion& patient);

using RecordEdit = std::function<StatusOr<nlohmann::json>(nlohmann::json record)>;

// Reads the patient at the If-Match version, applies `edit`, brings as_of up to today
// (record_edit.h BumpAsOf), validates and stores a new version with `reason`; audited as `action`
// (ok, denied, not_found, invalid, conflict).
StatusOr<Reply> ChangePatient(Services& services, Context& context, const std::string& action,
                              const std::string& reason, const RecordEdit& edit);

}  // namespace refract::server::api
