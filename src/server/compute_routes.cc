// Stateless computation and reference data: POST /api/v1/assess (a record in, the assessment out;
// nothing stored, so nothing audited), POST /api/v1/score (one administration, refract-score/1),
// POST /api/v1/meta (a meta-analysis of a CSV or Metapsy text, the JSON of `refract meta --json`),
// the knowledge version, the dose tables, instruments and models, and the raw JSON of one knowledge
// table or instrument definition (for the web app's forms; Engine::KnowledgeTableText). Signed-in
// users only: the knowledge is not secret, but the service is not public.
#include "api.h"
#include "refract/engine/meta_output.h"
#include "refract/io/assessment_json.h"
#include "refract/io/score_json.h"
#include "request_bodies.h"

namespace refract::server::api {
namespace {

using nlohmann::json;

StatusOr<Reply> Assess(Services& services, Context& context) {
  if (Status depth = CheckJsonDepth(context.request.body); !depth.ok()) return depth;
  StatusOr<PatientRecord> record =
      services.engine.ParseRecord(context.request.body, RecordSyntax::kJson);
  if (!record.ok()) return record.status();
  AssessOptions options;
  if (!context.Query("dose_table").empty()) options.dose_convention = context.Query("dose_table");
  StatusOr<Assessment> assessment = services.engine.Assess(*record, options);
  if (!assessment.ok()) return assessment.status();
  return Reply{200, AssessmentToJson(*assessment, false), "application/json", {}};
}

StatusOr<Reply> Score(Services& services, Context& context) {
  StatusOr<json> body = ParseJsonObject(context.request);
  if (!body.ok()) return body.status();
  StatusOr<ScoreRequest> request = ReadScoreRequest(*body);
  if (!request.ok()) return request.status();
  StatusOr<ScoreResult> result = services.engine.Score(*request);
  if (!result.ok()) return result.status();
  return Reply{200, ScoreToJson(*result->instrument, result->scored, -1), "application/json", {}};
}

StatusOr<Reply> Meta(Services& services, Context& context) {
  StatusOr<json> body = ParseJsonObject(context.request);
  if (!body.ok()) return body.status();
  StatusOr<MetaRequest> request = ReadMetaRequest(*body);
  if (!request.ok()) return request.status();
  StatusOr<MetaResult> result = services.engine.Meta(*request);
  if (!result.ok()) return result.status();
  return Reply{
      200, RenderMetaJson(MetaReport{std::move(*result), "request"}), "application/json", {}};
}

StatusOr<Reply> Knowledge(Services& services, Context&) {
  json models = json::array();
  for (const ModelInfo& model : services.engine.Models()) {
    models.push_back({{"id", model.id}, {"name", model.name}});
  }
  json dose_tables = json::array();
  for (std::string_view table : kDoseConventions) dose_tables.push_back(table);
  return JsonReply(200, {{"knowledge_version", services.engine.knowledge_version()},
                         {"dose_tables", dose_tables},
                         {"instruments", services.engine.InstrumentIds()},
                         {"models", models}});
}

Reply RawJson(std::string_view text) {
  return Reply{200, std::string(text), "application/json", {}};
}

StatusOr<Reply> KnowledgeTable(Services& services, Context& context) {
  const std::string name = context.Param(1);
  std::optional<std::string_view> text = services.engine.KnowledgeTableText(name);
  if (!text) {
    return Status::NotFound("no knowledge table '" + name +
                            "' (one of: antidepressants, augmenters, psychotherapies, "
                            "interventions, adverse_effects)");
  }
  return RawJson(*text);
}

StatusOr<Reply> InstrumentTable(Services& services, Context& context) {
  const std::string id = context.Param(1);
  std::optional<std::string_view> text = services.engine.InstrumentText(id);
  if (!text) return Status::NotFound("no instrument '" + id + "'");
  return RawJson(*text);
}

StatusOr<Reply> Models(Services& services, Context&) {
  json models = json::array();
  for (const ModelInfo& model : services.engine.Models()) {
    models.push_back({{"id", model.id}, {"name", model.name}});
  }
  return JsonReply(200, {{"models", models}});
}

}  // namespace

void AddComputeRoutes(Routes& routes, Services& services) {
  auto bind = [&services](StatusOr<Reply> (*handler)(Services&, Context&)) {
    return [&services, handler](Context& context) { return handler(services, context); };
  };
  routes.Add("POST", "/api/v1/assess", "/api/v1/assess", Access::kSignedIn, bind(Assess));
  routes.Add("POST", "/api/v1/meta", "/api/v1/meta", Access::kSignedIn, bind(Meta));
  routes.Add("POST", "/api/v1/score", "/api/v1/score", Access::kSignedIn, bind(Score));
  routes.Add("GET", "/api/v1/knowledge", "/api/v1/knowledge", Access::kSignedIn, bind(Knowledge));
  routes.Add("GET", "/api/v1/models", "/api/v1/models", Access::kSignedIn, bind(Models));
  routes.Add("GET", "/api/v1/knowledge/tables/([a-z_]{1,40})", "/api/v1/knowledge/tables/{name}",
             Access::kSignedIn, bind(KnowledgeTable));
  routes.Add("GET", "/api/v1/knowledge/instruments/([a-z0-9_]{1,40})",
             "/api/v1/knowledge/instruments/{id}", Access::kSignedIn, bind(InstrumentTable));
}

}  // namespace refract::server::api
