// Patient questionnaire links (one-time, expiring, no account): the pieces the routes in
// questionnaire_routes.cc put together, pure where they can be. The link's token is the
// credential: 32 random bytes (libsodium), given once to the clinician; only its SHA-256 is
// stored (store.h QuestionnaireLink), and it is sent in a body or an `Authorization:
// Questionnaire <token>` header, never in a URL path (so it never reaches an access log).
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "refract/base/status.h"
#include "refract/engine/engine.h"
#include "refract/store/store.h"

namespace refract::server {

// The instruments a link may ask: free to reproduce, with their patient-facing wording in the
// knowledge (knowledge/instruments/*.json `wording`).
inline constexpr const char* kLinkInstruments[] = {"phq9", "gad7"};
inline constexpr int kDefaultLinkHours = 72;
inline constexpr int kMaxLinkHours = 336;  // two weeks

// POST /api/v1/patients/{id}/questionnaire-links {"instruments": [...], "expires_in_hours": n}:
// instruments a non-empty subset of kLinkInstruments without duplicates; hours 1..kMaxLinkHours
// (default kDefaultLinkHours). kInvalidArgument with the paths `instruments`, `instruments[i]`,
// `expires_in_hours`.
struct LinkRequest {
  std::vector<std::string> instruments = {};
  int expires_in_hours = kDefaultLinkHours;
};
StatusOr<LinkRequest> ReadLinkRequest(const nlohmann::json& body);

// The status a clinician sees: "used", "expired" (expires_at <= now) or "pending".
std::string LinkStatus(const store::QuestionnaireLink& link, const std::string& now);

// {"id", "name", "stem", "items": [{"number", "text"}], "responses": [{"value", "label"}],
// "attribution"} for each instrument: its scored items in order, as the patient reads them.
// kInternal when an instrument has no wording in the engine's knowledge.
StatusOr<nlohmann::json> QuestionnaireJson(const Engine& engine,
                                           const std::vector<std::string>& instruments);

// The answers of a submission: {"phq9": [9 integers], "gad7": [7 integers]}, every instrument of
// the link answered completely, each answer a response value of the wording (0-3), no other key.
// kInvalidArgument with paths like `answers`, `answers.phq9`, `answers.phq9[8]` ("must be an
// integer 0-3").
using Answers = std::map<std::string, std::vector<int>>;
StatusOr<Answers> ReadAnswers(const Engine& engine, const nlohmann::json& body,
                              const std::vector<std::string>& instruments);

// Whether an answered instrument's self-harm item (PHQ-9 item 9) is above 0.
bool SelfHarmPositive(const Engine& engine, const Answers& answers);

// `record` with one assessment per instrument dated `today`: {"instrument", "date", "items"}
// (docs/patient-record.md; the format has no field for where the answers came from).
nlohmann::json AddAnswers(nlohmann::json record, const Answers& answers, const std::string& today);

// Builds the new document from the latest version (`edit`) and completes the link with it
// (Store::CompleteQuestionnaireLink); when another change came first (kConflict) it re-reads the
// latest version and re-applies `edit`, at most kLinkRetries more times. Other errors are
// returned as they come.
inline constexpr int kLinkRetries = 3;
using LinkEdit = std::function<StatusOr<std::string>(const store::PatientVersion& latest)>;
StatusOr<store::PatientVersion> CompleteWithRetries(store::Store& store,
                                                    const store::QuestionnaireLink& link,
                                                    const std::string& now, const LinkEdit& edit,
                                                    const store::ChangeInfo& change);

}  // namespace refract::server
