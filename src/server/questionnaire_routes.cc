// Patient questionnaire links. A clinician of the patient's team makes a one-time link
// (POST /api/v1/patients/{id}/questionnaire-links) and lists the patient's links (no tokens);
// the patient, without an account, opens the questionnaire (POST /api/v1/questionnaire/open) and
// submits the answers once (POST /api/v1/questionnaire/submit), which adds one assessment per
// instrument dated the server's today as a new version. The token is the credential: in the body
// or an `Authorization: Questionnaire <token>` header, never the URL. An unknown, used or expired
// token is 410 with one message for all three, and its failures are throttled per client address
// (login_throttle.h). No patient identifier is ever returned to the patient.
#include "patient_access.h"
#include "questionnaire_links.h"
#include "record_edit.h"
#include "refract/server/secrets.h"

namespace refract::server::api {
namespace {

using nlohmann::json;

constexpr const char* kLinks = "/api/v1/patients/(p[0-9a-f]{16})/questionnaire-links";
constexpr const char* kGone = "This link has been used or has expired.";
constexpr const char* kLinkAuthor = "questionnaire-link";
constexpr size_t kTokenHexLength = 64;  // 32 bytes

Reply GoneReply() {
  return Reply{
      410,
      json{{"error", {{"code", "gone"}, {"message", kGone}, {"details", json::array()}}}}.dump(),
      "application/json",
      {}};
}

std::string Now(const Services& services) { return Iso8601(services.clock.Now()); }

// The token from `Authorization: Questionnaire <token>` or the body's "token"; "" when neither.
std::string TokenOf(const Context& context, const json& body) {
  const std::string header = context.request.get_header_value("Authorization");
  const std::string scheme = "Questionnaire ";
  if (header.rfind(scheme, 0) == 0) return header.substr(scheme.size());
  const auto token = body.find("token");
  return token != body.end() && token->is_string() ? token->get<std::string>() : "";
}

bool WellFormed(const std::string& token) {
  return token.size() == kTokenHexLength &&
         token.find_first_not_of("0123456789abcdef") == std::string::npos;
}

// The throttle key of failed link tokens from one address (the per-account limit applies to it).
std::string ThrottleKey(const Context& context) { return "questionnaire-link@" + context.address; }

// The usable link the request's token names; nullopt (after recording a throttled failure) for
// an unknown, used or expired one.
StatusOr<std::optional<store::QuestionnaireLink>> UsableLink(Services& services,
                                                             const Context& context,
                                                             const json& body) {
  const std::string token = TokenOf(context, body);
  StatusOr<store::QuestionnaireLink> link =
      WellFormed(token) ? services.store.FindQuestionnaireLink(Sha256Hex(token))
                        : StatusOr<store::QuestionnaireLink>(Status::NotFound("malformed token"));
  if (!link.ok() && link.status().code() != StatusCode::kNotFound) return link.status();
  if (link.ok() && LinkStatus(*link, Now(services)) == "pending") {
    return std::optional<store::QuestionnaireLink>(std::move(*link));
  }
  services.throttle.RecordFailure(ThrottleKey(context), context.address, services.clock.Now());
  return std::optional<store::QuestionnaireLink>();
}

// A 429 reply while the address is throttled, else nullopt.
std::optional<Reply> Throttled(Services& services, const Context& context) {
  const auto wait =
      services.throttle.RetryAfter(ThrottleKey(context), context.address, services.clock.Now());
  if (wait.count() == 0) return std::nullopt;
  return Reply{429,
               ErrorBody(Status::ResourceExhausted("too many failed attempts; try later")),
               "application/json",
               {{"Retry-After", std::to_string(wait.count())}}};
}

// The body as a JSON object; an empty body (the token in the Authorization header) is {}.
StatusOr<json> PublicBody(const Context& context) {
  if (context.request.body.empty()) return json::object();
  return ParseJsonObject(context.request);
}

json CrisisJson(const Services& services) { return {{"text", services.config.crisis_text}}; }

StatusOr<Reply> CreateLink(Services& services, Context& context) {
  StatusOr<json> body = ParseJsonObject(context.request);
  if (!body.ok()) return body.status();
  StatusOr<LinkRequest> request = ReadLinkRequest(*body);
  if (!request.ok()) return request.status();
  const std::string patient_id = context.Param(1);
  StatusOr<store::PatientVersion> patient = services.store.GetPatient(patient_id, std::nullopt);
  if (patient.ok() && patient->team != context.principal->user.team) {
    patient = Status::PermissionDenied("this patient belongs to another care team");
  } else if (patient.ok() && patient->archived) {
    patient = Status::FailedPrecondition("the patient is archived");
  }
  const std::string token = NewSecret();
  const TimePoint now = services.clock.Now();
  const store::QuestionnaireLink link{
      .token_hash = Sha256Hex(token),
      .patient_id = patient_id,
      .team = context.principal->user.team,
      .instruments = request->instruments,
      .created_by = context.principal->user.username,
      .created_at = Iso8601(now),
      .expires_at = Iso8601(now + std::chrono::hours(request->expires_in_hours))};
  const Status created =
      patient.ok() ? services.store.CreateQuestionnaireLink(link) : patient.status();
  if (Status audited =
          Audit(services, context, "clinician", "questionnaire_link.create", patient_id,
                patient.ok() ? patient->version : 0, created.ok() ? "ok" : OutcomeOf(created));
      !audited.ok()) {
    return audited;
  }
  if (!created.ok()) return created;
  return JsonReply(201, {{"token", token},
                         {"path", "/q/#t=" + token},
                         {"expires_at", link.expires_at},
                         {"instruments", link.instruments}});
}

StatusOr<Reply> ListLinks(Services& services, Context& context) {
  StatusOr<store::PatientVersion> patient =
      ReadPatient(services, context, context.Param(1), std::nullopt, "questionnaire_link.list");
  if (!patient.ok()) return patient.status();
  StatusOr<std::vector<store::QuestionnaireLink>> links =
      services.store.ListQuestionnaireLinks(patient->patient_id);
  if (!links.ok()) return links.status();
  const std::string now = Now(services);
  json out = json::array();
  for (const store::QuestionnaireLink& link : *links) {
    out.push_back({{"created_at", link.created_at},
                   {"created_by", link.created_by},
                   {"expires_at", link.expires_at},
                   {"used_at", link.used_at.empty() ? json(nullptr) : json(link.used_at)},
                   {"instruments", link.instruments},
                   {"status", LinkStatus(link, now)}});
  }
  return JsonReply(200, {{"links", out}});
}

StatusOr<Reply> Open(Services& services, Context& context) {
  if (std::optional<Reply> throttled = Throttled(services, context)) return *throttled;
  StatusOr<json> body = PublicBody(context);
  if (!body.ok()) return body.status();
  StatusOr<std::optional<store::QuestionnaireLink>> link = UsableLink(services, context, *body);
  if (!link.ok()) return link.status();
  if (!*link) return GoneReply();
  StatusOr<json> instruments = QuestionnaireJson(services.engine, (*link)->instruments);
  if (!instruments.ok()) return instruments.status();
  return JsonReply(200, {{"instruments", *instruments},
                         {"expires_at", (*link)->expires_at},
                         {"crisis", CrisisJson(services)}});
}

// The new document: the answers added to `latest`, as_of brought up to today, validated.
StatusOr<std::string> AnsweredDocument(Services& services, const store::PatientVersion& latest,
                                       const Answers& answers) {
  const std::string today = Today(services);
  json record = BumpAsOf(AddAnswers(json::parse(latest.document), answers, today), today);
  StatusOr<ValidRecord> valid = ValidateRecordJson(services, record);
  if (!valid.ok()) {
    return Status::Internal("the answers could not be added to the record; tell your care team");
  }
  return valid->document;
}

StatusOr<Reply> Submit(Services& services, Context& context) {
  if (std::optional<Reply> throttled = Throttled(services, context)) return *throttled;
  StatusOr<json> body = PublicBody(context);
  if (!body.ok()) return body.status();
  StatusOr<std::optional<store::QuestionnaireLink>> link = UsableLink(services, context, *body);
  if (!link.ok()) return link.status();
  if (!*link) return GoneReply();
  StatusOr<Answers> answers = ReadAnswers(services.engine, *body, (*link)->instruments);
  if (!answers.ok()) return answers.status();
  const store::ChangeInfo change{kLinkAuthor, Now(services), "patient questionnaire"};
  StatusOr<store::PatientVersion> stored = CompleteWithRetries(
      services.store, **link, change.time,
      [&](const store::PatientVersion& latest) {
        return AnsweredDocument(services, latest, *answers);
      },
      change);
  if (Status audited = Audit(services, context, "", "questionnaire.submit", (*link)->patient_id,
                             stored.ok() ? stored->version : 0,
                             stored.ok() ? "ok" : OutcomeOf(stored.status()), kLinkAuthor);
      !audited.ok()) {
    return audited;
  }
  if (!stored.ok() && stored.status().code() == StatusCode::kFailedPrecondition) {
    return GoneReply();
  }
  if (!stored.ok()) return stored.status();
  const bool self_harm = SelfHarmPositive(services.engine, *answers);
  return JsonReply(200, {{"received", true},
                         {"self_harm_positive", self_harm},
                         {"crisis", self_harm ? CrisisJson(services) : json(nullptr)}});
}

}  // namespace

void AddQuestionnaireRoutes(Routes& routes, Services& services) {
  auto bind = [&services](StatusOr<Reply> (*handler)(Services&, Context&)) {
    return [&services, handler](Context& context) { return handler(services, context); };
  };
  routes.Add("POST", kLinks, "/api/v1/patients/{id}/questionnaire-links", Access::kClinician,
             bind(CreateLink));
  routes.Add("GET", kLinks, "/api/v1/patients/{id}/questionnaire-links", Access::kClinician,
             bind(ListLinks));
  routes.Add("POST", "/api/v1/questionnaire/open", "/api/v1/questionnaire/open", Access::kPublic,
             bind(Open));
  routes.Add("POST", "/api/v1/questionnaire/submit", "/api/v1/questionnaire/submit",
             Access::kPublic, bind(Submit));
}

}  // namespace refract::server::api
