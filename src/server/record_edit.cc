// Sub-resource edits and the record as of a date (src/server/record_edit.h).
#include "record_edit.h"

#include <fmt/format.h>

#include "refract/base/date.h"

namespace refract::server {
namespace {

using nlohmann::json;

json& ArrayOf(json& record, const char* key) {
  if (!record.contains(key) || !record[key].is_array()) record[key] = json::array();
  return record[key];
}

// The string at `key` of `object`, or "" (also for a value of another type).
std::string TextOf(const json& object, const char* key) {
  if (!object.is_object()) return "";
  const auto value = object.find(key);
  return value != object.end() && value->is_string() ? value->get<std::string>() : "";
}

json::iterator FindTrial(json& treatments, const std::string& id) {
  return std::find_if(treatments.begin(), treatments.end(),
                      [&](const json& trial) { return TextOf(trial, "id") == id; });
}

Status CheckIndex(json& record, size_t index) {
  const json& assessments = ArrayOf(record, "assessments");
  if (index >= assessments.size()) {
    return Status::NotFound(
        fmt::format("no assessment at index {} (the record has {})", index, assessments.size()));
  }
  return Status::Ok();
}

// "2024" -> "2024-01-01", "2024-04" -> "2024-04-01": the first day a partial date can mean.
std::string FirstDay(const json& value) {
  if (!value.is_string()) return "";
  const std::string text = value.get<std::string>();
  if (text.size() == 4) return text + "-01-01";
  if (text.size() == 7) return text + "-01";
  return text;
}

bool After(const json& object, const char* key, const std::string& as_of) {
  return object.is_object() && object.contains(key) && FirstDay(object[key]) > as_of;
}

void TrimTrial(json& trial, const std::string& as_of) {
  if (After(trial, "end", as_of)) {
    trial.erase("end");
    trial.erase("outcome");
    trial.erase("stop_reason");
    trial.erase("adverse_effects");
    trial.erase("sessions");
  }
  if (trial.contains("doses") && trial["doses"].is_array()) {
    json kept = json::array();
    for (const json& dose : trial["doses"]) {
      if (!After(dose, "from", as_of)) kept.push_back(dose);
    }
    trial["doses"] = kept;
  }
}

}  // namespace

StatusOr<json> AddTrial(json record, const json& trial) {
  if (!trial.is_object() || !trial.contains("id") || !trial["id"].is_string()) {
    return Status::InvalidFields({{"$.id", "a trial needs a string id (e.g. \"T4\")"}});
  }
  json& treatments = ArrayOf(record, "treatments");
  const std::string id = trial["id"].get<std::string>();
  if (FindTrial(treatments, id) != treatments.end()) {
    return Status::AlreadyExists(fmt::format("the record already has a trial '{}'", id));
  }
  treatments.push_back(trial);
  return record;
}

StatusOr<json> CorrectTrial(json record, const std::string& id, json trial) {
  if (!trial.is_object()) return Status::InvalidFields({{"$", "must be a JSON object"}});
  if (trial.contains("id") && trial["id"] != id) {
    return Status::InvalidFields({{"$.id", fmt::format("must be '{}' (the trial addressed)", id)}});
  }
  json& treatments = ArrayOf(record, "treatments");
  auto found = FindTrial(treatments, id);
  if (found == treatments.end()) return Status::NotFound(fmt::format("no trial '{}'", id));
  trial["id"] = id;
  *found = std::move(trial);
  return record;
}

StatusOr<json> RetractTrial(json record, const std::string& id) {
  json& treatments = ArrayOf(record, "treatments");
  auto found = FindTrial(treatments, id);
  if (found == treatments.end()) return Status::NotFound(fmt::format("no trial '{}'", id));
  treatments.erase(found);
  return record;
}

StatusOr<json> AddAssessment(json record, const json& assessment) {
  if (!assessment.is_object()) return Status::InvalidFields({{"$", "must be a JSON object"}});
  ArrayOf(record, "assessments").push_back(assessment);
  return record;
}

StatusOr<json> CorrectAssessment(json record, size_t index, const json& assessment) {
  if (!assessment.is_object()) return Status::InvalidFields({{"$", "must be a JSON object"}});
  if (Status found = CheckIndex(record, index); !found.ok()) return found;
  record["assessments"][index] = assessment;
  return record;
}

StatusOr<json> RetractAssessment(json record, size_t index) {
  if (Status found = CheckIndex(record, index); !found.ok()) return found;
  record["assessments"].erase(index);
  return record;
}

StatusOr<json> RecordAsOf(json record, const std::string& as_of) {
  std::optional<Date> date = Date::Parse(as_of);
  if (!date) return Status::InvalidFields({{"as_of", "must be a date YYYY-MM-DD"}});
  if (as_of > TextOf(record, "as_of")) {
    return Status::InvalidFields({{"as_of", "must not be after the record's as_of"}});
  }
  json treatments = json::array();
  for (json& trial : ArrayOf(record, "treatments")) {
    if (After(trial, "start", as_of)) continue;
    TrimTrial(trial, as_of);
    treatments.push_back(std::move(trial));
  }
  record["treatments"] = std::move(treatments);
  json assessments = json::array();
  for (json& assessment : ArrayOf(record, "assessments")) {
    if (!After(assessment, "date", as_of)) assessments.push_back(std::move(assessment));
  }
  record["assessments"] = std::move(assessments);
  record["as_of"] = as_of;
  return record;
}

json BumpAsOf(json record, const std::string& today) {
  if (record.is_object() && record.contains("as_of") && record["as_of"].is_string() &&
      record["as_of"].get<std::string>() < today) {
    record["as_of"] = today;
  }
  return record;
}

}  // namespace refract::server
