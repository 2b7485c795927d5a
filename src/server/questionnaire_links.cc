// Questionnaire links (src/server/questionnaire_links.h).
#include "questionnaire_links.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

namespace refract::server {
namespace {

using nlohmann::json;

bool IsLinkInstrument(const std::string& id) {
  return std::any_of(std::begin(kLinkInstruments), std::end(kLinkInstruments),
                     [&](const char* known) { return id == known; });
}

// The items a patient answers: the scored ones, in order.
std::vector<const measures::ItemDefinition*> AskedItems(
    const measures::InstrumentDefinition& instrument) {
  std::vector<const measures::ItemDefinition*> items;
  for (const measures::ItemDefinition& item : instrument.items) {
    if (item.scored) items.push_back(&item);
  }
  return items;
}

void ReadInstruments(const json& body, LinkRequest& request, std::vector<FieldError>& errors) {
  const auto value = body.find("instruments");
  if (value == body.end() || !value->is_array() || value->empty()) {
    errors.push_back({"instruments", "must be a non-empty array of instrument ids (phq9, gad7)"});
    return;
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < value->size(); ++i) {
    const json& id = (*value)[i];
    const std::string path = fmt::format("instruments[{}]", i);
    if (!id.is_string() || !IsLinkInstrument(id.get<std::string>())) {
      errors.push_back({path, "must be one of: phq9, gad7"});
    } else if (!seen.insert(id.get<std::string>()).second) {
      errors.push_back({path, "is listed twice"});
    } else {
      request.instruments.push_back(id.get<std::string>());
    }
  }
}

// The answers to one instrument, or errors under `answers.<id>`.
std::vector<int> ReadInstrumentAnswers(const measures::InstrumentDefinition& instrument,
                                       const json& given, std::vector<FieldError>& errors) {
  const std::string path = "answers." + instrument.id;
  const size_t count = AskedItems(instrument).size();
  const int max = static_cast<int>(instrument.wording->responses.size()) - 1;
  if (!given.is_array() || given.size() != count) {
    errors.push_back({path, fmt::format("must be an array of {} answers", count)});
    return {};
  }
  std::vector<int> values;
  for (size_t i = 0; i < count; ++i) {
    const json& answer = given[i];
    if (!answer.is_number_integer() || answer.get<int64_t>() < 0 || answer.get<int64_t>() > max) {
      errors.push_back(
          {fmt::format("{}[{}]", path, i), fmt::format("must be an integer 0-{}", max)});
      continue;
    }
    values.push_back(answer.get<int>());
  }
  return values;
}

}  // namespace

StatusOr<LinkRequest> ReadLinkRequest(const json& body) {
  LinkRequest request;
  std::vector<FieldError> errors;
  ReadInstruments(body, request, errors);
  if (const auto hours = body.find("expires_in_hours"); hours != body.end()) {
    if (!hours->is_number_integer() || hours->get<int64_t>() < 1 ||
        hours->get<int64_t>() > kMaxLinkHours) {
      errors.push_back(
          {"expires_in_hours", fmt::format("must be an integer from 1 to {}", kMaxLinkHours)});
    } else {
      request.expires_in_hours = hours->get<int>();
    }
  }
  for (const auto& [key, value] : body.items()) {
    if (key != "instruments" && key != "expires_in_hours") errors.push_back({key, "unknown field"});
  }
  if (!errors.empty()) return Status::InvalidFields(std::move(errors));
  return request;
}

std::string LinkStatus(const store::QuestionnaireLink& link, const std::string& now) {
  if (!link.used_at.empty()) return "used";
  return link.expires_at <= now ? "expired" : "pending";
}

StatusOr<json> QuestionnaireJson(const Engine& engine,
                                 const std::vector<std::string>& instruments) {
  json out = json::array();
  for (const std::string& id : instruments) {
    const measures::InstrumentDefinition* instrument = engine.Instrument(id);
    if (!instrument || !instrument->wording) {
      return Status::Internal("the knowledge has no patient wording for '" + id + "'");
    }
    json items = json::array();
    for (const measures::ItemDefinition* item : AskedItems(*instrument)) {
      items.push_back({{"number", item->number}, {"text", item->text}});
    }
    json responses = json::array();
    for (const measures::ResponseLabel& response : instrument->wording->responses) {
      responses.push_back({{"value", response.value}, {"label", response.label}});
    }
    out.push_back({{"id", id},
                   {"name", instrument->name},
                   {"stem", instrument->wording->stem},
                   {"items", items},
                   {"responses", responses},
                   {"attribution", instrument->wording->attribution}});
  }
  return out;
}

StatusOr<Answers> ReadAnswers(const Engine& engine, const json& body,
                              const std::vector<std::string>& instruments) {
  const auto given = body.find("answers");
  if (given == body.end() || !given->is_object()) {
    return Status::InvalidFields({{"answers", "must be an object of answers per instrument"}});
  }
  Answers answers;
  std::vector<FieldError> errors;
  for (const std::string& id : instruments) {
    const measures::InstrumentDefinition* instrument = engine.Instrument(id);
    if (!instrument || !instrument->wording) {
      return Status::Internal("the knowledge has no patient wording for '" + id + "'");
    }
    const auto answer = given->find(id);
    if (answer == given->end()) {
      errors.push_back({"answers." + id, "required: this questionnaire was asked"});
      continue;
    }
    answers[id] = ReadInstrumentAnswers(*instrument, *answer, errors);
  }
  for (const auto& [key, value] : given->items()) {
    if (std::find(instruments.begin(), instruments.end(), key) == instruments.end()) {
      errors.push_back({"answers." + key, "was not asked by this link"});
    }
  }
  if (!errors.empty()) return Status::InvalidFields(std::move(errors));
  return answers;
}

bool SelfHarmPositive(const Engine& engine, const Answers& answers) {
  for (const auto& [id, values] : answers) {
    const measures::InstrumentDefinition* instrument = engine.Instrument(id);
    if (!instrument || !instrument->safety_item) continue;
    const size_t index = static_cast<size_t>(instrument->safety_item->item - 1);
    if (index < values.size() && values[index] > 0) return true;
  }
  return false;
}

json AddAnswers(json record, const Answers& answers, const std::string& today) {
  if (!record.contains("assessments") || !record["assessments"].is_array()) {
    record["assessments"] = json::array();
  }
  for (const auto& [id, values] : answers) {
    record["assessments"].push_back({{"instrument", id}, {"date", today}, {"items", values}});
  }
  return record;
}

StatusOr<store::PatientVersion> CompleteWithRetries(store::Store& store,
                                                    const store::QuestionnaireLink& link,
                                                    const std::string& now, const LinkEdit& edit,
                                                    const store::ChangeInfo& change) {
  StatusOr<store::PatientVersion> result = Status::Internal("not attempted");
  for (int attempt = 0; attempt <= kLinkRetries; ++attempt) {
    StatusOr<store::PatientVersion> latest = store.GetPatient(link.patient_id, std::nullopt);
    if (!latest.ok()) return latest.status();
    StatusOr<std::string> document = edit(*latest);
    if (!document.ok()) return document.status();
    result =
        store.CompleteQuestionnaireLink(link.token_hash, now, latest->version, *document, change);
    if (result.ok() || result.status().code() != StatusCode::kConflict) return result;
  }
  return result;
}

}  // namespace refract::server
